/**
 * Chỉ số 766 (Decision 766/QĐ-TTg index): the scorecard per commune — the six groups, the total and the
 * rank — and the province's breakdown line by line. The online-services group has no published formula
 * and is shown as "chưa tính được / not computed", never as a number.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { KpiTile } from '~/components/tiles/KpiTile'
import { Card, ResultView } from '~/components/states/States'
import { DataTable, type Column } from '~/components/table/DataTable'
import { TableView } from '~/components/table/TableView'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { formatter } from '~/components/format'
import { loadQd766, type ScoreRow } from '~/dashboard/qd766.server'
import { qd766Table } from '~/dashboard/commune.tables'
import { parseFilters, periodParams, resolvePeriod } from '~/lib/url-filters'
import { getTargets } from '~/kpi/index.server'
import { attempt } from '~/components/states/result'
import { useLang, useT } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Chỉ số 766 — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const period = resolvePeriod(parseFilters(new URL(request.url).searchParams))
  const [shell, data, targets] = await Promise.all([
    loadShell(stores),
    loadQd766(stores, period),
    attempt('qd766:targets', () => getTargets(stores)),
  ])
  return { shell, period, data, target: targets.ok ? (targets.data.qd766_total?.target ?? null) : null }
}

export default function Qd766Page() {
  const { shell, period, data, target } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const keep = periodParams(search)
  const score = formatter('score', lang)
  const int = formatter('int', lang)
  const nc = <span className="not-computed">{t('q766.notComputed')}</span>
  const columns: Column<ScoreRow>[] = [
    { key: 'rank', header: t('q766.rank'), numeric: true, firstDir: 'asc', value: (r) => r.rank, render: (r) => int(r.rank) },
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#qd766`}>{r.name}</Link>,
    },
    ...data.groups.map((g): Column<ScoreRow> => ({
      key: g.code,
      header: (
        <>
          {lang === 'vi' ? g.vi : g.en} <span className="muted small">/{g.max}</span>
        </>
      ),
      numeric: true,
      value: (r) => r.groups[g.code],
      render: (r) => (r.groups[g.code] === null ? nc : score(r.groups[g.code])),
      className: g.code === 'TDGQ' || g.code === 'MDHL' ? undefined : 'hide-sm',
    })),
    { key: 'total', header: t('kpi.qd766_total'), numeric: true, value: (r) => r.total, render: (r) => <strong>{score(r.total)}</strong> },
  ]
  const prov = data.province
  return (
    <Layout shell={shell} title={t('nav.qd766')} subtitle={t('q766.subtitle')}>
      <FilterBar resolved={period} />
      <section className="tiles" aria-label={t('overview.tiles')}>
        <KpiTile
          id="qd766"
          label={t('q766.provinceTotal')}
          result={
            prov.ok ? { ok: true, data: { value: prov.data.total, previous: data.previous.ok ? data.previous.data : null, target } } : prov
          }
          direction="higher_better"
          format={score}
          href="#breakdown"
        />
        {prov.ok
          ? prov.data.groupInfo.map((g) => (
              <div key={g.code} className="tile" role="group" aria-label={lang === 'vi' ? g.vi : g.en} data-group={g.code}>
                <div className="tile-label">{lang === 'vi' ? g.vi : g.en}</div>
                <div className="tile-value">{g.points === null ? nc : `${score(g.points)}`}</div>
                <div className="tile-meta small muted">/ {g.max}</div>
              </div>
            ))
          : null}
      </section>
      <p className="muted small">{t('q766.onlineNote')}</p>
      <Card title={t('q766.scorecardTitle')} id="scorecard">
        <ResultView result={data.rows} what={t('q766.scorecardTitle')}>
          {(rows) => (
            <DataTable
              id="qd766-table"
              caption={t('q766.scorecardTitle')}
              columns={columns}
              rows={rows}
              rowKey={(r) => r.code}
              defaultSort={{ key: 'rank', dir: 'asc' }}
              urlSync
              exportHref={`/export/qd766${search}`}
              rowProps={(r) => ({ 'data-commune': r.code })}
            />
          )}
        </ResultView>
      </Card>
      <Card title={`${t('q766.breakdownTitle')} — ${t('settings.province')}`} id="breakdown">
        <ResultView result={prov} what={t('q766.breakdownTitle')}>
          {(p) => (
            <TableView
              id="province-766"
              table={qd766Table(lang, p.lines, [], p.groups)}
              exportHref={`/export/qd766${search ? search + '&' : '?'}table=lines`}
              hideSmall={['source']}
              render={{ points: (l) => (l.points === null ? nc : score(l.points)) }}
            />
          )}
        </ResultView>
      </Card>
    </Layout>
  )
}
