/**
 * The national overview's commune table, paged on the server (ADR 041): 3,321 rows are searched, sorted and cut
 * to one page by the loader with the columns' own sort values; a province's table (≤ 168 rows) stays whole.
 */
import type { MapKpi } from '../lib/url-filters.ts'
import { pageIfLong } from '../lib/paging.ts'
import { MAP_KPI_SPECS } from './overview.tables.ts'
import type { OverviewRow } from './overview.server.ts'

/** The table column that shows a map indicator (the table's default sort). */
export function kpiColumn(kpi: MapKpi): string {
  return {
    on_time_rate: 'onTimeRate',
    late_rate: 'onTimeRate',
    backlog: 'backlog',
    overdue: 'overdue',
    received_per_day: 'receivedPerDay',
    satisfied_share: 'satisfiedShare',
    overload: 'overload',
    qd766_total: 'qd766Total',
    equipment_gap_vnd: 'equipmentGapVnd',
  }[kpi]
}

const PLAIN = new Set([
  'name',
  'type',
  'received',
  'backlog',
  'overdue',
  'onTimeRate',
  'satisfiedShare',
  'receivedPerDay',
  'equipmentGapVnd',
])

export function pageOverview(
  rows: readonly OverviewRow[],
  search: URLSearchParams,
  kpi: MapKpi,
  provinceName: ReadonlyMap<string, string>,
) {
  const spec = MAP_KPI_SPECS[kpi]
  return pageIfLong(rows, search, {
    text: (r) => [r.name, provinceName.get(r.provinceCode ?? '') ?? r.provinceCode ?? '', r.type],
    value: (r, key) =>
      key === 'overload'
        ? MAP_KPI_SPECS.overload.value(r)
        : key === 'qd766Total'
          ? r.qd766Share
          : key === 'province'
            ? (provinceName.get(r.provinceCode ?? '') ?? r.provinceCode ?? '')
            : PLAIN.has(key)
              ? (r[key as keyof OverviewRow] as string | number | null)
              : undefined,
    sort: { key: kpiColumn(kpi), dir: spec.higherIsBetter ? 'asc' : 'desc' },
  })
}
