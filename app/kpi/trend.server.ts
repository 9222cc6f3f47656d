/**
 * Trends for charts: one point per day / ISO week / month of [from, to] (the first and last may be partial),
 * dense — every bucket is present; a bucket the rollup has no day for is `computed: false` with null
 * figures (a gap, not a zero). Per point: the backlog arithmetic of that bucket (carried over = the
 * previous bucket's closing stock), late and on-time rates, mean processing days and the satisfied share.
 * Dossiers received before 1 July 2025 are already under their new commune (ETL lineage mapping), so a
 * trend runs through the merger date without a break.
 */
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { backlogFrom, type Backlog } from './backlog.server.ts'
import { ratio } from './numbers.ts'
import { periodOf, trendBuckets, type TrendGrain } from './period.ts'
import { receivedByCommuneRows, trendRows } from './queries/trend.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export interface TrendPoint {
  /** First day of the bucket (Monday of the week, 1st of the month). */
  start: string
  from: string
  to: string
  /** The bucket covers only part of its week/month (the period starts or ends inside it): charts mark it. */
  partial: boolean
  computed: boolean
  backlog: Backlog | null
  avgProcessingDays: number | null
  satisfiedShare: number | null
}

type Row = z.infer<typeof trendRows.definition.row>

const TrendQuery = z.object({ grain: z.enum(['day', 'week', 'month']) })

export async function getTrend(stores: Stores, q: KpiQuery & { grain: TrendGrain }): Promise<TrendPoint[]> {
  const { commune, from, to } = KpiQuery.parse(q)
  const { grain } = TrendQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  const rows = await trendRows(stores.ch, { communes: scope.codes, from, to, grain, scanFrom: addDays(from, -31) }, 'kpi:getTrend')
  const byBucket = new Map(rows.map((r) => [r.bucket, r]))
  const stock = (r: Row | undefined) => (r ? r.in_process_not_due + r.in_process_nearly_due + r.in_process_overdue : 0)
  let carried = stock(byBucket.get('1970-01-01'))
  return trendBuckets(from, to, grain).map((b): TrendPoint => {
    const r = byBucket.get(grain === 'day' ? b.from : b.start)
    const partial = isPartialBucket(b, grain)
    if (!r)
      return {
        start: b.start,
        from: b.from,
        to: b.to,
        partial,
        computed: false,
        backlog: null,
        avgProcessingDays: null,
        satisfiedShare: null,
      }
    const backlog = backlogFrom({ ...r, carried_over: carried, processed_cancelled: 0 }, r.last_day)
    carried = stock(r)
    return {
      start: b.start,
      from: b.from,
      to: b.to,
      partial,
      computed: true,
      backlog,
      avgProcessingDays: ratio(r.days_sum, backlog.processed),
      satisfiedShare: ratio(r.satisfied, r.rated),
    }
  })
}

/** A week or month bucket the range covers only in part (its first or last days fall outside [from, to]). */
export function isPartialBucket(b: { start: string; from: string; to: string }, grain: TrendGrain): boolean {
  if (grain === 'day') return false
  const whole = periodOf(grain, b.start)
  return b.from !== whole.from || b.to !== whole.to
}

/**
 * Dossiers received per trend bucket, for each of `communes` separately (the overview's sparklines): for every
 * commune the same figures as `getTrend(…, { commune }).map((p) => p.backlog?.received ?? null)`, in one query
 * instead of one per commune. A bucket the rollup has no day for is null.
 */
export async function getReceivedByCommune(
  stores: Stores,
  q: { communes: readonly string[]; from: string; to: string; grain: TrendGrain },
): Promise<Record<string, (number | null)[]>> {
  const { from, to } = KpiQuery.parse({ from: q.from, to: q.to })
  const { grain } = TrendQuery.parse(q)
  const rows = q.communes.length
    ? await receivedByCommuneRows(stores.ch, { communes: [...q.communes], from, to, grain }, 'kpi:getReceivedByCommune')
    : []
  const got = new Map(rows.map((r) => [`${r.commune}|${r.bucket}`, r.received]))
  const buckets = trendBuckets(from, to, grain).map((b) => (grain === 'day' ? b.from : b.start))
  return Object.fromEntries(q.communes.map((c) => [c, buckets.map((b) => got.get(`${c}|${b}`) ?? null)]))
}
