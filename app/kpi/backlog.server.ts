/**
 * Backlog and timeliness as provincial portals publish them (docs/design.md §3), per commune and for the
 * province (= the sum of its communes), from the `commune_day` rollup:
 *
 *   carried over + received            = to process
 *   to process = processed (early / on time / late) + in process (not yet due / nearly due / overdue)
 *   late rate    = (processed late + in process overdue) / to process
 *   on-time rate = (processed early + processed on time) / processed
 *   766 TDGQ     = 20 × (to process − processed late − in process overdue) / to process — "on time" there
 *                  includes unfinished dossiers whose due date is after the period end, so TDGQ's ratio is
 *                  exactly 1 − late rate; the on-time rate is the published "of the dossiers processed" one.
 *
 * Ageing: open dossiers at the end of the period by working days since reception (0–5, 6–10, 11–20, > 20).
 * Processing time: whole working days from reception day to end day (db/clickhouse/dossier-facts.ts, docs/design.md §3); mean and p90 over
 * the dossiers processed in the period (p90 = nearest rank: the smallest d with ≥ 90 % of them ≤ d).
 */
import type { Stores } from '../../db/stores.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { NEARLY_DUE_WORKING_DAYS } from '../../db/clickhouse/dossier-facts.ts'
import { ageingRows, processingTimeRows, type BacklogCounts } from './queries/backlog.ts'
import { communePeriodRows } from './queries/commune-period.ts'
import { backlogFromDossiersRows } from './queries/backlog-from-dossiers.ts'
import { ratio } from './numbers.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export interface Backlog {
  carriedOver: number
  received: number
  /** Of the received: online (channel 2); the rest came in person or by public postal service. */
  receivedOnline: number
  /** received − receivedOnline (channels 1 and 3: Biểu 06 column 5). */
  receivedInPersonOrPost: number
  toProcess: number
  processed: number
  processedEarly: number
  processedOnTime: number
  processedLate: number
  /** Of the processed: withdrawn, stopped or refused after reception (already in early/on time/late). */
  processedCancelled: number
  inProcess: number
  inProcessNotDue: number
  inProcessNearlyDue: number
  inProcessOverdue: number
  lateRate: number | null
  onTimeRate: number | null
  /** The day whose end-of-day stock "in process" is (the period end, or the last rolled-up day). */
  stockAsOf: string | null
}

export interface Ageing {
  asOf: string | null
  days0to5: number
  days6to10: number
  days11to20: number
  over20: number
  total: number
}

export interface ProcessingTime {
  processed: number
  avgDays: number | null
  p90Days: number | null
  /** Working days → number of dossiers processed in the period. */
  histogram: { days: number; count: number }[]
}

const BACKLOG_KEYS = [
  'carried_over',
  'received',
  'received_online',
  'processed_early',
  'processed_on_time',
  'processed_late',
  'processed_cancelled',
  'in_process_not_due',
  'in_process_nearly_due',
  'in_process_overdue',
] as const

/** Builds the published figures from the raw counts (one formula for commune, province and direct paths). */
export function backlogFrom(c: BacklogCounts, stockAsOf: string | null): Backlog {
  const processed = c.processed_early + c.processed_on_time + c.processed_late
  const inProcess = c.in_process_not_due + c.in_process_nearly_due + c.in_process_overdue
  const toProcess = c.carried_over + c.received
  return {
    carriedOver: c.carried_over,
    received: c.received,
    receivedOnline: c.received_online,
    receivedInPersonOrPost: c.received - c.received_online,
    toProcess,
    processed,
    processedEarly: c.processed_early,
    processedOnTime: c.processed_on_time,
    processedLate: c.processed_late,
    processedCancelled: c.processed_cancelled,
    inProcess,
    inProcessNotDue: c.in_process_not_due,
    inProcessNearlyDue: c.in_process_nearly_due,
    inProcessOverdue: c.in_process_overdue,
    lateRate: ratio(c.processed_late + c.in_process_overdue, toProcess),
    onTimeRate: ratio(c.processed_early + c.processed_on_time, processed),
    stockAsOf,
  }
}

const zeroCounts = (): BacklogCounts => Object.fromEntries(BACKLOG_KEYS.map((k) => [k, 0])) as BacklogCounts
const realDay = (d: string | undefined) => (d && d !== '1970-01-01' ? d : null)
const addCounts = (a: BacklogCounts, b: BacklogCounts): BacklogCounts =>
  Object.fromEntries(BACKLOG_KEYS.map((k) => [k, a[k] + b[k]])) as BacklogCounts

/** Backlog of each commune in `codes` for [from, to], one query (communes without rows get zeros). */
export async function backlogByCommune(stores: Stores, codes: string[], from: string, to: string): Promise<Map<string, Backlog>> {
  const rows = await communePeriodRows(stores.ch, { communes: codes, from, to, scanFrom: addDays(from, -31) }, 'kpi:backlogByCommune')
  const byCode = new Map(rows.map((r) => [r.commune_code, r]))
  return new Map(
    codes.map((c) => {
      const r = byCode.get(c)
      return [c, backlogFrom(r ?? zeroCounts(), realDay(r?.stock_day))]
    }),
  )
}

/** The province's figure is the sum of its communes' counts; rates are recomputed from the sums. */
export function sumBacklogs(list: Backlog[]): Backlog {
  let c = zeroCounts()
  for (const b of list) {
    c = addCounts(c, {
      carried_over: b.carriedOver,
      received: b.received,
      received_online: b.receivedOnline,
      processed_early: b.processedEarly,
      processed_on_time: b.processedOnTime,
      processed_late: b.processedLate,
      processed_cancelled: b.processedCancelled,
      in_process_not_due: b.inProcessNotDue,
      in_process_nearly_due: b.inProcessNearlyDue,
      in_process_overdue: b.inProcessOverdue,
    })
  }
  const days = list
    .map((b) => b.stockAsOf)
    .filter((d): d is string => d !== null)
    .sort()
  return backlogFrom(c, days.at(-1) ?? null)
}

export async function getBacklog(stores: Stores, q: KpiQuery): Promise<Backlog> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  return sumBacklogs([...(await backlogByCommune(stores, scope.codes, from, to)).values()])
}

export interface Timeliness {
  onTimeRate: number | null
  lateRate: number | null
  /** 766 TDGQ input: on time (incl. open and not overdue) / to process. */
  tdgq: { numerator: number; denominator: number }
}

export function timelinessOf(b: Backlog): Timeliness {
  return {
    onTimeRate: b.onTimeRate,
    lateRate: b.lateRate,
    tdgq: { numerator: b.toProcess - b.processedLate - b.inProcessOverdue, denominator: b.toProcess },
  }
}

export async function getTimeliness(stores: Stores, q: KpiQuery): Promise<Timeliness> {
  return timelinessOf(await getBacklog(stores, q))
}

export async function ageingFor(stores: Stores, codes: string[], from: string, to: string): Promise<Ageing> {
  const rows = await ageingRows(stores.ch, { communes: codes, from, to }, 'kpi:ageingFor')
  const sum = (k: 'age_0_5' | 'age_6_10' | 'age_11_20' | 'age_over_20') => rows.reduce((a, r) => a + r[k], 0)
  const a = { days0to5: sum('age_0_5'), days6to10: sum('age_6_10'), days11to20: sum('age_11_20'), over20: sum('age_over_20') }
  const asOf =
    rows
      .map((r) => realDay(r.stock_day))
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  return { asOf, ...a, total: a.days0to5 + a.days6to10 + a.days11to20 + a.over20 }
}

export async function getAgeing(stores: Stores, q: KpiQuery): Promise<Ageing> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  return ageingFor(stores, scope.codes, from, to)
}

/** Mean and nearest-rank p90 of a histogram {days → count}. */
export function processingTimeOf(hist: Map<number, number>): ProcessingTime {
  const histogram = [...hist.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([days, n]) => ({ days, count: n }))
  const processed = histogram.reduce((a, h) => a + h.count, 0)
  if (processed === 0) return { processed: 0, avgDays: null, p90Days: null, histogram }
  const rank = Math.ceil(0.9 * processed)
  let cum = 0
  let p90: number | null = null
  for (const h of histogram) {
    cum += h.count
    if (cum >= rank) {
      p90 = h.days
      break
    }
  }
  const total = histogram.reduce((a, h) => a + h.days * h.count, 0)
  return { processed, avgDays: total / processed, p90Days: p90, histogram }
}

function mergeHist(rows: { hist_days: number[]; hist_counts: number[] }[]): Map<number, number> {
  const m = new Map<number, number>()
  for (const r of rows) r.hist_days.forEach((d, i) => m.set(d, (m.get(d) ?? 0) + (r.hist_counts[i] ?? 0)))
  return m
}

export async function processingTimeByCommune(
  stores: Stores,
  codes: string[],
  from: string,
  to: string,
): Promise<Map<string, ProcessingTime>> {
  const rows = await processingTimeRows(stores.ch, { communes: codes, from, to }, 'kpi:processingTimeByCommune')
  const byCode = new Map(rows.map((r) => [r.commune_code, r]))
  return new Map(codes.map((c) => [c, processingTimeOf(mergeHist(byCode.has(c) ? [byCode.get(c)!] : []))]))
}

export async function processingTimeFor(stores: Stores, codes: string[], from: string, to: string): Promise<ProcessingTime> {
  const rows = await processingTimeRows(stores.ch, { communes: codes, from, to }, 'kpi:processingTimeFor')
  return processingTimeOf(mergeHist(rows))
}

export async function getProcessingTime(stores: Stores, q: KpiQuery): Promise<ProcessingTime> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  return processingTimeFor(stores, scope.codes, from, to)
}

export interface DirectPeriodFigures {
  backlog: Backlog
  ageing: Ageing
  processingTime: ProcessingTime
  /** Dossiers to process that were late/overdue, rated 1–2 or complained about (766 satisfaction). */
  dissatisfied: number
}

/**
 * The same figures computed from `dossiers FINAL` (reads every dossier of the scope received by `to`).
 * For tests, the bench, and a commune detail that wants another "nearly due" horizon.
 */
export async function getBacklogFromDossiers(
  stores: Stores,
  q: KpiQuery,
  opts: { nearlyDueDays?: number } = {},
): Promise<DirectPeriodFigures> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  const rows = await backlogFromDossiersRows(
    stores.ch,
    { communes: scope.codes, from, to, nearlyDueDays: opts.nearlyDueDays ?? NEARLY_DUE_WORKING_DAYS },
    'kpi:getBacklogFromDossiers',
  )
  const c = rows.reduce(addCounts, zeroCounts())
  const sum = (k: 'age_0_5' | 'age_6_10' | 'age_11_20' | 'age_over_20' | 'dissatisfied') => rows.reduce((a, r) => a + r[k], 0)
  const ageing = { days0to5: sum('age_0_5'), days6to10: sum('age_6_10'), days11to20: sum('age_11_20'), over20: sum('age_over_20') }
  return {
    backlog: backlogFrom(c, to),
    ageing: { asOf: to, ...ageing, total: ageing.days0to5 + ageing.days6to10 + ageing.days11to20 + ageing.over20 },
    processingTime: processingTimeOf(mergeHist(rows)),
    dissatisfied: sum('dissatisfied'),
  }
}
