/** The data page's rejected records: counts by job and reason, the filter (job, reason, record), and the paged list. */
import { Form, Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt } from '~/i18n/format'
import type { RejectFilter, RejectRow } from '~/dashboard/data-health.server'
import { Pager } from './Pager'
import { detailText, reasonText, type ColumnLabels } from './rejects'

type ReasonCount = { job: string; reason: string; count: number }

/** Rejects counted by job and reason (folded), each a link that filters the list below; a line when there are none. */
export function ReasonsTable({ reasons: rs }: { reasons: ReasonCount[] }) {
  const t = useT()
  const lang = useLang()
  return rs.length === 0 ? (
    <p className="muted">{t('data.noRejects')}</p>
  ) : (
    <details>
      <summary>{t('data.reasonsTitle')}</summary>
      <table className="data" data-testid="reasons-table">
        <thead>
          <tr>
            <th scope="col">{t('data.job')}</th>
            <th scope="col">{t('data.reason')}</th>
            <th scope="col" className="num">
              {t('data.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rs.map((r) => (
            <tr key={`${r.job}/${r.reason}`}>
              <th scope="row">{r.job}</th>
              <td>
                <Link to={`?job=${encodeURIComponent(r.job)}&reason=${encodeURIComponent(r.reason)}#rejects`}>
                  {reasonText(t, r.reason)}
                </Link>
              </td>
              <td className="num">{fmtInt(r.count, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

/** The list's filter: a job, a reason (of that job), a record id; a GET form, so the URL says what is shown. */
export function RejectFilterForm({ filter, reasons }: { filter: RejectFilter; reasons: ReasonCount[] }) {
  const t = useT()
  const jobNames = [...new Set(reasons.map((r) => r.job))]
  const reasonNames = [...new Set(reasons.filter((r) => !filter.job || r.job === filter.job).map((r) => r.reason))]
  return (
    <Form method="get" className="filter-bar" role="search" aria-label={t('data.rejectFilter')} preventScrollReset>
      <label>
        <span>{t('data.job')}</span>
        <select name="job" defaultValue={filter.job ?? ''} key={`j${filter.job}`}>
          <option value="">{t('dash.allTypes')}</option>
          {jobNames.map((j) => (
            <option key={j} value={j}>
              {j}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('data.reason')}</span>
        <select name="reason" defaultValue={filter.reason ?? ''} key={`r${filter.reason}`}>
          <option value="">{t('dash.allTypes')}</option>
          {reasonNames.map((r) => (
            <option key={r} value={r}>
              {reasonText(t, r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('data.recordSearch')}</span>
        <input type="search" name="rq" defaultValue={filter.rq ?? ''} key={`q${filter.rq}`} />
      </label>
      <button type="submit" className="btn">
        {t('dash.apply')}
      </button>
    </Form>
  )
}

/** One page of rejected records: when, which job, why, the record, the detail in words, and the raw line. */
export function RejectsTable({
  r,
  labels,
}: {
  r: { rows: RejectRow[]; page: number; pages: number; total: number }
  labels: ColumnLabels
}) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <div className="table-wrap">
        <table className="data" data-testid="rejects-table">
          <caption className="sr-only">{t('data.rejectsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.at')}</th>
              <th scope="col">{t('data.job')}</th>
              <th scope="col">{t('data.reason')}</th>
              <th scope="col">{t('data.recordId')}</th>
              <th scope="col">{t('data.detail')}</th>
              <th scope="col" className="hide-sm">
                {t('data.raw')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x) => (
              <tr key={x.id}>
                <td className="nowrap">{fmtDateTime(x.at, lang)}</td>
                <td>{x.job}</td>
                <th scope="row">{reasonText(t, x.reason)}</th>
                <td>{x.recordId ?? '—'}</td>
                <td>{detailText(t, labels[x.job], x.detail, x.reason, x.raw)}</td>
                <td className="hide-sm">
                  <details>
                    <summary>{t('data.showRaw')}</summary>
                    <pre className="raw">{x.raw}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={r.page} pages={r.pages} total={r.total} param="rpage" />
    </>
  )
}
