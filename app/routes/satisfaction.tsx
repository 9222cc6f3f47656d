/**
 * Hài lòng & phản ánh: counter ratings and the share satisfied (land procedures apart), complaints by
 * class and category — harassment (nhũng nhiễu), extra papers demanded, VNeID demanded for in-person
 * filing — with on-time handling, and the same per commune.
 */
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { KpiTile, type TileData } from '~/components/tiles/KpiTile'
import { KpiFigure } from '~/components/tiles/KpiFigure'
import { Card, ResultView } from '~/components/states/States'
import { DataTable, type Column } from '~/components/table/DataTable'
import { TableView } from '~/components/table/TableView'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { BarsChart } from '~/components/charts/Charts'
import { formatter } from '~/components/format'
import type { Result } from '~/components/states/result'
import { loadSatisfaction, type SatisfactionRow } from '~/dashboard/satisfaction.server'
import { categoryRows, categoryTable, satisfactionTable } from '~/dashboard/satisfaction.tables'
import { computeTotals } from '~/lib/table-spec'
import { periodOfUrl } from '~/lib/url-filters'

import { langFromRequest } from '~/i18n/lang.server'
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { drillHref } from '~/lib/drill'
import { DrillLink } from '~/components/table/DrillLink'

export const meta: MetaFunction = () => [{ title: 'Hài lòng & phản ánh — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const period = periodOfUrl(request.url)
  const { lang } = langFromRequest(request)
  const [shell, data] = await Promise.all([loadShell(stores), loadSatisfaction(stores, period)])
  const totals = data.rows.ok ? computeTotals(satisfactionTable(lang, data.rows.data, [])) : null
  return { shell, period, data, totals }
}

export default function SatisfactionPage() {
  const { shell, period, data, totals } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { search, keep } = usePeriodSearch()
  const f = { int: formatter('int', lang), pct: formatter('pct', lang), pp: formatter('pp', lang) }
  const { sat, satPrev, comp, compPrev, targets } = data
  const tile = <A,>(cur: Result<A>, prev: Result<A>, value: (a: A) => number | null, target?: number | null): Result<TileData> =>
    cur.ok ? { ok: true, data: { value: value(cur.data), previous: prev.ok ? value(prev.data) : null, target: target ?? null } } : cur
  const tgt = targets.ok ? (targets.data.satisfied_share?.target ?? null) : null
  const columns: Column<SatisfactionRow>[] = [
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#satisfaction`}>{r.name}</Link>,
    },
    { key: 'rated', header: t('sat.rated'), numeric: true, value: (r) => r.rated, render: (r) => f.int(r.rated), className: 'hide-sm' },
    {
      key: 'satisfiedShare',
      header: t('kpi.satisfied_share'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.satisfiedShare,
      render: (r) => f.pct(r.satisfiedShare),
    },
    {
      key: 'landSatisfiedShare',
      header: t('sat.landShare'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.landSatisfiedShare,
      render: (r) => f.pct(r.landSatisfiedShare),
      className: 'hide-sm',
    },
    {
      key: 'complaints',
      header: t('sat.complaints'),
      numeric: true,
      value: (r) => r.complaints,
      render: (r) => (
        <DrillLink commune={r.code} range={period.current} cls="complained">
          {f.int(r.complaints)}
        </DrillLink>
      ),
    },
    { key: 'harassment', header: t('sat.cat.nhung_nhieu'), numeric: true, value: (r) => r.harassment, render: (r) => f.int(r.harassment) },
    {
      key: 'extraPapers',
      header: t('sat.cat.them_giay_to'),
      numeric: true,
      value: (r) => r.extraPapers,
      render: (r) => f.int(r.extraPapers),
      className: 'hide-sm',
    },
    {
      key: 'vneid',
      header: t('sat.cat.yeu_cau_vneid'),
      numeric: true,
      value: (r) => r.vneid,
      render: (r) => f.int(r.vneid),
      className: 'hide-sm',
    },
    {
      key: 'onTimeRate',
      header: t('sat.onTimeRate'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.onTimeRate,
      render: (r) => f.pct(r.onTimeRate),
    },
  ]
  return (
    <Layout shell={shell} title={t('nav.satisfaction')} subtitle={t('sat.subtitle')}>
      <FilterBar resolved={period} />
      <section className="tiles" aria-label={t('overview.tiles')}>
        <KpiTile
          id="satisfied"
          kpi="satisfied_share"
          result={tile(sat, satPrev, (s) => s.ratings.satisfiedShare, tgt)}
          direction="higher_better"
          format={f.pct}
          formatDelta={f.pp}
          href="#ratings"
        />
        <KpiTile
          id="landSatisfied"
          kpi="land_satisfied_share"
          result={tile(sat, satPrev, (s) => s.landRatings.satisfiedShare, tgt)}
          direction="higher_better"
          format={f.pct}
          formatDelta={f.pp}
          href="#ratings"
        />
        <KpiTile
          id="complaints"
          kpi="complaints"
          result={tile(comp, compPrev, (c) => c.total)}
          direction="lower_better"
          format={f.int}
          href={drillHref(null, period.current, 'complained')}
        />
        <KpiTile
          id="harassment"
          kpi="harassment_complaints"
          result={tile(comp, compPrev, (c) => c.byCategory.nhung_nhieu.total)}
          direction="lower_better"
          format={f.int}
          href="#categories"
        />
        <KpiTile
          id="extraPapers"
          kpi="complaints_extra_papers"
          result={tile(comp, compPrev, (c) => c.byCategory.them_giay_to.total)}
          direction="lower_better"
          format={f.int}
          href="#categories"
        />
        <KpiTile
          id="vneid"
          kpi="complaints_vneid"
          result={tile(comp, compPrev, (c) => c.byCategory.yeu_cau_vneid.total)}
          direction="lower_better"
          format={f.int}
          href="#categories"
        />
        <KpiTile
          id="onTimeHandling"
          kpi="complaints_on_time"
          result={tile(comp, compPrev, (c) => (c.total ? c.onTime / c.total : null))}
          direction="higher_better"
          format={f.pct}
          formatDelta={f.pp}
          href="#categories"
        />
      </section>
      <div>
        <Card title={t('sat.ratings')} id="ratings">
          <ResultView result={sat} what={t('sat.ratings')} isEmpty={(s) => s.ratings.rated === 0}>
            {(s) => (
              <>
                <BarsChart
                  data={s.ratings.levels.map((n, i) => ({ level: t.code(`sat.level${i + 1}`), all: n, land: s.landRatings.levels[i] }))}
                  xKey="level"
                  series={[
                    { key: 'all', label: t('sat.allProcedures') },
                    { key: 'land', label: t('sat.landProcedures') },
                  ]}
                  label={t('sat.ratings')}
                  formatY={(v) => fmtInt(v, lang)}
                />
                <div className="small">
                  {t('sat.rated')}: {f.int(s.ratings.rated)} · <KpiFigure kpi="satisfied_share" value={s.ratings.satisfiedShare} /> ·{' '}
                  <KpiFigure kpi="land_satisfied_share" value={s.landRatings.satisfiedShare} /> ({f.int(s.landRatings.rated)}) ·{' '}
                  {t('drill.class.rated_unsatisfied')}:{' '}
                  <DrillLink range={period.current} cls="rated_unsatisfied">
                    {f.int(s.ratings.levels[0] + s.ratings.levels[1])}
                  </DrillLink>
                </div>
                <div className="small muted">
                  <KpiFigure kpi="qd766_satisfaction" value={s.dossierSatisfaction.rate} /> ({fmtInt(s.dossierSatisfaction.numerator, lang)}
                  /{fmtInt(s.dossierSatisfaction.denominator, lang)}) →{' '}
                  {s.dossierSatisfaction.points === null
                    ? t('q766.notComputed')
                    : `${formatter('score', lang)(s.dossierSatisfaction.points)}/6`}
                </div>
              </>
            )}
          </ResultView>
        </Card>
        <Card title={t('sat.byCategory')} id="categories">
          <ResultView result={comp} what={t('sat.byCategory')}>
            {(c) => (
              <>
                <TableView
                  id="categories"
                  table={categoryTable(lang, categoryRows(c), [])}
                  exportHref={`/export/satisfaction${search ? search + '&' : '?'}table=categories`}
                  hideSmall={['handled', 'answered', 'satisfied']}
                />
                <p className="small">
                  {t('sat.cls.hanh_vi')}: {f.int(c.byClass.hanh_vi.total)} · {t('sat.cls.quy_dinh')}: {f.int(c.byClass.quy_dinh.total)} ·{' '}
                  {t('sat.landComplaints')}: {f.int(c.land.total)}
                </p>
              </>
            )}
          </ResultView>
        </Card>
      </div>
      <Card title={t('sat.byCommune')} id="communes">
        <ResultView result={data.rows} what={t('sat.byCommune')}>
          {(rows) => (
            <DataTable
              id="satisfaction-table"
              caption={t('sat.byCommune')}
              columns={columns}
              rows={rows}
              rowKey={(r) => r.code}
              defaultSort={{ key: 'satisfiedShare', dir: 'asc' }}
              urlSync
              exportHref={`/export/satisfaction${search ? search + '&' : '?'}table=communes`}
              footer={
                totals ? (
                  <tr data-testid="satisfaction-totals">
                    <th scope="row">{t('dash.total')}</th>
                    <td className="num hide-sm">{f.int(totals.rated ?? null)}</td>
                    <td className="num" data-total="satisfiedShare">
                      {f.pct(totals.satisfiedShare ?? null)}
                    </td>
                    <td className="hide-sm" />
                    <td className="num" data-total="complaints">
                      {f.int(totals.complaints ?? null)}
                    </td>
                    <td className="num" data-total="harassment">
                      {f.int(totals.harassment ?? null)}
                    </td>
                    <td className="num hide-sm">{f.int(totals.extraPapers ?? null)}</td>
                    <td className="num hide-sm">{f.int(totals.vneid ?? null)}</td>
                    <td className="num">{f.pct(totals.onTimeRate ?? null)}</td>
                  </tr>
                ) : undefined
              }
              rowProps={(r) => ({ 'data-commune': r.code })}
            />
          )}
        </ResultView>
      </Card>
    </Layout>
  )
}
