import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fitIntakeModel, forecastIntake, type DailyIntake } from '../app/kpi/forecast'
import { WorkCalendar, addDays, dayOfWeek } from '../db/lib/workdays'
import { parseHolidaysCsv } from '../db/lib/holidays-csv.ts'

const cal = new WorkCalendar(
  parseHolidaysCsv(readFileSync(fileURLToPath(new URL('../db/reference/vn-holidays.csv', import.meta.url)), 'utf8')),
)

/** Mon 20, Tue–Thu 15, Fri 10 on working days; make-up Saturdays and ordinary Saturdays configurable. */
const PATTERN: Record<number, number> = { 1: 20, 2: 15, 3: 15, 4: 15, 5: 10 }
function synth(
  from: string,
  days: number,
  opts: { scaleFrom?: string; scale?: number; saturday?: number; makeup?: number } = {},
): DailyIntake[] {
  const out: DailyIntake[] = []
  for (let k = 0; k < days; k++) {
    const date = addDays(from, k)
    const w = dayOfWeek(date)
    let v = 0
    if (cal.isMakeupWorkday(date)) v = opts.makeup ?? 15
    else if (cal.isWorkingDay(date)) v = PATTERN[w]
    else if (w === 6 && !cal.isDayOff(date)) v = opts.saturday ?? 0
    if (opts.scaleFrom && date >= opts.scaleFrom) v *= opts.scale ?? 1
    out.push({ date, received: v })
  }
  return out
}

// 8 weeks, Sun 2026-03-01 … Sat 2026-04-25 (no holiday inside). The forecast covers
// Sun 2026-04-26 … Sat 2026-05-23, which holds Giỗ Tổ (Sun 26/4), its compensatory Mon 27/4, 30/4 and 1/5.
const flat = synth('2026-03-01', 56)

describe('forecastIntake — flat weekly pattern', () => {
  const f = forecastIntake(flat, cal)
  const at = (d: string) => f.find((p) => p.date === d)

  it('learns the weekday profile exactly', () => {
    const m = fitIntakeModel(flat, cal)
    // M = (20 + 15 + 15 + 15 + 10) / 5 = 15 → factors 4/3, 1, 1, 1, 2/3
    expect(m.profileMean).toBe(15)
    expect(m.weekdayFactors[1]).toBeCloseTo(4 / 3, 12)
    expect(m.weekdayFactors[5]).toBeCloseTo(2 / 3, 12)
    expect(m.trendRatio).toBe(1)
    expect(m.baseLevel).toBe(15)
    expect(m.relativeNoise).toBe(0)
  })

  it('returns 28 days with 0 on holidays, Sundays and Saturdays', () => {
    expect(f).toHaveLength(28)
    expect(f[0].date).toBe('2026-04-26')
    expect(f[27].date).toBe('2026-05-23')
    expect(at('2026-04-26')).toMatchObject({ expected: 0, low: 0, high: 0, kind: 'closed' }) // Giỗ Tổ, Sun
    expect(at('2026-04-27')).toMatchObject({ expected: 0, kind: 'closed' }) // nghỉ bù, a Monday
    expect(at('2026-04-30')).toMatchObject({ expected: 0, kind: 'closed' }) // Thu holiday
    expect(at('2026-05-01')).toMatchObject({ expected: 0, kind: 'closed' }) // Fri holiday
    expect(at('2026-05-02')).toMatchObject({ expected: 0, kind: 'closed' }) // ordinary Saturday
  })

  it('gives the weekday pattern on working days, with Poisson 80 % intervals', () => {
    // sd = √expected, z = 1.2816: 20 ± 5.7315, 15 ± 4.9636, 10 ± 4.0528
    expect(at('2026-04-28')).toEqual({ date: '2026-04-28', expected: 15, low: 10.04, high: 19.96, kind: 'workday' })
    expect(at('2026-05-04')).toEqual({ date: '2026-05-04', expected: 20, low: 14.27, high: 25.73, kind: 'workday' })
    expect(at('2026-05-08')).toEqual({ date: '2026-05-08', expected: 10, low: 5.95, high: 14.05, kind: 'workday' })
    // Working days: Tue 28 + Wed 29 April (30) + three full weeks of May (3 × 75) = 255
    expect(f.reduce((a, p) => a + p.expected, 0)).toBe(255)
  })

  it('ignores holidays inside the history (Tết Dương lịch 2026) and forecasts a make-up Saturday', () => {
    // Sun 2025-11-09 … Sat 2026-01-03: 1/1 (holiday) and 2/1 (day off) received 0 and must not count.
    const h = synth('2025-11-09', 56)
    const m = fitIntakeModel(h, cal)
    expect(m.baseLevel).toBe(15)
    expect(m.weekdayFactors[4]).toBe(1) // Thursdays: 1/1 excluded, otherwise Thursday would be 13.1
    const g = forecastIntake(h, cal)
    expect(g[0].date).toBe('2026-01-04')
    expect(g.find((p) => p.date === '2026-01-05')?.expected).toBe(20)
    // Sat 10/1 is a make-up working day; none in the history → factor 1 → 15
    expect(g.find((p) => p.date === '2026-01-10')).toMatchObject({ expected: 15, kind: 'makeup_saturday' })
    expect(g.find((p) => p.date === '2026-01-17')).toMatchObject({ expected: 0, kind: 'closed' })
    const half = forecastIntake(h, cal, { makeupSaturdayFactor: 0.5 })
    expect(half.find((p) => p.date === '2026-01-10')?.expected).toBe(7.5)
  })

  it('learns the make-up Saturday factor when the history has one', () => {
    // Sun 2025-03-16 … Sat 2025-05-10 holds Sat 26/4/2025 (make-up), here with 12 dossiers: 12 / 15 = 0.8
    const h = synth('2025-03-16', 56, { makeup: 12 })
    expect(fitIntakeModel(h, cal).makeupSaturdayFactor).toBeCloseTo(0.8, 12)
    const g = forecastIntake(h, cal, { start: '2026-08-17', horizonDays: 7 })
    expect(g.find((p) => p.date === '2026-08-22')).toMatchObject({ expected: 12, kind: 'makeup_saturday' })
  })
})

describe('forecastIntake — Saturday mornings', () => {
  const h = synth('2026-03-01', 56, { saturday: 6 })
  it('estimates the Saturday share from history when asked (6 / 15 = 0.4)', () => {
    const f = forecastIntake(h, cal, { saturdayShare: 'auto' })
    expect(fitIntakeModel(h, cal, { saturdayShare: 'auto' }).saturdayShare).toBeCloseTo(0.4, 12)
    expect(f.find((p) => p.date === '2026-05-09')).toMatchObject({ expected: 6, kind: 'saturday' })
    expect(f.find((p) => p.date === '2026-05-10')?.expected).toBe(0) // Sunday
    expect(f.find((p) => p.date === '2026-05-04')?.expected).toBe(20) // weekdays unchanged
  })
  it('assumes the centre is closed on Saturday unless told otherwise', () => {
    expect(forecastIntake(h, cal).find((p) => p.date === '2026-05-09')?.expected).toBe(0)
  })
})

describe('forecastIntake — trend', () => {
  // Weeks 1–4 (1–28 March) follow the pattern; weeks 5–8 (29 March – 25 April) are 20 % higher.
  const h = synth('2026-03-01', 56, { scaleFrom: '2026-03-29', scale: 1.2 })
  it('damps half of the last 4 weeks’ growth into the next 4', () => {
    const m = fitIntakeModel(h, cal)
    // Weekday means over 8 weeks: Mon 22, Tue–Thu 16.5, Fri 11 → M = 16.5, same factors 4/3, 1, 2/3.
    // Deseasonalised: previous block 15, recent block 18 → r = 1.2, g = 1 + ½·0.2 = 1.1, B = 18 × 1.1 = 19.8
    expect(m.profileMean).toBeCloseTo(16.5, 12)
    expect(m.previousLevel).toBeCloseTo(15, 12)
    expect(m.recentLevel).toBeCloseTo(18, 12)
    expect(m.trendRatio).toBeCloseTo(1.2, 12)
    expect(m.trendMultiplier).toBeCloseTo(1.1, 12)
    const f = forecastIntake(h, cal)
    expect(f.find((p) => p.date === '2026-05-04')?.expected).toBe(26.4) // Mon: 4/3 × 19.8
    expect(f.find((p) => p.date === '2026-04-28')).toMatchObject({ expected: 19.8, low: 14.1, high: 25.5 })
    expect(f.find((p) => p.date === '2026-05-08')?.expected).toBe(13.2) // Fri: 2/3 × 19.8
    expect(f.find((p) => p.date === '2026-04-30')?.expected).toBe(0)
  })
  it('with damping 0 it keeps the recent level (18) without extrapolating', () => {
    const f = forecastIntake(h, cal, { damping: 0 })
    expect(f.find((p) => p.date === '2026-04-28')?.expected).toBe(18)
  })
})

describe('forecastIntake — input checks', () => {
  it('rejects empty or invalid history', () => {
    expect(() => forecastIntake([], cal)).toThrow()
    expect(() => forecastIntake([{ date: '2026-01-05', received: -1 }], cal)).toThrow(RangeError)
  })
})
