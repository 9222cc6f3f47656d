/**
 * The metric catalogue (issue 14 item 1, ADR 032): every figure the product shows — tiles, tables, charts, the
 * map, alerts, exports, `GET /api/v1/kpi`, the planners — defined once: its id, its label and one-sentence
 * definition (typed dictionary keys, Vietnamese and English), numerator and denominator, unit, the window it
 * covers and whether higher is better. Pages take a figure's label, its ⓘ text and its formatting from here
 * (`<KpiTile kpi=…>`, a table column's `kpi`), and mark the value `data-kpi="<id>" data-value="<raw>"` so
 * tests/kpi-consistency.test.ts can check that a figure is the same wherever it appears and equals the API.
 *
 * Rule: two figures computed differently never share a label. The late rate ((late + overdue) ÷ to process)
 * and the late share of dossiers received (late ÷ received, per procedure) are two entries with two labels.
 *
 * Pure (no I/O, no server import): the components may import it (the one exception of the dependency rule).
 */
import { fmtNumberKind, type Lang, type NumberKind } from '../i18n/format.ts'
import { translate, type MessageKey } from '../i18n/messages.ts'

export type MetricWindow = 'period' | 'period_end' | 'last_30_days' | 'snapshot' | 'load_30_days' | 'next_20_days' | 'backtest'
export type MetricUnit = 'count' | 'ratio' | 'days' | 'minutes' | 'points' | 'vnd' | 'per_day' | 'people' | 'level'
export type MetricDirection = 'higher_better' | 'lower_better' | 'neutral'
/** How a value is written: the table kinds of app/lib/table-spec.ts. */
export type MetricFormat = NumberKind | 'text'

export interface Metric {
  label: MessageKey
  definition: MessageKey
  numerator: MessageKey | null
  denominator: MessageKey | null
  unit: MetricUnit
  window: MetricWindow
  direction: MetricDirection
  format: MetricFormat
  /** Where `GET /api/v1/kpi` carries the same figure (a dotted path into its JSON), when it does. */
  api?: string
}

const count = (label: MessageKey, definition: MessageKey, direction: MetricDirection, window: MetricWindow = 'period') =>
  ({ label, definition, numerator: null, denominator: null, unit: 'count', window, direction, format: 'int' }) as const

const share = (id: string, label: MessageKey, direction: MetricDirection, window: MetricWindow = 'period') =>
  ({
    label,
    definition: `metric.${id}.def` as MessageKey,
    numerator: `metric.${id}.num` as MessageKey,
    denominator: `metric.${id}.den` as MessageKey,
    unit: 'ratio',
    window,
    direction,
    format: 'pct',
  }) as const

/** A Decision 766 group's points (`qd766.groups.<code>` in the API), out of its computable points. */
const group766 = (code: 'CKMB' | 'TDGQ' | 'ONLINE' | 'TTTT' | 'MDSH' | 'MDHL') =>
  ({
    label: `kpi.qd766_group.${code}`,
    definition: 'metric.qd766_group.def',
    numerator: null,
    denominator: null,
    unit: 'points',
    window: 'period',
    direction: 'higher_better',
    format: 'num2',
    api: `qd766.groups.${code}`,
  }) as const

export const METRICS = {
  received: { ...count('kpi.received', 'metric.received.def', 'neutral'), api: 'received' },
  to_process: { ...count('kpi.to_process', 'metric.to_process.def', 'neutral'), api: 'toProcess' },
  processed: { ...count('kpi.processed', 'metric.processed.def', 'neutral'), api: 'processed' },
  processed_late: { ...count('commune.processedLate', 'metric.processed_late.def', 'lower_better'), api: 'processedLate' },
  backlog: { ...count('kpi.backlog', 'metric.backlog.def', 'lower_better', 'period_end'), api: 'inProcess' },
  overdue_open: { ...count('kpi.overdue_open', 'metric.overdue_open.def', 'lower_better', 'period_end'), api: 'inProcessOverdue' },
  on_time_rate: { ...share('on_time_rate', 'kpi.on_time_rate', 'higher_better'), api: 'onTimeRate' },
  late_rate: { ...share('late_rate', 'kpi.late_rate', 'lower_better'), api: 'lateRate' },
  received_late_share: share('received_late_share', 'kpi.received_late_share', 'lower_better'),
  avg_processing_days: {
    label: 'kpi.avg_processing_days',
    definition: 'metric.avg_processing_days.def',
    numerator: null,
    denominator: null,
    unit: 'days',
    window: 'period',
    direction: 'lower_better',
    format: 'num1',
    api: 'avgProcessingDays',
  },
  satisfied_share: { ...share('satisfied_share', 'kpi.satisfied_share', 'higher_better'), api: 'satisfiedShare' },
  land_satisfied_share: { ...share('land_satisfied_share', 'sat.landShare', 'higher_better'), api: 'satisfaction.land.satisfiedShare' },
  qd766_satisfaction: share('qd766_satisfaction', 'kpi.qd766_satisfaction', 'higher_better'),
  complaints: { ...count('sat.complaints', 'metric.complaints.def', 'lower_better'), api: 'complaints' },
  complaints_on_time: share('complaints_on_time', 'sat.onTimeRate', 'higher_better'),
  complaints_extra_papers: {
    ...count('kpi.complaints_extra_papers', 'metric.complaints_extra_papers.def', 'lower_better'),
    api: 'complaintsDetail.byCategory.them_giay_to.total',
  },
  complaints_vneid: {
    ...count('kpi.complaints_vneid', 'metric.complaints_vneid.def', 'lower_better'),
    api: 'complaintsDetail.byCategory.yeu_cau_vneid.total',
  },
  harassment_complaints: {
    ...count('kpi.harassment_complaints', 'metric.harassment_complaints.def', 'lower_better'),
    api: 'complaintsDetail.byCategory.nhung_nhieu.total',
  },
  qd766_total: {
    label: 'kpi.qd766_total',
    definition: 'metric.qd766_total.def',
    numerator: null,
    denominator: null,
    unit: 'points',
    window: 'period',
    direction: 'higher_better',
    format: 'num2',
    api: 'qd766Total',
  },
  qd766_group_CKMB: group766('CKMB'),
  qd766_group_TDGQ: group766('TDGQ'),
  qd766_group_ONLINE: { ...group766('ONLINE'), definition: 'metric.qd766_group.ONLINE.def' },
  qd766_group_TTTT: group766('TTTT'),
  qd766_group_MDSH: group766('MDSH'),
  qd766_group_MDHL: group766('MDHL'),
  qd766_metric_rate: share('qd766_metric_rate', 'kpi.qd766_metric_rate', 'higher_better'),
  qd766_metric_points: {
    label: 'kpi.qd766_metric_points',
    definition: 'metric.qd766_metric_points.def',
    numerator: null,
    denominator: null,
    unit: 'points',
    window: 'period',
    direction: 'higher_better',
    format: 'num2',
  },
  qd766_share: { ...share('qd766_share', 'kpi.qd766_share', 'higher_better'), api: 'qd766.share' },
  received_per_day: { ...share('received_per_day', 'kpi.received_per_day', 'neutral'), unit: 'per_day', format: 'num1' },
  per_officer_per_day: { ...share('per_officer_per_day', 'kpi.per_officer_per_day', 'lower_better'), unit: 'per_day', format: 'num1' },
  equipment_load: { ...share('equipment_load', 'kpi.equipment_load', 'neutral', 'load_30_days'), unit: 'per_day', format: 'num2' },
  utilisation: { ...share('utilisation', 'kpi.utilisation', 'lower_better', 'next_20_days'), api: 'overload.utilisation' },
  overload: {
    label: 'kpi.overload',
    definition: 'metric.overload.def',
    numerator: null,
    denominator: null,
    unit: 'level',
    window: 'period',
    direction: 'lower_better',
    format: 'text',
    api: 'overload.level',
  },
  overload_communes: count('overview.overloadCommunes', 'metric.overload_communes.def', 'lower_better'),
  overdue_share: share('overdue_share', 'kpi.overdue_share', 'lower_better', 'period_end'),
  staff_required: { ...count('staff.required', 'metric.staff_required.def', 'neutral'), unit: 'people', api: 'staffRequired' },
  staff_assigned: {
    ...count('staff.assigned', 'metric.staff_assigned.def', 'neutral', 'period_end'),
    unit: 'people',
    api: 'staffAssigned',
  },
  staff_shortage: { ...count('staff.shortage', 'metric.staff_shortage.def', 'lower_better'), unit: 'people' },
  staff_surplus: { ...count('staff.surplus', 'metric.staff_surplus.def', 'neutral'), unit: 'people' },
  predicted_late: count('staff.predictedLate', 'metric.predicted_late.def', 'lower_better', 'next_20_days'),
  predicted_wait: {
    ...count('staff.predictedWait', 'metric.predicted_wait.def', 'lower_better', 'next_20_days'),
    unit: 'minutes',
    format: 'num1',
  },
  model_error: share('model_error', 'staff.modelAccuracy', 'lower_better', 'backtest'),
  equipment_gap_vnd: {
    ...count('kpi.equipment_gap_vnd', 'metric.equipment_gap_vnd.def', 'lower_better', 'snapshot'),
    unit: 'vnd',
    format: 'vnd',
    api: 'equipmentGapVnd',
  },
  equipment_gap_units: count('equip.gapUnits', 'metric.equipment_gap_units.def', 'lower_better', 'snapshot'),
  equipment_gap_communes: count('equip.communesWithGap', 'metric.equipment_gap_communes.def', 'lower_better', 'snapshot'),
} as const satisfies Record<string, Metric>

export type MetricId = keyof typeof METRICS
export const METRIC_IDS = Object.keys(METRICS) as MetricId[]

export function metric(id: MetricId): Metric {
  return METRICS[id]
}

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id)
}

export function metricLabel(lang: Lang, id: MetricId): string {
  return translate(lang, METRICS[id].label)
}

/** The texts of a figure's ⓘ: definition, window, numerator and denominator (null where it has none). */
export function metricInfo(lang: Lang, id: MetricId) {
  const m: Metric = METRICS[id]
  return {
    label: translate(lang, m.label),
    definition: translate(lang, m.definition),
    window: translate(lang, `metric.window.${m.window}`),
    numerator: m.numerator ? translate(lang, m.numerator) : null,
    denominator: m.denominator ? translate(lang, m.denominator) : null,
  }
}

/** A value as the pages write it (Vietnamese formats; '—' when there is nothing to compute on). */
export function formatMetric(id: MetricId, value: number | null | undefined, lang: Lang): string {
  const format = METRICS[id].format
  return fmtNumberKind(format === 'text' ? 'int' : format, value, lang)
}

/** The machine-readable `data-value` of a figure: the raw number, '' when null. */
export function dataValue(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value)
}

/** The same figure in a `GET /api/v1/kpi` answer, for the metrics it carries (undefined otherwise). */
export function apiValue(json: unknown, id: MetricId): number | string | null | undefined {
  const path: string | undefined = (METRICS[id] as Metric).api
  if (!path) return undefined
  let v: unknown = json
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
  return v as number | string | null | undefined
}
