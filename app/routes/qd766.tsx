/**
 * Chỉ số 766 (Decision 766/QĐ-TTg index): the scorecard per commune — the six groups, the total "X / Y điểm
 * tính được" and the rank on the share of computable points — and the province's breakdown line by line.
 * One line says which groups cannot be computed from the source data and why (ADR 024). The online-services
 * group has no published formula and is shown as "chưa tính được / not computed", never as a number.
 */
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { KpiTile } from '~/components/tiles/KpiTile'
import { Group766Tiles } from '~/components/tiles/Group766Tiles'
import { Card, ResultView } from '~/components/states/States'
import { DataTable, type Column } from '~/components/table/DataTable'
import { TableView } from '~/components/table/TableView'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { formatter } from '~/components/format'
import { loadQd766, page766, rankProvince766, type GroupCode, type ScoreRow } from '~/dashboard/qd766.server'
import { listCommunes } from '~/models/communes.server'
import { listProvinces } from '~/dashboard/provinces.server'
import { NATION } from '../../db/pg/reads/communes.ts'
import { Province766Table } from '~/components/overview/Province766Table'
import { qd766Table } from '~/dashboard/commune.tables'
import { periodOfUrl } from '~/lib/url-filters'

import { useLang, useT } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Chỉ số 766 — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const period = periodOfUrl(request.url)
  const national = stores.config.PROVINCE_CODE === NATION
  const [shell, full, communes, provinces] = await Promise.all([
    loadShell(stores),
    loadQd766(stores, period),
    national ? listCommunes(stores.pg.db, NATION) : null,
    national ? listProvinces(stores, NATION) : null,
  ])
  // A nation's scorecard ships one page (sorted, searched on the server) and ranks the provinces.
  const paged = full.rows.ok ? page766(full.rows.data, new URL(request.url).searchParams) : null
  const provinceRows =
    full.rows.ok && communes && provinces
      ? rankProvince766(full.rows.data, new Map(communes.map((c) => [c.code, c.provinceCode])), provinces)
      : null
  const data = { ...full, rows: paged ? { ok: true as const, data: paged.rows } : full.rows }
  return { shell, period, data, paging: paged?.paging ?? null, provinceRows }
}

type GroupInfo = { code: GroupCode; max: number; computable: number | null; points: number | null }

/** One line: the groups the source data cannot give (and why), then those only partly computed. */
function CoverageLine({ groups }: { groups: GroupInfo[] }) {
  const t = useT()
  const lang = useLang()
  const score = formatter('score', lang)
  const name = (g: GroupInfo) => t(`q766.group.${g.code}`)
  const missing = groups.filter((g) => g.points === null)
  const partial = groups.filter((g) => g.computable !== null && g.computable < g.max)
  return (
    <p className="small" data-testid="q766-coverage">
      <strong>{t('q766.cannotCompute')}:</strong> {missing.map((g) => `${name(g)} (${g.max}: ${t.code(`q766.why.${g.code}`)})`).join('; ')}
      {partial.length ? (
        <>
          {'. '}
          {t('q766.partial')}: {partial.map((g) => `${name(g)} (${score(g.computable)} / ${g.max})`).join('; ')}
        </>
      ) : null}
      .
    </p>
  )
}

/** The scorecard's columns: rank, commune, each group "x /computable", the total "X / Y" and the share ranked on. */
function useScoreColumns(groups: { code: GroupCode; max: number }[], keep: string): Column<ScoreRow>[] {
  const t = useT()
  const lang = useLang()
  const score = formatter('score', lang)
  const int = formatter('int', lang)
  const pct = formatter('pct', lang)
  const nc = <span className="not-computed">{t('q766.notComputed')}</span>
  return [
    { key: 'rank', header: t('q766.rank'), numeric: true, firstDir: 'asc', value: (r) => r.rank, render: (r) => int(r.rank) },
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#qd766`}>{r.name}</Link>,
    },
    ...groups.map((g): Column<ScoreRow> => ({
      key: g.code,
      header: (
        <>
          {t(`q766.group.${g.code}`)} <span className="muted small">/{g.max}</span>
        </>
      ),
      numeric: true,
      value: (r) => r.groups[g.code],
      render: (r) =>
        r.groups[g.code] === null ? (
          nc
        ) : (
          <>
            {score(r.groups[g.code])}
            {r.groupMax[g.code] !== g.max ? <span className="muted small"> /{score(r.groupMax[g.code])}</span> : null}
          </>
        ),
      className: g.code === 'TDGQ' || g.code === 'MDHL' ? undefined : 'hide-sm',
    })),
    {
      key: 'total',
      header: t('kpi.qd766_total'),
      numeric: true,
      value: (r) => r.total,
      render: (r) =>
        r.total === null ? (
          nc
        ) : (
          <>
            <strong>{score(r.total)}</strong> <span className="muted small">/ {score(r.outOf)}</span>
          </>
        ),
    },
    { key: 'share', header: t('q766.share'), numeric: true, value: (r) => r.share, render: (r) => pct(r.share) },
  ]
}

export default function Qd766Page() {
  const { shell, period, data, paging, provinceRows } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { search, keep } = usePeriodSearch()
  const score = formatter('score', lang)
  const nc = <span className="not-computed">{t('q766.notComputed')}</span>
  const columns = useScoreColumns(data.groups, keep)
  const prov = data.province
  return (
    <Layout shell={shell} title={t('nav.qd766')} subtitle={t('q766.subtitle')}>
      <FilterBar resolved={period} />
      <section className="tiles" aria-label={t('overview.tiles')}>
        <KpiTile
          id="qd766"
          kpi="qd766_total"
          result={prov.ok && data.tile ? { ok: true, data: data.tile } : prov.ok ? { ok: true, data: { value: null } } : prov}
          direction="higher_better"
          format={score}
          href="#breakdown"
        />
        {prov.ok ? <Group766Tiles groups={prov.data.groupInfo} /> : null}
      </section>
      {prov.ok ? <CoverageLine groups={prov.data.groupInfo} /> : null}
      <p className="muted small">
        {t('q766.rankNote')} {t('q766.onlineNote')}
      </p>
      {provinceRows ? (
        <Card title={t('nation.q766Table')} id="provinces">
          <Province766Table rows={provinceRows} />
        </Card>
      ) : null}
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
              paging={paging}
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
              rowKey={(l) => l.code}
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
