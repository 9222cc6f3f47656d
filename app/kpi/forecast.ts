/**
 * Intake forecast for the next weeks that knows the Vietnamese working calendar.
 *
 * Model (deliberately simple, every number explainable on screen):
 *  1. Weekday profile. Over the last K weeks (default 8) of history, the mean intake of each weekday
 *     Mon–Fri, on working days only (holidays, days off and weekends are ignored, so Tết does not drag the
 *     profile down). M = the average of the five weekday means; factor s[w] = mean[w] / M.
 *  2. Level. Each working weekday is deseasonalised, x = received / s[w]; the recent level L is the mean of
 *     x over the last T weeks (default 4), the previous level L' the mean over the T weeks before.
 *  3. Damped trend. r = L / L'; the next block is expected to move by the same ratio, damped by φ
 *     (default ½): multiplier g = 1 + φ·(r − 1), clamped to [0.5, 2]. Base level B = L·g, applied to the
 *     whole horizon (28 days = one T-week block; no compounding).
 *  4. Each future calendar day:
 *       - Sunday, `holiday`, `day_off`                       → 0
 *       - working weekday w                                  → s[w]·B
 *       - make-up working Saturday                           → f·B, f = mean intake on make-up Saturdays seen
 *         in history / M, or `makeupSaturdayFactor` (default 1: by law a full working day) if none were seen
 *       - ordinary Saturday                                  → share·B; share = `saturdayShare` (default 0, the
 *         centre is closed; 'auto' = mean intake on ordinary Saturdays in the window / M, for centres that
 *         receive on Saturday mornings)
 *  5. Interval: sd = √(expected + (ρ·expected)²) — Poisson noise plus the relative RMS error ρ of the fit on
 *     the recent block; low/high = expected ∓ z·sd (z default 1.2816, an 80 % interval), low ≥ 0.
 * Outputs are rounded to 2 decimals.
 */
import { WorkCalendar, addDays, dayOfWeek, ymdToDayNumber } from '../../db/lib/workdays'
import { round } from './numbers.ts'

export interface DailyIntake {
  date: string
  received: number
}

export interface ForecastOptions {
  /** First forecast date; default the day after the last history date. */
  start?: string
  horizonDays?: number
  profileWeeks?: number
  trendWeeks?: number
  damping?: number
  saturdayShare?: number | 'auto'
  makeupSaturdayFactor?: number
  z?: number
}

export type ForecastDayKind = 'workday' | 'makeup_saturday' | 'saturday' | 'closed'

export interface ForecastPoint {
  date: string
  expected: number
  low: number
  high: number
  kind: ForecastDayKind
}

export interface IntakeModel {
  /** s[w] for w = 1 (Mon) … 5 (Fri). */
  weekdayFactors: Record<1 | 2 | 3 | 4 | 5, number>
  /** M: average of the weekday means over the profile window. */
  profileMean: number
  recentLevel: number
  previousLevel: number | null
  trendRatio: number
  trendMultiplier: number
  /** B = recentLevel × trendMultiplier: expected intake of an average working weekday. */
  baseLevel: number
  saturdayShare: number
  makeupSaturdayFactor: number
  /** ρ: relative RMS error of the fit over the recent block. */
  relativeNoise: number
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)

function sortedHistory(history: readonly DailyIntake[]): DailyIntake[] {
  if (history.length === 0) throw new Error('forecast: empty history')
  for (const h of history) {
    ymdToDayNumber(h.date)
    if (!Number.isFinite(h.received) || h.received < 0) {
      throw new RangeError(`forecast: invalid intake ${h.received} on ${h.date}`)
    }
  }
  return [...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

export function fitIntakeModel(history: readonly DailyIntake[], cal: WorkCalendar, options: ForecastOptions = {}): IntakeModel {
  return fitSorted(sortedHistory(history), cal, options)
}

/**
 * The fit on sorted rows. Each row's calendar facts are read once and each bound computed once (a national
 * overview fits 3,321 communes per request); the arithmetic and its order are the model's, unchanged.
 */
function fitSorted(rows: readonly DailyIntake[], cal: WorkCalendar, options: ForecastOptions): IntakeModel {
  const K = options.profileWeeks ?? 8
  const T = options.trendWeeks ?? 4
  const phi = options.damping ?? 0.5
  const last = rows[rows.length - 1]!.date
  const since = (weeks: number) => addDays(last, -7 * weeks) // exclusive lower bound
  const sinceK = since(K)
  const sinceT = since(T)
  const since2T = since(2 * T)
  const facts = rows.map((r) => {
    const dow = dayOfWeek(r.date)
    return { r, dow, weekdayWork: cal.isWorkingDay(r.date) && dow >= 1 && dow <= 5 }
  })

  // 1. Weekday profile over the last K weeks.
  const window = facts.filter((f) => f.r.date > sinceK)
  const byDow = new Map<number, number[]>()
  for (const f of window) {
    if (!f.weekdayWork) continue
    const list = byDow.get(f.dow) ?? []
    list.push(f.r.received)
    byDow.set(f.dow, list)
  }
  const seen = WEEKDAYS.filter((w) => byDow.has(w)).map((w) => mean(byDow.get(w) ?? []))
  const fallback = seen.length ? mean(seen) : 0 // a weekday never open in the window gets the average
  const wMean = (w: number) => (byDow.has(w) ? mean(byDow.get(w) ?? []) : fallback)
  const M = mean(WEEKDAYS.map(wMean))
  const factors = new Map(WEEKDAYS.map((w) => [w as number, M > 0 ? wMean(w) / M : 1]))
  const s = (w: number) => factors.get(w) ?? (M > 0 ? wMean(w) / M : 1)

  // 2. Deseasonalised levels of the recent and previous blocks.
  const level = (from: string, to: string) => {
    const xs = facts.filter((f) => f.r.date > from && f.r.date <= to && f.weekdayWork && s(f.dow) > 0).map((f) => f.r.received / s(f.dow))
    return xs.length ? mean(xs) : null
  }
  const recentLevel = level(sinceT, last) ?? M
  const previousLevel = level(since2T, sinceT)

  // 3. Damped trend.
  const trendRatio = previousLevel && previousLevel > 0 ? recentLevel / previousLevel : 1
  const trendMultiplier = Math.min(2, Math.max(0.5, 1 + phi * (trendRatio - 1)))

  // Noise: relative RMS error of s[w]·L on the recent block.
  const errs = facts
    .filter((f) => f.r.date > sinceT && f.weekdayWork)
    .map((f) => {
      const fit = s(f.dow) * recentLevel
      return fit > 0 ? f.r.received / fit - 1 : 0
    })
  const relativeNoise = errs.length ? Math.sqrt(mean(errs.map((e) => e * e))) : 0

  // Saturdays.
  const makeupSeen = rows.filter((r) => cal.isMakeupWorkday(r.date)).map((r) => r.received)
  const makeupSaturdayFactor = options.makeupSaturdayFactor ?? (makeupSeen.length && M > 0 ? mean(makeupSeen) / M : 1)
  let saturdayShare = 0
  if (options.saturdayShare === 'auto') {
    const sats = window.filter((f) => f.dow === 6 && !cal.isWorkingDay(f.r.date) && !cal.isDayOff(f.r.date)).map((f) => f.r.received)
    saturdayShare = sats.length && M > 0 ? mean(sats) / M : 0
  } else if (typeof options.saturdayShare === 'number') {
    saturdayShare = options.saturdayShare
  }

  return {
    weekdayFactors: { 1: s(1), 2: s(2), 3: s(3), 4: s(4), 5: s(5) },
    profileMean: M,
    recentLevel,
    previousLevel,
    trendRatio,
    trendMultiplier,
    baseLevel: recentLevel * trendMultiplier,
    saturdayShare,
    makeupSaturdayFactor,
    relativeNoise,
  }
}

/** Expected intake for each of the next `horizonDays` calendar days (default 28). */
export function forecastIntake(history: readonly DailyIntake[], cal: WorkCalendar, options: ForecastOptions = {}): ForecastPoint[] {
  return forecastWithModel(history, cal, options).points
}

/** The fitted model and its forecast, from one fit (what `fitIntakeModel` and `forecastIntake` give apart). */
export function forecastWithModel(
  history: readonly DailyIntake[],
  cal: WorkCalendar,
  options: ForecastOptions = {},
): { model: IntakeModel; points: ForecastPoint[] } {
  const rows = sortedHistory(history)
  const model = fitSorted(rows, cal, options)
  const start = options.start ?? addDays(rows[rows.length - 1]!.date, 1)
  const horizon = options.horizonDays ?? 28
  const z = options.z ?? 1.2816
  const B = model.baseLevel
  const out: ForecastPoint[] = []
  for (let k = 0; k < horizon; k++) {
    const date = addDays(start, k)
    const w = dayOfWeek(date)
    let kind: ForecastDayKind = 'closed'
    let expected = 0
    if (cal.isMakeupWorkday(date) && w === 6) {
      kind = 'makeup_saturday'
      expected = model.makeupSaturdayFactor * B
    } else if (cal.isWorkingDay(date)) {
      kind = 'workday'
      expected = w >= 1 && w <= 5 ? model.weekdayFactors[w as 1 | 2 | 3 | 4 | 5] * B : B
    } else if (w === 6 && !cal.isDayOff(date) && model.saturdayShare > 0) {
      kind = 'saturday'
      expected = model.saturdayShare * B
    }
    const sd = Math.sqrt(expected + (model.relativeNoise * expected) ** 2)
    out.push({
      date,
      expected: round(expected),
      low: round(Math.max(0, expected - z * sd)),
      high: round(expected + z * sd),
      kind,
    })
  }
  return { model, points: out }
}
