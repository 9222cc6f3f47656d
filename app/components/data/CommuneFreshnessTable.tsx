/**
 * Dữ liệu → Dữ liệu mới nhất theo xã (IT): each commune's newest dossier data and when it was loaded, the communes
 * silent longer than the threshold flagged and listed first. The threshold can be changed on the page (`silent`).
 */
import { Form } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt, fmtNum } from '~/i18n/format'
import type { CommuneFreshness } from '~/dashboard/commune-freshness.server'

function silence(h: number | null, t: ReturnType<typeof useT>, lang: 'vi' | 'en'): string {
  if (h === null) return t('fresh.never')
  return h >= 48 ? t('fresh.days', { n: fmtNum(h / 24, 0, lang) }) : t('fresh.hours', { n: fmtNum(h, 0, lang) })
}

export function CommuneFreshnessTable({ rows, threshold }: { rows: CommuneFreshness[]; threshold: number }) {
  const t = useT()
  const lang = useLang()
  const silent = rows.filter((r) => r.silent).length
  return (
    <>
      <p data-testid="fresh-summary">
        {silent > 0 ? (
          <span className="level level-watch">
            {t('fresh.silentCount', { n: fmtInt(silent, lang), total: fmtInt(rows.length, lang), h: fmtInt(threshold, lang) })}
          </span>
        ) : (
          <span className="level level-normal">
            {t('fresh.allHeard', { total: fmtInt(rows.length, lang), h: fmtInt(threshold, lang) })}
          </span>
        )}
      </p>
      <Form method="get" className="filter-bar" preventScrollReset aria-label={t('fresh.threshold')}>
        <label>
          <span>{t('fresh.threshold')}</span>
          <input type="number" name="silent" min={1} max={720} defaultValue={threshold} key={threshold} inputMode="numeric" size={4} />
        </label>
        <button type="submit" className="btn">
          {t('dash.apply')}
        </button>
      </Form>
      <details open={silent > 0}>
        <summary>{t('fresh.showAll', { total: fmtInt(rows.length, lang) })}</summary>
        <div className="table-wrap">
          <table className="data cards-sm" data-testid="commune-freshness">
            <caption className="sr-only">{t('fresh.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('commune')}</th>
                <th scope="col">{t('fresh.lastData')}</th>
                <th scope="col">{t('fresh.loadedAt')}</th>
                <th scope="col">{t('fresh.silence')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} data-commune={r.code} data-silent={r.silent ? 'yes' : 'no'}>
                  <th scope="row" data-label={t('commune')}>
                    {r.name}
                  </th>
                  <td className="nowrap" data-label={t('fresh.lastData')}>
                    {fmtDateTime(r.lastAt, lang)}
                  </td>
                  <td className="nowrap" data-label={t('fresh.loadedAt')}>
                    {fmtDateTime(r.loadedAt, lang)}
                  </td>
                  <td data-label={t('fresh.silence')}>
                    <span className={`level level-${r.silent ? 'watch' : 'normal'}`}>{silence(r.silentHours, t, lang)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  )
}
