/** The staffing page's communes: the shortest-staffed as a chart, and all of them ranked by overload with the province's totals. */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { formatter } from '~/components/format'
import { BarsChart } from '~/components/charts/Charts'
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import { OverloadBadge } from '~/components/overview/OverloadBadge'
import { Card } from '~/components/states/States'
import { DataTable, type Column } from '~/components/table/DataTable'
import { DrillLink } from '~/components/table/DrillLink'
import { reasonsColumn } from '~/components/table/reasons-column'
import { prepareTopN } from '~/lib/charts/topn'
import type { ResolvedPeriod } from '~/lib/url-filters'
import type { StaffingRow } from '~/dashboard/staffing.server'
import type { StaffingData } from './StaffingTiles'

type Totals = Record<string, number | null>

/** Staff required against assigned for the communes short of staff (gap > 0), the 15 largest gaps. */
export function StaffingGapChart({ rows }: { rows: StaffingRow[] }) {
  const t = useT()
  const lang = useLang()
  // Only communes actually short (gap > 0) are ranked: the chart never fills up with balanced or overstaffed ones.
  const top = prepareTopN(
    rows.filter((r) => r.gap !== null && r.gap > 0),
    15,
    (r) => r.gap,
  )
  return (
    <Card title={`${t('staff.gapChart')} (${top.top.length})`} id="gap-chart">
      {top.top.length ? (
        <BarsChart
          data={top.top.map((r) => ({ name: r.name, required: r.required, assigned: r.assigned }))}
          xKey="name"
          horizontal
          height={Math.max(220, top.top.length * 26)}
          series={[
            { key: 'required', label: t('staff.required') },
            { key: 'assigned', label: t('staff.assigned') },
          ]}
          label={t('staff.gapChart')}
          formatY={(v) => fmtInt(v, lang)}
        />
      ) : (
        <p className="muted" data-testid="none-short">
          {t('staff.noneShort')}
        </p>
      )}
      {top.rest ? (
        <p className="muted small">
          {t('overview.andMore')} {top.rest.count}
        </p>
      ) : null}
    </Card>
  )
}

type T = ReturnType<typeof useT>
type F = Record<'int' | 'num' | 'pct', (v: number | null) => string>

/** Who the commune is and its staff: its page (period kept), overload, staff required and assigned, the gap. */
function staffColumns(t: T, f: F, keep: string): Column<StaffingRow>[] {
  const rank = { overload: 3, watch: 2, normal: 1 } as const
  return [
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#staffing`}>{r.name}</Link>,
    },
    {
      key: 'level',
      kpi: 'overload',
      header: t('kpi.overload'),
      value: (r) => (r.level ? rank[r.level] - (r.noData ? 1 : 0) : null),
      render: (r) => <OverloadBadge level={r.level} noData={r.noData} reasons={r.reasons} />,
      firstDir: 'desc',
    },
    {
      key: 'required',
      kpi: 'staff_required',
      header: t('staff.required'),
      numeric: true,
      value: (r) => r.required,
      render: (r) => f.int(r.required),
    },
    {
      key: 'assigned',
      kpi: 'staff_assigned',
      header: t('staff.assigned'),
      numeric: true,
      value: (r) => r.assigned,
      render: (r) => f.int(r.assigned),
    },
    {
      key: 'gap',
      header: t('staff.gap'),
      numeric: true,
      value: (r) => r.gap,
      render: (r) => (r.gap === null ? '—' : r.gap > 0 ? `+${f.int(r.gap)}` : f.int(r.gap)),
    },
  ]
}

/** The commune's workload: the model's predictions, per officer, utilisation, overdue dossiers (linked to their list). */
function workloadColumns(t: T, f: F, period: ResolvedPeriod): Column<StaffingRow>[] {
  return [
    {
      key: 'predictedLate',
      kpi: 'predicted_late',
      header: t('staff.predictedLate'),
      numeric: true,
      value: (r) => r.predictedLate,
      render: (r) => f.num(r.predictedLate),
    },
    {
      key: 'predictedWaitMinutes',
      kpi: 'predicted_wait',
      header: t('staff.predictedWait'),
      numeric: true,
      value: (r) => r.predictedWaitMinutes,
      render: (r) => f.num(r.predictedWaitMinutes),
      className: 'hide-sm',
    },
    {
      key: 'perOfficerPerDay',
      kpi: 'per_officer_per_day',
      header: t('kpi.per_officer_per_day'),
      numeric: true,
      value: (r) => r.perOfficerPerDay,
      render: (r) => f.num(r.perOfficerPerDay),
    },
    {
      key: 'weightedPerOfficerPerDay',
      header: t('staff.weightedPerOfficer'),
      numeric: true,
      value: (r) => r.weightedPerOfficerPerDay,
      render: (r) => f.num(r.weightedPerOfficerPerDay),
      className: 'hide-sm',
    },
    {
      key: 'utilisation',
      kpi: 'utilisation',
      header: t('kpi.utilisation'),
      numeric: true,
      value: (r) => r.utilisation,
      render: (r) => f.pct(r.utilisation),
      className: 'hide-sm',
    },
    {
      key: 'overdue',
      kpi: 'overdue_open',
      header: t('kpi.overdue_open'),
      numeric: true,
      value: (r) => r.overdue,
      render: (r) => (
        <DrillLink commune={r.code} range={period.current} cls="in_process_overdue">
          {f.int(r.overdue)}
        </DrillLink>
      ),
      className: 'hide-sm',
    },
    {
      key: 'overdueShare',
      kpi: 'overdue_share',
      header: t('kpi.overdue_share'),
      numeric: true,
      value: (r) => r.overdueShare,
      render: (r) => f.pct(r.overdueShare),
      className: 'hide-sm',
    },
  ]
}

/** The ranking's columns, then the overload's reasons. */
function useColumns(period: ResolvedPeriod): Column<StaffingRow>[] {
  const t = useT()
  const lang = useLang()
  const { keep } = usePeriodSearch()
  const f = { int: formatter('int', lang), num: formatter('num', lang), pct: formatter('pct', lang) }
  return [...staffColumns(t, f, keep), ...workloadColumns(t, f, period), reasonsColumn(t('staff.reasons'), lang)]
}

/** The province's row under the ranking: the totals the loader computed from the table's spec. */
function TotalsRow({ totals, period }: { totals: Totals; period: ResolvedPeriod }) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang), num: formatter('num', lang) }
  return (
    <tr data-testid="staffing-totals">
      <th scope="row">{t('dash.total')}</th>
      <td />
      <td className="num" data-total="required">
        {f.int(totals.required ?? null)}
      </td>
      <td className="num" data-total="assigned">
        {f.int(totals.assigned ?? null)}
      </td>
      <td className="num" data-total="gap">
        {f.int(totals.gap ?? null)}
      </td>
      <td className="num" data-total="predictedLate">
        {f.num(totals.predictedLate ?? null)}
      </td>
      <td className="hide-sm" />
      <td />
      <td className="hide-sm" />
      <td className="hide-sm" />
      <td className="num hide-sm" data-total="overdue">
        <DrillLink range={period.current} cls="in_process_overdue">
          {f.int(totals.overdue ?? null)}
        </DrillLink>
      </td>
      <td className="hide-sm" />
      <td className="hide-sm" />
    </tr>
  )
}

/** Every commune ranked by overload (a note when a figure failed), exportable, sortable in the URL. */
export function StaffingRankingCard({
  data,
  rows,
  totals,
  period,
}: {
  data: StaffingData
  rows: StaffingRow[]
  totals: Totals | null
  period: ResolvedPeriod
}) {
  const t = useT()
  const { search } = usePeriodSearch()
  const columns = useColumns(period)
  const { need, overload: ov } = data
  return (
    <Card title={t('staff.tableTitle')} id="ranking">
      {[need, ov, data.load].some((r) => !r.ok) ? (
        <p className="state state-error" role="alert">
          {t('overview.someFailed')}
        </p>
      ) : null}
      <DataTable
        id="staffing-table"
        caption={t('staff.tableTitle')}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.code}
        defaultSort={{ key: 'level', dir: 'desc' }}
        urlSync
        exportHref={`/export/staffing${search}`}
        footer={totals ? <TotalsRow totals={totals} period={period} /> : undefined}
        rowProps={(r) => ({ 'data-commune': r.code })}
      />
    </Card>
  )
}
