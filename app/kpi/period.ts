/**
 * Reporting periods. All dates are Asia/Ho_Chi_Minh calendar dates 'YYYY-MM-DD', both ends inclusive.
 *
 *  - `periodOf(kind, at)`: the day, ISO week (Monday–Sunday), month, quarter or year containing `at`.
 *  - `previousPeriod(p)`: the period immediately before. For a whole calendar month / quarter / year it is
 *    the previous month / quarter / year (March → February, so month-on-month reads as people expect);
 *    for a day, a week and any custom range it is the range of the same number of days ending the day
 *    before `from`.
 *  - `samePeriodLastYear(p)`: both ends moved back one year (29 February → 28 February); a whole month /
 *    quarter / year maps onto the whole month / quarter / year, an ISO week onto the week 52 weeks before.
 *  - `parsePeriodParams(search)`: URL params, zod-checked: `from` + `to`, or `period` (+ optional `at`),
 *    else the current month up to today.
 */
import { z } from 'zod'
import { addDays, dayOfWeek, toLocalYmd, ymdToDayNumber } from '../../db/lib/workdays.ts'

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'custom'
export type TrendGrain = 'day' | 'week' | 'month'

export interface Period {
  from: string
  to: string
  kind: PeriodKind
}

/** The longest range the KPI functions accept (10 years). */
export const MAX_PERIOD_DAYS = 3_660

const isYmd = (s: string) => {
  try {
    ymdToDayNumber(s)
    return true
  } catch {
    return false
  }
}
export const YmdSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng YYYY-MM-DD / must be a YYYY-MM-DD date')
  .refine(isYmd, 'không phải ngày có thật / not a calendar date')

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
const parts = (s: string) => s.split('-').map(Number) as [number, number, number]
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** Today's date in Asia/Ho_Chi_Minh. */
export function todayVn(now: Date = new Date()): string {
  return toLocalYmd(now)
}

export function periodDays(p: { from: string; to: string }): number {
  return ymdToDayNumber(p.to) - ymdToDayNumber(p.from) + 1
}

export function periodOf(kind: Exclude<PeriodKind, 'custom'>, at: string): Period {
  const [y, m] = parts(at)
  switch (kind) {
    case 'day':
      return { from: at, to: at, kind }
    case 'week': {
      const from = addDays(at, -((dayOfWeek(at) + 6) % 7))
      return { from, to: addDays(from, 6), kind }
    }
    case 'month':
      return { from: ymd(y, m, 1), to: ymd(y, m, lastDayOfMonth(y, m)), kind }
    case 'quarter': {
      const q0 = m - ((m - 1) % 3)
      return { from: ymd(y, q0, 1), to: ymd(y, q0 + 2, lastDayOfMonth(y, q0 + 2)), kind }
    }
    case 'year':
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31), kind }
  }
}

/** A custom range; recognised as a whole day/week/month/quarter/year when it is one. */
export function customPeriod(from: string, to: string): Period {
  for (const kind of ['day', 'week', 'month', 'quarter', 'year'] as const) {
    const p = periodOf(kind, from)
    if (p.from === from && p.to === to) return p
  }
  return { from, to, kind: 'custom' }
}

export function previousPeriod(p: Period): Period {
  if (p.kind === 'month' || p.kind === 'quarter' || p.kind === 'year') return periodOf(p.kind, addDays(p.from, -1))
  const n = periodDays(p)
  return { from: addDays(p.from, -n), to: addDays(p.from, -1), kind: p.kind }
}

const minusYear = (s: string) => {
  const [y, m, d] = parts(s)
  return ymd(y - 1, m, Math.min(d, lastDayOfMonth(y - 1, m)))
}

export function samePeriodLastYear(p: Period): Period {
  if (p.kind === 'month' || p.kind === 'quarter' || p.kind === 'year') return periodOf(p.kind, minusYear(p.from))
  if (p.kind === 'week') return periodOf('week', addDays(p.from, -364)) // 52 weeks: same weekday, same ISO week
  return { from: minusYear(p.from), to: minusYear(p.to), kind: p.kind }
}

/** Consecutive buckets of a trend grain covering [from, to] (the first and last may be partial). */
export function trendBuckets(from: string, to: string, grain: TrendGrain): { start: string; from: string; to: string }[] {
  const out: { start: string; from: string; to: string }[] = []
  let cur = from
  while (cur <= to) {
    const whole = periodOf(grain, cur)
    const end = whole.to < to ? whole.to : to
    out.push({ start: whole.from, from: cur, to: end })
    cur = addDays(end, 1)
  }
  return out
}

/** Object-level checks run even when a field failed: only compare two real dates. */
const bothReal = (q: { from?: string; to?: string }) => !!q.from && !!q.to && isYmd(q.from) && isYmd(q.to)

const PeriodParams = z
  .object({
    from: YmdSchema.optional(),
    to: YmdSchema.optional(),
    period: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional(),
    at: YmdSchema.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'from và to phải đi cùng nhau / from and to go together',
    path: ['from'],
  })
  .refine((q) => !(q.from && q.period), {
    message: 'dùng from/to hoặc period, không cả hai / use from/to or period, not both',
    path: ['period'],
  })
  .refine((q) => !bothReal(q) || q.from! <= q.to!, { message: 'from phải trước hoặc bằng to / from must not be after to', path: ['from'] })
  .refine((q) => !bothReal(q) || periodDays({ from: q.from!, to: q.to! }) <= MAX_PERIOD_DAYS, {
    message: `khoảng thời gian tối đa ${MAX_PERIOD_DAYS} ngày / at most ${MAX_PERIOD_DAYS} days`,
    path: ['to'],
  })

/** Reads from/to or period[/at] from URL params; throws a ZodError with a clear message on bad input. */
export function parsePeriodParams(search: URLSearchParams, today: string = todayVn()): Period {
  const raw = Object.fromEntries(['from', 'to', 'period', 'at'].flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : [])))
  const q = PeriodParams.parse(raw)
  if (q.from && q.to) return customPeriod(q.from, q.to)
  if (q.period) return periodOf(q.period, q.at ?? today)
  const month = periodOf('month', today)
  return { from: month.from, to: today, kind: 'custom' }
}
