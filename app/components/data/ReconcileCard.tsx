/** The latest reconciliation of dossiers with the source (etl/jobs/reconcile): totals and the cells that differed. */
import type { ReconcileCell, ReconcileSummary } from '../../../db/clickhouse/reads/reconcile.ts'
import { useLang, useT } from '~/root'
import { fmtDate, fmtDateTime, fmtInt } from '~/i18n/format'

export function ReconcileReport({ summary, differing }: { summary: ReconcileSummary | null; differing: ReconcileCell[] }) {
  const t = useT()
  const lang = useLang()
  if (!summary) return <p data-testid="reconcile-none">{t('data.reconcileNone')}</p>
  return (
    <>
      <dl className="kv" data-testid="reconcile-summary">
        <dt>{t('data.reconcileAt')}</dt>
        <dd>{fmtDateTime(new Date(summary.run_ms), lang)}</dd>
        <dt>{t('data.reconcileWindow')}</dt>
        <dd>{fmtDate(summary.window_from, lang)}</dd>
        <dt>{t('data.reconcileCells')}</dt>
        <dd>
          {fmtInt(summary.cells, lang)} · {t('data.reconcileDiffering')}: {fmtInt(summary.differing, lang)}
        </dd>
        <dt>{t('data.reconcileRecords')}</dt>
        <dd>
          {fmtInt(summary.source_count, lang)} / {fmtInt(summary.stored_count, lang)} · {t('data.reconcileLoaded')}:{' '}
          {fmtInt(summary.loaded, lang)}
        </dd>
      </dl>
      {differing.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="reconcile-table">
            <caption className="sr-only">{t('data.reconcileDiffering')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('data.reconcileCommune')}</th>
                <th scope="col">{t('data.reconcileDay')}</th>
                <th scope="col" className="num">
                  {t('data.reconcileSource')}
                </th>
                <th scope="col" className="num">
                  {t('data.reconcileStored')}
                </th>
                <th scope="col" className="num">
                  {t('data.reconcileLoaded')}
                </th>
              </tr>
            </thead>
            <tbody>
              {differing.map((c) => (
                <tr key={`${c.commune_code} ${c.day}`}>
                  <td>{c.commune_code}</td>
                  <td className="nowrap">{fmtDate(c.day, lang)}</td>
                  <td className="num">{fmtInt(c.source_count, lang)}</td>
                  <td className="num">{fmtInt(c.stored_count, lang)}</td>
                  <td className="num">{fmtInt(c.loaded, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}
