/**
 * Vietnam working-day calendar (docs/design.md §3 "Working days").
 *
 * Dates are calendar dates in Asia/Ho_Chi_Minh written 'YYYY-MM-DD' (UTC+7 all year, no DST).
 * A date is a working day when it is Monday–Friday and not an official day off (`holiday`, `day_off`),
 * or when it is a Government-announced make-up working Saturday (`makeup_workday`). A holiday row that falls
 * on a weekend (e.g. Tết's mùng 1 on a Saturday) changes nothing: the day was already off.
 * If one date were listed both as off and as make-up, make-up wins (it is the later, specific decision).
 *
 * Durations use a cumulative index, the "workday sequence":
 *   seq(d) = number of working days in [2020-01-01, d]            for d ≥ 2020-01-01
 *   seq(d) = −(number of working days in [d + 1, 2019-12-31])     for d < 2020-01-01
 * so that for every a ≤ b:  seq(b) − seq(a) = working days in (a, b]  (a excluded, b included).
 * ClickHouse computes the same index from the same holiday table, so TS and SQL agree on every duration.
 */
import { VN_OFFSET_MINUTES, VN_TIME_ZONE } from './vn-time.ts'

export type HolidayKind = 'holiday' | 'day_off' | 'makeup_workday'
export interface HolidayRow {
  date: string
  kind: HolidayKind
  name?: string
  source?: string
}

export { VN_TIME_ZONE }
export const VN_UTC_OFFSET_MINUTES = VN_OFFSET_MINUTES
export const WORKDAY_EPOCH = '2020-01-01'

const MS_PER_DAY = 86_400_000
const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Both conversions are memoised (ADR 025): the forecast and the load models convert every commune's every
 * history day, 3,321 communes × 400 days nationally, and `Date`/`toISOString` dominated the loaders' CPU.
 * The maps hold only valid dates (a bad string still throws, every time) and are emptied past 50,000 entries.
 */
const MEMO_LIMIT = 50_000
const dayOf = new Map<string, number>()
const ymdOf = new Map<number, string>()

/** 'YYYY-MM-DD' → days since 1970-01-01. Throws on anything that is not a real calendar date. */
export function ymdToDayNumber(ymd: string): number {
  const known = dayOf.get(ymd)
  if (known !== undefined) return known
  const m = YMD_RE.exec(ymd)
  if (!m) throw new Error(`Not a YYYY-MM-DD date: ${JSON.stringify(ymd)}`)
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const day = ms / MS_PER_DAY
  if (dayNumberToYmd(day) !== ymd) throw new Error(`Not a calendar date: ${ymd}`)
  if (dayOf.size >= MEMO_LIMIT) dayOf.clear()
  dayOf.set(ymd, day)
  return day
}

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function dayNumberToYmd(day: number): string {
  const known = ymdOf.get(day)
  if (known !== undefined) return known
  const ymd = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
  if (Number.isInteger(day)) {
    if (ymdOf.size >= MEMO_LIMIT) ymdOf.clear()
    ymdOf.set(day, ymd)
  }
  return ymd
}

/** Adds calendar days to a date. */
export function addDays(ymd: string, days: number): string {
  return dayNumberToYmd(ymdToDayNumber(ymd) + days)
}

/** Day of week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(ymd: string): number {
  return dowOf(ymdToDayNumber(ymd))
}
const dowOf = (day: number) => (((day + 4) % 7) + 7) % 7
const isMonFri = (day: number) => {
  const w = dowOf(day)
  return w >= 1 && w <= 5
}

/**
 * The Asia/Ho_Chi_Minh calendar date of an instant. A string with a time is read as an ISO instant
 * (its offset honoured, 'Z' = UTC); a bare 'YYYY-MM-DD' is already a local date and is returned as is.
 */
export function toLocalYmd(date: Date | string): string {
  if (typeof date === 'string' && YMD_RE.test(date)) {
    ymdToDayNumber(date) // validate
    return date
  }
  const t = typeof date === 'string' ? Date.parse(date) : date.getTime()
  if (!Number.isFinite(t)) throw new Error(`Not a valid instant: ${String(date)}`)
  return new Date(t + VN_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10)
}

/** Mon–Fri days in [MONDAY0, x) — negative for x before it. MONDAY0 = 1970-01-05, day number 4. */
function monFriBefore(x: number): number {
  const d = x - 4
  const weeks = Math.floor(d / 7)
  return weeks * 5 + Math.min(d - weeks * 7, 5)
}

export class WorkCalendar {
  private readonly off = new Set<number>()
  private readonly makeup = new Set<number>()
  /** Sorted day numbers where the weekday rule is overridden, with the running sum of overrides. */
  private readonly adjDays: number[] = []
  private readonly adjCum: number[] = []
  private readonly epochDay = ymdToDayNumber(WORKDAY_EPOCH)
  private readonly epochBase: number

  constructor(rows: readonly HolidayRow[]) {
    for (const r of rows) {
      const day = ymdToDayNumber(r.date)
      if (r.kind === 'makeup_workday') this.makeup.add(day)
      else if (r.kind === 'holiday' || r.kind === 'day_off') this.off.add(day)
      else throw new Error(`Unknown holiday kind: ${String((r as { kind: unknown }).kind)}`)
    }
    // +1 for a make-up day on a weekend, −1 for a day off on a weekday; other rows change nothing.
    const adj = new Map<number, number>()
    for (const d of this.makeup) if (!isMonFri(d)) adj.set(d, 1)
    for (const d of this.off) if (isMonFri(d) && !this.makeup.has(d)) adj.set(d, -1)
    let cum = 0
    for (const d of [...adj.keys()].sort((a, b) => a - b)) {
      cum += adj.get(d) ?? 0
      this.adjDays.push(d)
      this.adjCum.push(cum)
    }
    this.epochBase = this.rawCount(this.epochDay - 1)
  }

  /** Working days in (−∞, day] relative to an arbitrary origin; only differences are meaningful. */
  private rawCount(day: number): number {
    // Binary search: last override ≤ day.
    let lo = 0
    let hi = this.adjDays.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.adjDays[mid] <= day) lo = mid + 1
      else hi = mid
    }
    return monFriBefore(day + 1) + (lo > 0 ? this.adjCum[lo - 1] : 0)
  }

  isWorkingDay(ymd: string): boolean {
    const day = ymdToDayNumber(ymd)
    if (this.makeup.has(day)) return true
    return isMonFri(day) && !this.off.has(day)
  }

  /** True for `holiday`/`day_off` rows (whatever the weekday). */
  isDayOff(ymd: string): boolean {
    return this.off.has(ymdToDayNumber(ymd))
  }

  isMakeupWorkday(ymd: string): boolean {
    return this.makeup.has(ymdToDayNumber(ymd))
  }

  /** Cumulative working-day index from 2020-01-01 (see the file header). */
  workdaySeq(ymd: string): number {
    return this.rawCount(ymdToDayNumber(ymd)) - this.epochBase
  }

  /** Working days in (a, b]; negative when b is before a. Same date → 0. */
  workingDaysBetween(aYmd: string, bYmd: string): number {
    return this.workdaySeq(bYmd) - this.workdaySeq(aYmd)
  }

  /**
   * The n-th working day after `ymd` (n > 0) or before it (n < 0); n = 0 returns `ymd` unchanged.
   * E.g. a deadline of 15 working days from reception: addWorkingDays(received, 15).
   */
  addWorkingDays(ymd: string, n: number): string {
    if (!Number.isInteger(n)) throw new Error(`addWorkingDays: n must be an integer, got ${n}`)
    let day = ymdToDayNumber(ymd)
    const step = n >= 0 ? 1 : -1
    let left = Math.abs(n)
    while (left > 0) {
      day += step
      if (this.isWorkingDay(dayNumberToYmd(day))) left--
    }
    return dayNumberToYmd(day)
  }

  /** The next `count` working days strictly after `fromYmd`, in order. */
  nextWorkingDays(fromYmd: string, count: number): string[] {
    const out: string[] = []
    let ymd = fromYmd
    for (let k = 0; k < count; k++) {
      ymd = this.addWorkingDays(ymd, 1)
      out.push(ymd)
    }
    return out
  }
}
