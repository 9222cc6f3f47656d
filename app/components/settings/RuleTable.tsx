/**
 * One table of editable rules (KPI targets or alert thresholds): the province default and per-commune
 * overrides, each row an inline form for its own fields, with a delete button on overrides.
 */
import type { ReactNode } from 'react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

export interface RuleRow {
  id: number
  kpi: string
  communeCode: string | null
  updatedAt: string | Date
  updatedBy: string | null
}

export function RuleTable<R extends RuleRow>(props: {
  testId: string
  /** 'target' | 'threshold': the form intents are `<kind>.save` and `<kind>.delete`. */
  kind: 'target' | 'threshold'
  rows: R[]
  busy: boolean
  kpiLabel: (kpi: string) => string
  scopeName: (code: string | null) => string
  /** The editable inputs of one row. */
  fields: (row: R) => ReactNode
}) {
  const t = useT()
  const lang = useLang()
  const { kind, busy, kpiLabel, scopeName } = props
  return (
    <div className="table-wrap">
      <table className="data" data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">{t('settings.kpi')}</th>
            <th scope="col">{t('settings.scope')}</th>
            <th scope="col">{t('settings.edit')}</th>
            <th scope="col" className="hide-sm">
              {t('settings.updated')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('settings.delete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id} data-kpi={r.kpi} data-commune={r.communeCode ?? ''}>
              <th scope="row">{kpiLabel(r.kpi)}</th>
              <td>{scopeName(r.communeCode)}</td>
              <td>
                <Form method="post" className="inline-form" preventScrollReset>
                  <CsrfInput />
                  <input type="hidden" name="intent" value={`${kind}.save`} />
                  <input type="hidden" name="id" value={r.id} />
                  <input type="hidden" name="kpi" value={r.kpi} />
                  <input type="hidden" name="communeCode" value={r.communeCode ?? ''} />
                  {props.fields(r)}
                  <button type="submit" className="btn" disabled={busy}>
                    {t('settings.save')}
                  </button>
                </Form>
              </td>
              <td className="hide-sm small muted">
                {fmtDateTime(r.updatedAt, lang)}
                {r.updatedBy ? ` · ${r.updatedBy}` : ''}
              </td>
              <td>
                {r.communeCode !== null ? (
                  <Form method="post" preventScrollReset>
                    <CsrfInput />
                    <input type="hidden" name="intent" value={`${kind}.delete`} />
                    <input type="hidden" name="id" value={r.id} />
                    <button
                      type="submit"
                      className="btn btn-danger"
                      disabled={busy}
                      aria-label={`${t('settings.delete')} ${kpiLabel(r.kpi)} — ${scopeName(r.communeCode)}`}
                    >
                      {t('settings.delete')}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
