import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, dayOfWeek } from '../db/lib/workdays.ts'
import { getIntakeForecast } from '../app/kpi/forecast.server.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { insertDossiers, many, type DossierFx } from './support/kpi2-fixtures.ts'

// Minh Hoá: 8 weeks (Sat 5 Jul – Fri 29 Aug 2025) of a fixed weekly pattern Mon 30, Tue 20, Wed 20, Thu 15,
// Fri 15 (100 a week, 20 per working day on average). The next 28 days (30 Aug – 26 Sep) include the
// National Day holidays Mon 1 and Tue 2 September.
const F = '18901'
const PATTERN: Record<number, number> = { 1: 30, 2: 20, 3: 20, 4: 15, 5: 15 }

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  const rows: DossierFx[] = []
  for (let d = '2025-07-05'; d <= '2025-08-29'; d = addDays(d, 1)) {
    const n = PATTERN[dayOfWeek(d)] ?? 0
    rows.push(...many(n, `f-${d}`, { commune: F, received: `${d} 09:00:00`, due: `${d} 17:00:00` }))
  }
  expect(rows).toHaveLength(800)
  await insertDossiers(s.ch, rows)
  await refreshLoadRollups(s, { fromDay: '2025-07-01', toDay: '2025-08-31' })
})
afterAll(async () => s?.dispose())

describe('intake forecast for the next 28 days, through the KPI function', () => {
  it('repeats the weekly pattern and forecasts 0 on weekends and the National Day holidays', async () => {
    const f = await getIntakeForecast(s, { commune: F, asOf: '2025-08-29' })
    expect(f).toMatchObject({ commune: F, asOf: '2025-08-29', start: '2025-08-30', end: '2025-09-26' })
    expect(f.history).toHaveLength(56)
    expect(f.model).toMatchObject({
      weekdayFactors: { 1: 1.5, 2: 1, 3: 1, 4: 0.75, 5: 0.75 },
      profileMean: 20,
      recentLevel: 20,
      previousLevel: 20,
      trendRatio: 1,
      baseLevel: 20,
      relativeNoise: 0,
    })
    const byDate = Object.fromEntries(f.points.map((p) => [p.date, p]))
    expect(byDate['2025-08-30']).toEqual({ date: '2025-08-30', expected: 0, low: 0, high: 0, kind: 'closed' }) // Saturday
    expect(byDate['2025-09-01']).toMatchObject({ expected: 0, kind: 'closed' }) // holiday (a Monday)
    expect(byDate['2025-09-02']).toMatchObject({ expected: 0, kind: 'closed' }) // holiday
    // Poisson interval, 80 %: expected ∓ 1,2816·√expected.
    expect(byDate['2025-09-08']).toEqual({ date: '2025-09-08', expected: 30, low: 22.98, high: 37.02, kind: 'workday' })
    expect(byDate['2025-09-03']).toEqual({ date: '2025-09-03', expected: 20, low: 14.27, high: 25.73, kind: 'workday' })
    expect(byDate['2025-09-04']).toEqual({ date: '2025-09-04', expected: 15, low: 10.04, high: 19.96, kind: 'workday' })
    // 4 weeks × 100 minus the two holidays (30 + 20) = 350 over 18 working days.
    expect(f.totalExpected).toBe(350)
    expect(f.workingDaysAhead).toBe(18)
    expect(f.expectedPerWorkday).toBe(19.44)
    expect(f.recentPerWorkday).toBe(20)
    expect(f.growthPct).toBe(-2.78) // 350/18 ÷ 20 − 1
  })

  it('the province forecast adds up the communes (only Minh Hoá has dossiers here)', async () => {
    const p = await getIntakeForecast(s, { from: '2025-08-01', to: '2025-08-29' }) // a dashboard period: history ends at `to`
    expect(p.commune).toBeNull()
    expect(p.asOf).toBe('2025-08-29')
    expect(p.totalExpected).toBe(350)
    expect(
      p.points
        .filter((x) => x.kind === 'workday')
        .map((x) => x.expected)
        .slice(0, 5),
    ).toEqual([20, 15, 15, 30, 20])
  })

  it('a commune with no history forecasts zeros, with no growth figure rather than a made-up one', async () => {
    const z = await getIntakeForecast(s, { commune: '18904', asOf: '2025-08-29' })
    expect(z.totalExpected).toBe(0)
    expect(z.growthPct).toBeNull()
  })
})
