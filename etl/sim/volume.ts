/**
 * How much arrives each day and how late it runs — the calibration of docs/design.md §5 as day profiles:
 * - weekday pattern (Monday peak, Friday lower), Saturday mornings (small share), nothing in person on
 *   Sundays and days off (online submissions still arrive and are received the next working day);
 * - a pre-Tết surge over the 10 working days before the break and a dip over the 8 after it;
 * - the 1 July 2025 merger: the old units wind down in the last week of June, the new centres start
 *   slowly, procedures devolved from the districts appear, and lateness surges for about four months;
 * - online share rising from ~32% (January 2025) to ~62% (autumn 2026).
 */
import { PROCEDURES } from './catalogue.ts'
import { dayIndex, tetBreaks, type SimClock } from './clock.ts'
import { cumulative } from './prng.ts'

export const MERGER_YMD = '2025-07-01'
export const MERGER_DAY = dayIndex(MERGER_YMD)

/** In-person factor by day of week (0 = Sunday), relative to an average working day. */
const DOW_IN = [0, 1.22, 1.06, 1.0, 0.96, 0.84, 0.9]
const SATURDAY_MORNING = 0.16
const MONTH = [1.04, 1.0, 1.0, 0.96, 1.0, 1.02, 1.0, 1.05, 1.03, 1.0, 0.97, 1.04]

export interface DayProfile {
  /** In-person (and postal) arrivals, × the commune's load. */
  inPerson: Float32Array
  /** Online submissions, × the commune's load. */
  online: Float32Array
  onlineShare: Float32Array
  /** Multiplies the odds of lateness of dossiers received that day. */
  lateRegime: Float32Array
  /** Complaint propensity multiplier. */
  complaint: Float32Array
}

export function onlineShareOn(day: number): number {
  const a = dayIndex('2025-01-01')
  const b = dayIndex('2025-12-31')
  const c = dayIndex('2026-10-01')
  if (day <= a) return 0.32
  if (day <= b) return 0.32 + ((0.55 - 0.32) * (day - a)) / (b - a)
  if (day <= c) return 0.55 + ((0.62 - 0.55) * (day - b)) / (c - b)
  return 0.62
}

/** Post-merger surge in lateness: ×2.7 on 1 July 2025 easing to ×1 by early November. */
export function lateRegimeOn(day: number): number {
  if (day < MERGER_DAY) return 0.8
  const x = (day - MERGER_DAY) / 125
  return x >= 1 ? 1 : 1 + 1.7 * (1 - x) ** 1.3
}

export function dayProfile(clock: SimClock, holidays: { date: string; name: string }[]): DayProfile {
  const n = clock.days
  const p: DayProfile = {
    inPerson: new Float32Array(n),
    online: new Float32Array(n),
    onlineShare: new Float32Array(n),
    lateRegime: new Float32Array(n),
    complaint: new Float32Array(n),
  }
  const tet = new Float32Array(n).fill(1)
  for (const [a, b] of tetBreaks(clock, holidays)) {
    // The 10 working days before the break: up to +40%; the 8 after: from −55% back to normal.
    for (let d = a - 1, k = 0; d >= 0 && k < 10; d--) if (clock.working[d]) tet[d] = 1 + 0.4 * ((10 - k++) / 10)
    for (let d = b + 1, k = 0; d < n && k < 8; d++) if (clock.working[d]) tet[d] = 0.45 + 0.55 * (k++ / 8)
    for (let d = a; d <= b; d++) tet[d] = 0.3
  }
  for (let d = 0; d < n; d++) {
    const month = Number(clock.ymdOf(d).slice(5, 7)) - 1
    let f = MONTH[month]! * tet[d]!
    if (d >= MERGER_DAY - 6 && d < MERGER_DAY) f *= 0.7
    else if (d >= MERGER_DAY && d < MERGER_DAY + 11) f *= 0.85
    const work = clock.working[d] === 1
    p.inPerson[d] = (work ? DOW_IN[clock.dow[d]!]! : clock.saturdayMorning[d] ? SATURDAY_MORNING : 0) * f
    p.online[d] = (work ? 0.87 : 0.325) * f
    p.onlineShare[d] = onlineShareOn(d)
    p.lateRegime[d] = lateRegimeOn(d) * (tet[d]! > 1 ? 1.25 : 1)
    p.complaint[d] = d < MERGER_DAY ? 0.75 : 1
  }
  return p
}

/** Cumulative procedure weights before the merger (no devolved procedures) and after it. */
export function procedureMix(): { pre: Float64Array; post: Float64Array; avgOnline: number } {
  const post = PROCEDURES.map((p) => p.weight)
  const pre = PROCEDURES.map((p) => (p.devolved ? 0 : p.weight))
  const total = post.reduce((a, b) => a + b, 0)
  const avgOnline = PROCEDURES.reduce((s, p) => s + p.weight * p.online, 0) / total
  // Before the merger the devolved procedures were district business: they are never drawn, and the daily
  // count is lowered by `preMergerVolume` so the other procedures keep their volume.
  return { pre: cumulative(pre), post: cumulative(post), avgOnline }
}

/** Share of today's (post-merger) volume that a commune centre saw before the merger. */
export const preMergerVolume = (() => {
  const post = PROCEDURES.reduce((s, p) => s + p.weight, 0)
  const pre = PROCEDURES.reduce((s, p) => s + (p.devolved ? 0 : p.weight), 0)
  return pre / post
})()
