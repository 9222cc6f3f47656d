/**
 * Rows of the source code tables (app/routes/data.codes.tsx): each row an inline form for its meaning, with
 * its state (a default to review, unmapped with the records it rejected) and a delete button.
 */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { fieldError } from '~/components/forms/FormBits'
import type { ActionResult } from '~/dashboard/forms'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

export interface CodeTableRow {
  system: 'igate' | 'dvcqg' | 'contract'
  kind: 'status' | 'channel' | 'unit'
  code: string
  target: string | null
  label: string | null
  isDefault: boolean
  unmappedSeen: number
  lastSeenAt: string | null
  updatedAt: string
  updatedBy: string | null
}

type Communes = { code: string; name: string }[]

/** The meaning of a code: a status 1…10, a channel 1…3, or a commune (code or pre-merger name, with suggestions). */
export function CodeTargetInput(props: {
  kind: CodeTableRow['kind'] | 'any'
  name: string
  communes: Communes
  listId: string
  defaultValue?: string | null
  label?: string
}) {
  const t = useT()
  const { kind, name, communes, listId } = props
  if (kind === 'status' || kind === 'channel')
    return (
      <select name={name} defaultValue={props.defaultValue ?? ''} aria-label={props.label}>
        <option value="">{t('codes.choose')}</option>
        {Array.from({ length: kind === 'status' ? 10 : 3 }, (_, i) => String(i + 1)).map((v) => (
          <option key={v} value={v}>
            {t.code(`codes.${kind}.${v}`)}
          </option>
        ))}
      </select>
    )
  return (
    <>
      <input name={name} defaultValue={props.defaultValue ?? ''} list={listId} maxLength={200} size={12} aria-label={props.label} />
      <datalist id={listId}>
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </datalist>
    </>
  )
}

export function CodeTable(props: {
  testId: string
  rows: CodeTableRow[]
  communes: Communes
  fields: Record<string, Record<string, string>>
  busy: boolean
  result: ActionResult | undefined
  /** Show the system and kind columns (the list of unmapped codes mixes them). */
  showSystem?: boolean
}) {
  const t = useT()
  const lang = useLang()
  const { rows, busy, result } = props
  return (
    <div className="table-wrap">
      <table className="data" data-testid={props.testId}>
        <thead>
          <tr>
            {props.showSystem ? <th scope="col">{t('codes.field')}</th> : null}
            <th scope="col">{t('codes.code')}</th>
            <th scope="col">{t('codes.label')}</th>
            <th scope="col">{t('codes.target')}</th>
            <th scope="col">{t('codes.state')}</th>
            <th scope="col" className="hide-sm">
              {t('codes.updated')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('codes.delete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const key = `${r.system}/${r.kind}/${r.code}`
            const err = fieldError(result, 'code.save', 'target', key, 'row')
            return (
              <tr key={key} data-code={key} className={r.target === null ? 'row-warn' : undefined}>
                {props.showSystem ? (
                  <td className="small">
                    {t(`codes.system.${r.system}`)} · {props.fields[r.system]?.[r.kind]}
                  </td>
                ) : null}
                <th scope="row">
                  <code>{r.code}</code>
                </th>
                <td>{r.label ?? '—'}</td>
                <td>
                  <Form method="post" className="inline-form" preventScrollReset>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="code.save" />
                    <input type="hidden" name="row" value={key} />
                    <input type="hidden" name="system" value={r.system} />
                    <input type="hidden" name="kind" value={r.kind} />
                    <input type="hidden" name="code" value={r.code} />
                    <input type="hidden" name="label" value={r.label ?? ''} />
                    <CodeTargetInput
                      kind={r.kind}
                      name="target"
                      communes={props.communes}
                      listId={`communes-${key}`}
                      defaultValue={r.target}
                      label={`${t('codes.target')} — ${r.code}`}
                    />
                    <button type="submit" className="btn" disabled={busy}>
                      {t('codes.save')}
                    </button>
                    {err ? (
                      <span className="field-error" role="alert">
                        {t.code(err)}
                      </span>
                    ) : null}
                  </Form>
                </td>
                <td className="small">
                  {r.target === null ? (
                    <span className="level level-critical">{t('codes.unmapped')}</span>
                  ) : r.isDefault ? (
                    <span className="level level-watch">{t('codes.default')}</span>
                  ) : (
                    <span className="level level-normal">{t('codes.mapped')}</span>
                  )}
                  {r.unmappedSeen > 0 ? (
                    <div className="muted">
                      {t('codes.seenRecords', { n: r.unmappedSeen })}
                      {r.lastSeenAt ? `, ${t('codes.lastSeen')} ${fmtDateTime(r.lastSeenAt, lang)}` : ''}
                    </div>
                  ) : null}
                </td>
                <td className="hide-sm small muted">
                  {fmtDateTime(r.updatedAt, lang)}
                  {r.updatedBy ? ` · ${r.updatedBy}` : ''}
                </td>
                <td>
                  <Form method="post" preventScrollReset>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="code.delete" />
                    <input type="hidden" name="row" value={key} />
                    <input type="hidden" name="system" value={r.system} />
                    <input type="hidden" name="kind" value={r.kind} />
                    <input type="hidden" name="code" value={r.code} />
                    <button type="submit" className="btn btn-danger" disabled={busy} aria-label={`${t('codes.delete')} ${r.code}`}>
                      {t('codes.delete')}
                    </button>
                  </Form>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
