/**
 * Tổng quan — the province overview: KPI tiles (each vs the comparison period and the target), the
 * commune choropleth by a chosen KPI, the ranked commune table (sparklines, diacritic-insensitive search,
 * totals, export) and the current alerts. Filters live in the URL. A commune user sees their commune only.
 */
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Suspense, type ReactNode } from 'react'
import { Await, Link, useLoaderData, useLocation } from '@remix-run/react'
import { ParamSelect } from '~/components/forms/ParamSelect'
import { requirePermission, scopeCommunes } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { useActionOptions } from '~/planning/ui/action-options'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout, PrintButton } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { KpiTile } from '~/components/tiles/KpiTile'
import { ChoroplethMap } from '~/components/map/ChoroplethMap'
import { DataTable, type Column } from '~/components/table/DataTable'
import { skipParamRevalidation } from '~/components/table/revalidate'
import { Sparkline } from '~/components/charts/Sparkline'
import { OverloadBadge } from '~/components/overview/OverloadBadge'
import { AlertsList } from '~/components/overview/AlertsList'
import { Card, ErrorState, ResultView } from '~/components/states/States'
import { formatter } from '~/components/format'
import { loadOverview, loadSparks, scopedCommunes, type OverviewRow } from '~/dashboard/overview.server'
import { kpiColumn, pageOverview } from '~/dashboard/overview-paging'
import { MAP_KPI_SPECS, overviewExport } from '~/dashboard/overview.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { computeTotals } from '~/lib/table-spec'
import { drillHref, type DossierClass } from '~/lib/drill'
import { DrillLink } from '~/components/table/DrillLink'
import { CommuneHome } from '~/components/commune/CommuneHome'
import { loadCommuneHome } from '~/dashboard/commune-home.server'
import { nationMap, provinceMap } from '~/lib/charts/geo.server'
import { listProvinces, nationLevel } from '~/dashboard/provinces.server'
import { NATION } from '../../db/pg/reads/communes.ts'
import { NationBar, withProvince } from '~/components/overview/NationBar'
import { ProvinceRanking } from '~/components/overview/ProvinceRanking'
import { MAP_KPIS, parseFilters, periodParams, resolvePeriod, type MapKpi } from '~/lib/url-filters'
import { langFromRequest } from '~/i18n/lang.server'
import { useLang, useT } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Tổng quan — Một Cửa KPI' }]
// The map's indicator is a switch between figures the page already has (every row carries every KPI):
// changing it updates the URL without running the loader again.
export const shouldRevalidate = skipParamRevalidation('kpi')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const url = new URL(request.url)
  const filters = parseFilters(url.searchParams)
  const period = resolvePeriod(filters)
  const { lang } = langFromRequest(request)
  const scope = scopeCommunes(user)
  const communes = await scopedCommunes(stores, scope, filters.type)
  // A commune user's home is their worklist and their figures against the province (issue 18, ADR 026).
  const own = scope !== 'all' && scope.length === 1 ? communes.find((c) => c.code === scope[0]) : undefined
  // A national deployment (ADR 033): the nation ranks its provinces; `?province=` (or the user's own province)
  // narrows `stores` to one province, whose overview is the province overview of today.
  const national = stores.config.PROVINCE_CODE === NATION
  const [level, provinces] = await Promise.all([nationLevel(stores, user), national ? listProvinces(stores, NATION) : undefined])
  const [shell, ov, home] = await Promise.all([
    loadShell(stores),
    loadOverview(stores, communes, period, provinces),
    own ? loadCommuneHome(stores, own.code, own.fullName, period) : null,
  ])
  const table = overviewExport(lang, ov.rows, periodNotes(lang, period, shell.synthetic))
  // A nation's 3,321 communes: one page of the table (totals above are over all of them), ADR 041.
  const paged = pageOverview(ov.rows, url.searchParams, filters.kpi, new Map((provinces ?? []).map((p) => [p.code, p.name])))
  return {
    shell,
    filters,
    period,
    // Streamed after the first paint (one rollup query per commune).
    sparks: loadSparks(
      stores,
      communes.map((c) => c.code),
      period,
    ),
    // A fresh Suspense boundary per load: navigations run in a transition, and a boundary that already
    // showed content would otherwise hold the whole page on the old figures until the sparklines arrive.
    stamp: `${Date.now()}-${Math.random()}`,
    overview: { ...ov, rows: paged.rows },
    paging: paged.paging,
    canAct: can(user, 'actions.edit'),
    home,
    totals: computeTotals(table),
    level,
    geometry: national
      ? nationMap((provinces ?? []).map((p) => p.code))
      : provinceMap(
          stores.config.PROVINCE_CODE,
          communes.map((c) => c.code),
        ),
  }
}

export default function Index() {
  const { home } = useLoaderData<typeof loader>()
  return home ? <ChairHome /> : <Overview />
}

/** A commune user's home: their worklist, their figures against the province's, their alerts. */
function ChairHome() {
  const { shell, period, home, overview } = useLoaderData<typeof loader>()
  const t = useT()
  const { search } = useLocation()
  if (!home) return null
  return (
    <Layout shell={shell} title={home.name} subtitle={t('overview.subtitle')} actions={<PrintButton />}>
      <FilterBar resolved={period} />
      <CommuneHome home={home} range={period.current} />
      <Card title={t('overview.alerts')} id="alerts">
        <ResultView result={overview.alerts} what={t('overview.alerts')}>
          {(alerts) => <AlertsList alerts={alerts} linkSearch={periodParams(search)} byCommune />}
        </ResultView>
      </Card>
    </Layout>
  )
}

function Overview() {
  const { shell, period, overview, totals, geometry, sparks, stamp, canAct, level, paging } = useLoaderData<typeof loader>()
  const actionOptions = useActionOptions(canAct)
  const t = useT()
  const lang = useLang()
  const { search, keep } = usePeriodSearch()
  // From the URL, not the loader's filters: a change of indicator does not run the loader (shouldRevalidate).
  const kpi = parseFilters(search).kpi
  const spec = MAP_KPI_SPECS[kpi]
  const f = {
    pct: formatter('pct', lang),
    pp: formatter('pp', lang),
    int: formatter('int', lang),
    num: formatter('num', lang),
    vnd: formatter('vnd', lang),
    vndShort: formatter('vndShort', lang),
    score: formatter('score', lang),
  }
  const mapFormat = formatter(spec.kind, lang)
  const rows = overview.rows
  // The national overview maps its provinces (ADR 033); a province's overview its communes.
  const provinceRows = overview.provinces
  const mapped: OverviewRow[] = provinceRows ?? rows
  const values = Object.fromEntries(mapped.map((r) => [r.code, spec.value(r)]))
  const names = Object.fromEntries(mapped.map((r) => [r.code, r.name]))
  const provinceName = Object.fromEntries((level?.provinces ?? []).map((p) => [p.code, p.name]))
  const failed = (fam: string) => overview.failed.includes(fam as never)
  // A count opens the dossiers behind it (issue 14 item 4).
  const drill = (code: string | null, cls: DossierClass, v: string) => (
    <DrillLink commune={code} range={period.current} cls={cls}>
      {v}
    </DrillLink>
  )
  const cell = (fam: string, v: ReactNode) =>
    failed(fam) ? (
      <span className="muted" title={t('dash.errorShort')}>
        ⚠
      </span>
    ) : (
      v
    )
  const columnsFor = (spark: Record<string, (number | null)[]> | null | 'error'): Column<OverviewRow>[] => [
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}`}>{r.name}</Link>,
    },
    ...(provinceRows
      ? [
          {
            key: 'province',
            header: t('nation.choose'),
            value: (r: OverviewRow) => provinceName[r.provinceCode ?? ''] ?? r.provinceCode ?? '',
            searchable: true,
            className: 'hide-sm',
          },
        ]
      : []),
    { key: 'type', header: t('type'), value: (r) => t.code(r.type), searchable: true, className: 'hide-sm' },
    {
      key: 'received',
      kpi: 'received',
      header: t('kpi.received'),
      numeric: true,
      value: (r) => r.received,
      render: (r) => cell('backlog', drill(r.code, 'received', f.int(r.received))),
    },
    {
      key: 'spark',
      header: t('overview.trend'),
      sortable: false,
      value: () => null,
      render: (r) =>
        spark === 'error' ? (
          <span className="muted" title={t('dash.errorShort')}>
            ⚠
          </span>
        ) : spark?.[r.code] ? (
          <Sparkline values={spark[r.code]!} label={`${t('overview.sparkLabel')} ${r.name}`} />
        ) : (
          <span className="muted small">…</span>
        ),
      className: 'hide-sm',
    },
    {
      key: 'backlog',
      kpi: 'backlog',
      header: t('kpi.backlog'),
      numeric: true,
      value: (r) => r.backlog,
      render: (r) => cell('backlog', drill(r.code, 'in_process', f.int(r.backlog))),
    },
    {
      key: 'overdue',
      kpi: 'overdue_open',
      header: t('kpi.overdue_open'),
      numeric: true,
      value: (r) => r.overdue,
      render: (r) => cell('backlog', drill(r.code, 'in_process_overdue', f.int(r.overdue))),
    },
    {
      key: 'onTimeRate',
      kpi: 'on_time_rate',
      header: t('kpi.on_time_rate'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.onTimeRate,
      render: (r) => cell('backlog', f.pct(r.onTimeRate)),
    },
    {
      key: 'satisfiedShare',
      kpi: 'satisfied_share',
      header: t('kpi.satisfied_share'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.satisfiedShare,
      render: (r) => cell('satisfaction', f.pct(r.satisfiedShare)),
      className: 'hide-sm',
    },
    {
      key: 'receivedPerDay',
      kpi: 'received_per_day',
      header: t('kpi.received_per_day'),
      numeric: true,
      value: (r) => r.receivedPerDay,
      render: (r) => cell('load', f.num(r.receivedPerDay)),
      className: 'hide-sm',
    },
    {
      key: 'overload',
      kpi: 'overload',
      header: t('kpi.overload'),
      value: (r) => MAP_KPI_SPECS.overload.value(r),
      render: (r) =>
        failed('overload') ? (
          cell('overload', '')
        ) : (
          <OverloadBadge level={r.overload} noData={r.overloadNoData} reasons={r.overloadReasons} utilisation={r.utilisation} />
        ),
    },
    {
      key: 'qd766Total',
      kpi: 'qd766_share',
      header: t('kpi.qd766_total'),
      numeric: true,
      firstDir: 'asc',
      // Sorted on the share of computable points, shown "X / Y" (ADR 024).
      value: (r) => r.qd766Share,
      render: (r) => cell('qd766', r.qd766Total === null ? f.score(null) : `${f.score(r.qd766Total)} / ${f.score(r.qd766OutOf)}`),
    },
    {
      key: 'equipmentGapVnd',
      kpi: 'equipment_gap_vnd',
      header: t('kpi.equipment_gap_vnd'),
      numeric: true,
      value: (r) => r.equipmentGapVnd,
      render: (r) => cell('equipment', f.vnd(r.equipmentGapVnd)),
      className: 'hide-sm',
    },
  ]
  const footer = (
    <tr data-testid="overview-totals">
      <th scope="row">{t('dash.total')}</th>
      {provinceRows ? <td className="hide-sm" /> : null}
      <td className="hide-sm" />
      <td className="num" data-total="received">
        {drill(null, 'received', f.int(totals.received ?? null))}
      </td>
      <td className="hide-sm" />
      <td className="num" data-total="backlog">
        {drill(null, 'in_process', f.int(totals.backlog ?? null))}
      </td>
      <td className="num" data-total="overdue">
        {drill(null, 'in_process_overdue', f.int(totals.overdue ?? null))}
      </td>
      <td className="num" data-total="onTimeRate">
        {f.pct(totals.onTimeRate ?? null)}
      </td>
      <td className="num hide-sm" data-total="satisfiedShare">
        {f.pct(totals.satisfiedShare ?? null)}
      </td>
      <td className="num hide-sm" data-total="receivedPerDay">
        {f.num(totals.receivedPerDay ?? null)}
      </td>
      <td />
      <td />
      <td className="num hide-sm" data-total="equipmentGapVnd">
        {f.vnd(totals.equipmentGapVnd ?? null)}
      </td>
    </tr>
  )
  const defaultSort = { key: kpiColumn(kpi), dir: spec.higherIsBetter ? ('asc' as const) : ('desc' as const) }
  const table = (spark: Record<string, (number | null)[]> | null | 'error') => (
    <DataTable
      id="commune-table"
      caption={`${t(provinceRows ? 'nation.communeTable' : 'overview.communeTable')} (${paging?.total ?? rows.length})`}
      columns={columnsFor(spark)}
      rows={rows}
      rowKey={(r) => r.code}
      defaultSort={defaultSort}
      urlSync
      paging={paging}
      exportHref={`/export/overview${search}`}
      searchLabel={t('overview.searchCommune')}
      footer={footer}
      rowProps={(r) => ({ 'data-commune': r.code })}
    />
  )
  return (
    <Layout
      shell={shell}
      title={t('nav.overview')}
      subtitle={t(provinceRows ? 'nation.subtitle' : 'overview.subtitle')}
      actions={<PrintButton />}
    >
      <p className="print-only">
        {t('nav.overview')} — {period.current.from} … {period.current.to}
      </p>
      {level ? <NationBar level={level} /> : null}
      <FilterBar resolved={period} showType />
      <section className="tiles" aria-label={t('overview.tiles')}>
        <KpiTile
          id="backlog"
          kpi="backlog"
          result={overview.tiles.backlog}
          direction="lower_better"
          format={f.int}
          href={drillHref(null, period.current, 'in_process')}
          hint={t('overview.backlogHint')}
        />
        <KpiTile
          id="overdue"
          kpi="overdue_open"
          result={overview.tiles.overdue}
          direction="lower_better"
          format={f.int}
          href={drillHref(null, period.current, 'in_process_overdue')}
        />
        <KpiTile
          id="onTime"
          kpi="on_time_rate"
          result={overview.tiles.onTime}
          direction="higher_better"
          format={f.pct}
          formatDelta={f.pp}
          href={`?${sortParams(search, 'onTimeRate', 'asc')}#communes`}
        />
        <KpiTile
          id="satisfied"
          kpi="satisfied_share"
          result={overview.tiles.satisfied}
          direction="higher_better"
          format={f.pct}
          formatDelta={f.pp}
          href={`/satisfaction${keep}`}
        />
        <KpiTile
          id="overload"
          kpi="overload_communes"
          result={overview.tiles.overload}
          direction="lower_better"
          format={f.int}
          href={`/staffing${keep}`}
          hint={overview.overloadWatch !== null ? `${t('overload.watch')}: ${f.int(overview.overloadWatch)}` : undefined}
        />
        <KpiTile
          id="equipmentGap"
          kpi="equipment_gap_vnd"
          result={overview.tiles.equipmentGap}
          direction="lower_better"
          format={f.vndShort}
          href={`/equipment${keep}`}
        />
        <KpiTile
          id="qd766"
          kpi="qd766_total"
          result={overview.tiles.qd766}
          direction="higher_better"
          format={f.score}
          href={`/qd766${keep}`}
          hint={t('overview.qd766Hint')}
        />
      </section>

      <div className="grid grid-map">
        <Card title={`${t(provinceRows ? 'nation.mapTitle' : 'dash.map')}: ${t(spec.label)}`} id="map" actions={<MapKpiPicker kpi={kpi} />}>
          {failedFor(kpi).some(failed) ? (
            <ErrorState
              what={t(spec.label)}
              error={failedFor(kpi)
                .map((x) => overview.errors[x as keyof typeof overview.errors])
                .filter(Boolean)
                .join('; ')}
            />
          ) : (
            <ChoroplethMap
              geometry={geometry}
              values={values}
              names={names}
              kpiLabel={t(spec.label)}
              higherIsBetter={spec.higherIsBetter}
              format={mapFormat}
              linkSearch={keep}
              thresholds={spec.thresholds}
              hrefFor={provinceRows ? (code) => `/${withProvince(search, code)}` : undefined}
              provinces={!!provinceRows}
              kpi={spec.kpi}
            />
          )}
        </Card>
        <Card title={t('overview.alerts')} id="alerts">
          <ResultView result={overview.alerts} what={t('overview.alerts')}>
            {(alerts) => <AlertsList alerts={alerts} linkSearch={keep} byCommune createAction={actionOptions} />}
          </ResultView>
        </Card>
      </div>

      {provinceRows ? <ProvinceRanking rows={provinceRows} /> : null}

      <Card title={t(provinceRows ? 'nation.communeTable' : 'overview.communeTable')} id="communes">
        {overview.failed.length ? (
          <p className="state state-error" role="alert">
            {t('overview.someFailed')}: {overview.failed.map((x) => t(`family.${x}`)).join(', ')}
          </p>
        ) : null}
        <Suspense key={stamp} fallback={table(null)}>
          <Await resolve={sparks} errorElement={table('error')}>
            {(r) => table(r.ok ? r.data : 'error')}
          </Await>
        </Suspense>
      </Card>
    </Layout>
  )
}

/** KPI families a map indicator depends on. */
function failedFor(kpi: MapKpi): string[] {
  return {
    on_time_rate: ['backlog'],
    late_rate: ['backlog'],
    backlog: ['backlog'],
    overdue: ['backlog'],
    received_per_day: ['load'],
    satisfied_share: ['satisfaction'],
    overload: ['overload'],
    qd766_total: ['qd766'],
    equipment_gap_vnd: ['equipment'],
  }[kpi]
}

function sortParams(search: string, sort: string, dir: string): string {
  const sp = new URLSearchParams(search)
  sp.set('sort', sort)
  sp.set('dir', dir)
  return sp.toString()
}

function MapKpiPicker({ kpi }: { kpi: MapKpi }) {
  const t = useT()
  const options = MAP_KPIS.map((k) => ({ value: k, label: t(MAP_KPI_SPECS[k].label) }))
  return <ParamSelect param="kpi" label={t('dash.mapKpi')} options={options} selected={kpi} className="inline-form" hideLabel />
}
