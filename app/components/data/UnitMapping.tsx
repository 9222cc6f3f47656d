/**
 * Dữ liệu → Đơn vị cũ chưa nhận diện (IT, ADR 035): each unit the kept `unknown_unit` rejects came from, how many
 * records and dossiers, and a commune to map it to (prefilled with the saved mapping, else the lineage's
 * suggestion). One form, two buttons: save the mapping, or save it and run the rejects again. The result in words.
 */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { ReasonCounts } from '~/components/data/ReasonCounts'
import { CommuneOptions } from '~/components/forms/ParamSelect'
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import type { RerunResult, UnknownUnit } from '~/dashboard/unit-mapping.server'

export type UnitActionResult =
  | { ok: true; intent: 'units.save' | 'rejects.rerun'; saved: number; rerun?: RerunResult }
  | { ok: false; intent: 'units.save' | 'rejects.rerun'; error: string }

export function RerunSummary({ r }: { r: RerunResult }) {
  const t = useT()
  const lang = useLang()
  if (r.read === 0) return <p data-testid="rerun-result">{t('units.rerunNothing')}</p>
  const still = Object.values(r.rejected).reduce((a, b) => a + b, 0)
  const text = t('units.rerunDone', {
    read: fmtInt(r.read, lang),
    loadedDossiers: fmtInt(r.loadedDossiers, lang),
    loaded: fmtInt(r.loaded, lang),
    still: fmtInt(still, lang),
  })
  return (
    <div className={`flash ${still ? 'flash-warn' : 'flash-ok'}`} role="status" data-testid="rerun-result">
      <p>{text}</p>
      {still ? <ReasonCounts counts={r.rejected} /> : null}
    </div>
  )
}

export function UnitMapping(props: {
  units: UnknownUnit[]
  communes: { code: string; name: string }[]
  result: UnitActionResult | undefined
  busy: boolean
}) {
  const { units, communes, result, busy } = props
  const t = useT()
  const lang = useLang()
  return (
    <>
      {result && !result.ok ? (
        <div className="flash flash-error" role="alert">
          {t.code(result.error)}
        </div>
      ) : null}
      {result?.ok && result.saved > 0 ? (
        <p className="flash flash-ok" role="status">
          {t('units.saved', { n: fmtInt(result.saved, lang) })}
        </p>
      ) : null}
      {result?.ok && result.rerun ? <RerunSummary r={result.rerun} /> : null}
      <p className="muted small">{t('units.intro')}</p>
      {units.length === 0 ? (
        <p className="muted" data-testid="units-none">
          {t('units.none')}
        </p>
      ) : (
        <Form method="post" preventScrollReset data-testid="unit-mapping">
          <CsrfInput />
          <div className="table-wrap">
            <table className="data cards-sm" data-testid="units-table">
              <caption className="sr-only">{t('units.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('units.unit')}</th>
                  <th scope="col" className="num">
                    {t('units.records')}
                  </th>
                  <th scope="col" className="num">
                    {t('units.dossiers')}
                  </th>
                  <th scope="col">{t('units.target')}</th>
                </tr>
              </thead>
              <tbody>
                {units.map((u, i) => (
                  <UnitRow key={u.unit} u={u} i={i} communes={communes} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="form-actions">
            <button type="submit" name="intent" value="units.save" className="btn" disabled={busy}>
              {t('units.save')}
            </button>{' '}
            <button
              type="submit"
              name="intent"
              value="rejects.rerun"
              className="btn btn-primary"
              disabled={busy}
              data-testid="rerun-rejects"
            >
              {t('units.rerun')}
            </button>
          </p>
        </Form>
      )}
    </>
  )
}

/** One old unit: its counts and the commune it maps to (the saved mapping, else the lineage's suggestion). */
function UnitRow({ u, i, communes }: { u: UnknownUnit; i: number; communes: { code: string; name: string }[] }) {
  const t = useT()
  const lang = useLang()
  const name = (code: string) => communes.find((c) => c.code === code)?.name ?? code
  return (
    <tr data-unit={u.unit}>
      <th scope="row" data-label={t('units.unit')}>
        {u.unit || '—'}
        <input type="hidden" name={`unit.${i}`} value={u.unit} />
      </th>
      <td className="num" data-label={t('units.records')}>
        {fmtInt(u.records, lang)}
      </td>
      <td className="num" data-label={t('units.dossiers')}>
        {fmtInt(u.dossiers, lang)}
      </td>
      <td data-label={t('units.target')}>
        <select name={`target.${i}`} defaultValue={u.target ?? u.suggestion?.code ?? ''} aria-label={`${t('units.target')}: ${u.unit}`}>
          <option value="">{t('units.choose')}</option>
          <CommuneOptions communes={communes} />
        </select>
        <div className="muted small">
          {u.target ? (
            <span className="level level-normal">{t('units.mapped')}</span>
          ) : u.suggestion ? (
            <span data-testid="unit-suggestion">
              {t('units.suggested')}: {name(u.suggestion.code)} ({t(`units.why.${u.suggestion.why}`)})
            </span>
          ) : null}
        </div>
      </td>
    </tr>
  )
}
