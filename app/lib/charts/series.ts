/**
 * Time series for charts: dense over the whole period (a day with no row is a GAP — null — unless the
 * metric is a count the source reports for every day, where a missing day is a true zero), bucketed to
 * day / ISO week / month.
 */
import { addDays, dayOfWeek, ymdToDayNumber } from '../../../db/lib/workdays.ts'

export type Grain = 'day' | 'week' | 'month'

export interface SeriesPoint<K extends string> {
  /** Bucket start date, YYYY-MM-DD. */
  bucket: string
  values: Record<K, number | null>
}

/** The bucket a day falls in: itself, the Monday of its week, or the first of its month. */
export function bucketOf(day: string, grain: Grain): string {
  if (grain === 'day') return day
  if (grain === 'month') return `${day.slice(0, 7)}-01`
  const dow = dayOfWeek(day)
  return addDays(day, -((dow + 6) % 7))
}

/** Every bucket start from `from` to `to` inclusive. */
export function buckets(from: string, to: string, grain: Grain): string[] {
  const out: string[] = []
  let b = bucketOf(from, grain)
  const end = bucketOf(to, grain)
  while (b <= end) {
    out.push(b)
    if (grain === 'day') b = addDays(b, 1)
    else if (grain === 'week') b = addDays(b, 7)
    else {
      const [y, m] = b.split('-').map(Number) as [number, number]
      b = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
    }
  }
  return out
}

export interface SeriesSpec<K extends string> {
  /** How each metric aggregates inside a bucket: flows sum, stocks take the last day's value. */
  agg: Record<K, 'sum' | 'last'>
  /** Metrics where a missing day means 0 (flows counted every day); others leave a gap (null). */
  zeroFill?: K[]
}

/**
 * Rows `{ day, ...metrics }` (any order, days may be missing) → one point per bucket from `from` to `to`.
 * A bucket with no row at all is null for gap metrics; 'last' takes the latest day that has a value.
 */
export function prepareSeries<K extends string>(
  rows: readonly ({ day: string } & Partial<Record<K, number | null>>)[],
  from: string,
  to: string,
  grain: Grain,
  spec: SeriesSpec<K>,
): SeriesPoint<K>[] {
  const keys = Object.keys(spec.agg) as K[]
  const zero = new Set(spec.zeroFill ?? [])
  const byBucket = new Map<string, { day: string; row: Partial<Record<K, number | null>> }[]>()
  for (const r of rows) {
    if (r.day < from || r.day > to) continue
    const b = bucketOf(r.day, grain)
    const list = byBucket.get(b) ?? []
    list.push({ day: r.day, row: r })
    byBucket.set(b, list)
  }
  return buckets(from, to, grain).map((bucket) => {
    const list = (byBucket.get(bucket) ?? []).sort((a, b) => (a.day < b.day ? -1 : 1))
    const values = {} as Record<K, number | null>
    for (const k of keys) {
      const vals = list.map((x) => x.row[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
      if (vals.length === 0) values[k] = zero.has(k) ? 0 : null
      else values[k] = spec.agg[k] === 'sum' ? vals.reduce((a, b) => a + b, 0) : vals[vals.length - 1]!
    }
    return { bucket, values }
  })
}

/** Number of calendar days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return ymdToDayNumber(b) - ymdToDayNumber(a)
}
