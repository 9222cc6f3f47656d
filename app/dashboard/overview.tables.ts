/**
 * The overview's commune table and map indicators, defined once: the page renders these columns and
 * totals, and /export/overview writes the same table to XLSX/CSV, so the workbook's totals equal the page's.
 * Rates total as the ratio of the summed numerators and denominators (never an average of rates).
 */
import { translate, translateCode, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import type { ExportTable } from '../lib/export.server.ts'
import type { MapKpi } from '../lib/url-filters.ts'
import type { MetricId } from '../kpi/catalogue.ts'
import type { OverviewRow } from './overview.server.ts'

const sum = (rows: readonly OverviewRow[], f: (r: OverviewRow) => number | null) => {
  const xs = rows.map(f).filter((x): x is number => x !== null)
  return xs.length ? xs.reduce((a, b) => a + b, 0) : null
}
const ratioOfSums = (rows: readonly OverviewRow[], num: (r: OverviewRow) => number | null, den: (r: OverviewRow) => number | null) => {
  const d = sum(rows, den)
  const n = sum(rows, num)
  return n === null || d === null || d === 0 ? null : n / d
}

export const LEVEL_RANK = { normal: 0, watch: 1, overload: 2 } as const

export interface MapKpiSpec {
  /** The figure of the metric catalogue (ADR 032): the map's ⓘ and the shapes' data-kpi. */
  kpi: MetricId
  label: MessageKey
  value: (r: OverviewRow) => number | null
  higherIsBetter: boolean
  kind: 'pct' | 'int' | 'num' | 'vnd' | 'level' | 'score'
  thresholds?: number[]
}

export const MAP_KPI_SPECS: Record<MapKpi, MapKpiSpec> = {
  on_time_rate: { kpi: 'on_time_rate', label: 'kpi.on_time_rate', value: (r) => r.onTimeRate, higherIsBetter: true, kind: 'pct' },
  late_rate: { kpi: 'late_rate', label: 'kpi.late_rate', value: (r) => r.lateRate, higherIsBetter: false, kind: 'pct' },
  backlog: { kpi: 'backlog', label: 'kpi.backlog', value: (r) => r.backlog, higherIsBetter: false, kind: 'int' },
  overdue: { kpi: 'overdue_open', label: 'kpi.overdue_open', value: (r) => r.overdue, higherIsBetter: false, kind: 'int' },
  received_per_day: {
    kpi: 'received_per_day',
    label: 'kpi.received_per_day',
    value: (r) => r.receivedPerDay,
    higherIsBetter: false,
    kind: 'num',
  },
  satisfied_share: {
    kpi: 'satisfied_share',
    label: 'kpi.satisfied_share',
    value: (r) => r.satisfiedShare,
    higherIsBetter: true,
    kind: 'pct',
  },
  overload: {
    kpi: 'overload',
    label: 'kpi.overload',
    value: (r) => (r.overload === null ? null : LEVEL_RANK[r.overload]),
    higherIsBetter: false,
    kind: 'level',
    thresholds: [1, 2],
  },
  // Communes are scored out of different computable points: the map compares their shares (ADR 024).
  qd766_total: { kpi: 'qd766_share', label: 'kpi.qd766_share', value: (r) => r.qd766Share, higherIsBetter: true, kind: 'pct' },
  equipment_gap_vnd: {
    kpi: 'equipment_gap_vnd',
    label: 'kpi.equipment_gap_vnd',
    value: (r) => r.equipmentGapVnd,
    higherIsBetter: false,
    kind: 'vnd',
  },
}

export function overviewExport(lang: Lang, rows: readonly OverviewRow[], notes: string[]): ExportTable<OverviewRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'tong-quan-xa-phuong',
    title: `${t('nav.overview')} — ${t('communes')}`,
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'name', header: t('commune'), kind: 'text', width: 24 },
      { key: 'code', header: t('overview.code'), kind: 'text' },
      { key: 'type', header: t('type'), kind: 'text', value: (r) => translateCode(lang, r.type) },
      { key: 'received', header: t('kpi.received'), kind: 'int', total: 'sum' },
      { key: 'toProcess', header: t('kpi.to_process'), kind: 'int', total: 'sum' },
      { key: 'processed', header: t('kpi.processed'), kind: 'int', total: 'sum' },
      { key: 'backlog', header: t('kpi.backlog'), kind: 'int', total: 'sum' },
      { key: 'overdue', header: t('kpi.overdue_open'), kind: 'int', total: 'sum' },
      {
        key: 'onTimeRate',
        header: t('kpi.on_time_rate'),
        kind: 'pct',
        total: (rs) =>
          ratioOfSums(
            rs,
            (r) => r.processedOnTime,
            (r) => r.processed,
          ),
      },
      {
        key: 'lateRate',
        header: t('kpi.late_rate'),
        kind: 'pct',
        total: (rs) =>
          ratioOfSums(
            rs,
            (r) => r.lateCount,
            (r) => r.toProcess,
          ),
      },
      {
        key: 'satisfiedShare',
        header: t('kpi.satisfied_share'),
        kind: 'pct',
        total: (rs) =>
          ratioOfSums(
            rs,
            (r) => r.satisfied,
            (r) => r.rated,
          ),
      },
      { key: 'receivedPerDay', header: t('kpi.received_per_day'), kind: 'num1', total: 'sum' },
      { key: 'perOfficerPerDay', header: t('kpi.per_officer_per_day'), kind: 'num1' },
      {
        key: 'overload',
        header: t('kpi.overload'),
        kind: 'text',
        value: (r) => (r.overload === null ? null : r.overloadNoData ? t('overload.noData') : t(`overload.${r.overload}`)),
      },
      { key: 'qd766Total', header: t('kpi.qd766_total'), kind: 'num2' },
      { key: 'qd766OutOf', header: t('q766.outOf'), kind: 'num2' },
      { key: 'equipmentGapVnd', header: t('kpi.equipment_gap_vnd'), kind: 'vnd', total: 'sum' },
    ],
  }
}
