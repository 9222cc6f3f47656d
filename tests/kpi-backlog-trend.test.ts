/**
 * Trends through the merger date (1 July 2025) and over periods, and the period helpers. Xã Dân Hoá (18904)
 * was formed from xã Trọng Hóa and xã Dân Hóa; the ETL has already mapped their pre-merger dossiers to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBacklog } from '../app/kpi/backlog.server.ts'
import { customPeriod, parsePeriodParams, periodOf, previousPeriod, samePeriodLastYear, trendBuckets } from '../app/kpi/period.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { getTrend } from '../app/kpi/trend.server.ts'
import { insertDossiers, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const DAN_HOA = '18904'

// prettier-ignore
const dossiers: DossierFixture[] = [
  { id: 'P4', commune: DAN_HOA, sourceUnit: 'Xã Dân Hóa', received: '2025-06-10 08:00', due: '2025-06-13 17:00', finished: '2025-06-12 10:00' },
  { id: 'P1', commune: DAN_HOA, sourceUnit: 'Xã Trọng Hóa', received: '2025-06-20 08:00', due: '2025-07-03 17:00', finished: '2025-07-02 10:00' }, // early
  { id: 'P2', commune: DAN_HOA, sourceUnit: 'Xã Dân Hóa', received: '2025-06-25 08:00', due: '2025-07-10 17:00', finished: '2025-07-15 10:00' }, // late
  { id: 'P3', commune: DAN_HOA, sourceUnit: DAN_HOA, received: '2025-07-01 08:00', due: '2025-07-03 17:00', finished: '2025-07-01 15:00' }, // early
]

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, dossiers)
  await refreshRollups(s, { fromDay: '2025-05-01', toDay: '2025-07-31', communes: [DAN_HOA] })
})
afterAll(async () => s?.dispose())

describe('trend through the merger date', () => {
  it('a dossier received before 1 July 2025 in a pre-merger unit appears under the new commune, without a break', async () => {
    const t = await getTrend(s, { commune: DAN_HOA, from: '2025-06-01', to: '2025-07-31', grain: 'month' })
    expect(
      t.map((p) => [p.start, p.computed, p.backlog?.carriedOver, p.backlog?.received, p.backlog?.processed, p.backlog?.inProcess]),
    ).toEqual([
      ['2025-06-01', true, 0, 3, 1, 2], // P4 processed; P1 (Trọng Hóa) and P2 (Dân Hóa) carried into July
      ['2025-07-01', true, 2, 1, 3, 0], // P1 early, P2 late, P3 early
    ])
    expect(t[1]!.backlog).toMatchObject({ processedEarly: 2, processedOnTime: 0, processedLate: 1, lateRate: 1 / 3 })
  })

  it("weekly points chain: each week carries over the previous week's closing stock", async () => {
    const t = await getTrend(s, { commune: DAN_HOA, from: '2025-06-23', to: '2025-07-13', grain: 'week' })
    expect(t.map((p) => [p.start, p.backlog?.carriedOver, p.backlog?.received, p.backlog?.processed, p.backlog?.inProcess])).toEqual([
      ['2025-06-23', 1, 1, 0, 2], // P1 carried in; P2 received
      ['2025-06-30', 2, 1, 2, 1], // 1 July falls here: P3 received and finished, P1 finished
      ['2025-07-07', 1, 0, 0, 1], // P2 still open (overdue from Thu 10)
    ])
    expect(t[2]!.backlog!.inProcessOverdue).toBe(1)
    for (const p of t) expect(p.backlog!.toProcess).toBe(p.backlog!.processed + p.backlog!.inProcess)
  })

  it('the monthly points add up to the whole period', async () => {
    const whole = await getBacklog(s, { commune: DAN_HOA, from: '2025-06-01', to: '2025-07-31' })
    expect(whole).toMatchObject({ carriedOver: 0, received: 4, processed: 4, inProcess: 0 })
  })

  it('a bucket the rollup has not computed is a gap (computed: false, nulls), not zeros', async () => {
    const t = await getTrend(s, { commune: DAN_HOA, from: '2025-07-01', to: '2025-08-31', grain: 'month' })
    expect(t[1]).toEqual({
      start: '2025-08-01',
      from: '2025-08-01',
      to: '2025-08-31',
      computed: false,
      partial: false, // a whole month (ADR 029: only a bucket cut by the period end is partial)
      backlog: null,
      avgProcessingDays: null,
      satisfiedShare: null,
    })
  })

  it('daily points are dense and mean processing days follow the working-day rule', async () => {
    const t = await getTrend(s, { commune: DAN_HOA, from: '2025-07-01', to: '2025-07-03', grain: 'day' })
    expect(t.map((p) => p.from)).toEqual(['2025-07-01', '2025-07-02', '2025-07-03'])
    expect(t[0]!.avgProcessingDays).toBe(0) // P3 received and finished on 1 July
    expect(t[1]!.avgProcessingDays).toBe(8) // P1: Fri 20 June → Wed 2 July = 8 working days
  })
})

describe('periods (Asia/Ho_Chi_Minh dates)', () => {
  it('day, ISO week, month, quarter and year containing a date', () => {
    expect(periodOf('week', '2026-03-11')).toEqual({ from: '2026-03-09', to: '2026-03-15', kind: 'week' })
    expect(periodOf('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29', kind: 'month' })
    expect(periodOf('quarter', '2026-08-31')).toEqual({ from: '2026-07-01', to: '2026-09-30', kind: 'quarter' })
    expect(periodOf('year', '2026-08-31')).toEqual({ from: '2026-01-01', to: '2026-12-31', kind: 'year' })
    expect(customPeriod('2026-03-01', '2026-03-31').kind).toBe('month')
    expect(customPeriod('2026-03-02', '2026-03-31').kind).toBe('custom')
  })

  it('previous period: the calendar unit before, or the same number of days immediately before', () => {
    expect(previousPeriod(periodOf('month', '2026-03-05'))).toEqual({ from: '2026-02-01', to: '2026-02-28', kind: 'month' })
    expect(previousPeriod(periodOf('quarter', '2026-01-05'))).toEqual({ from: '2025-10-01', to: '2025-12-31', kind: 'quarter' })
    expect(previousPeriod(periodOf('week', '2026-03-11'))).toEqual({ from: '2026-03-02', to: '2026-03-08', kind: 'week' })
    expect(previousPeriod(customPeriod('2026-03-10', '2026-03-19'))).toEqual({ from: '2026-02-28', to: '2026-03-09', kind: 'custom' })
  })

  it('same period last year (29 February → 28 February; a week maps onto the ISO week a year before)', () => {
    expect(samePeriodLastYear(customPeriod('2024-02-20', '2024-02-29'))).toEqual({ from: '2023-02-20', to: '2023-02-28', kind: 'custom' })
    expect(samePeriodLastYear(periodOf('month', '2024-02-01'))).toEqual({ from: '2023-02-01', to: '2023-02-28', kind: 'month' })
    expect(samePeriodLastYear(periodOf('week', '2026-03-11'))).toEqual({ from: '2025-03-10', to: '2025-03-16', kind: 'week' })
  })

  it('trend buckets cover the range, partial at the ends', () => {
    expect(trendBuckets('2026-03-11', '2026-03-24', 'week')).toEqual([
      { start: '2026-03-09', from: '2026-03-11', to: '2026-03-15' },
      { start: '2026-03-16', from: '2026-03-16', to: '2026-03-22' },
      { start: '2026-03-23', from: '2026-03-23', to: '2026-03-24' },
    ])
  })

  it('parses URL params with zod and explains what is wrong', () => {
    const p = (q: string) => parsePeriodParams(new URLSearchParams(q), '2026-03-11')
    expect(p('from=2026-03-01&to=2026-03-31')).toEqual({ from: '2026-03-01', to: '2026-03-31', kind: 'month' })
    expect(p('period=quarter&at=2026-05-02')).toEqual({ from: '2026-04-01', to: '2026-06-30', kind: 'quarter' })
    expect(p('')).toEqual({ from: '2026-03-01', to: '2026-03-11', kind: 'custom' }) // this month so far
    expect(() => p('from=2026-02-30&to=2026-03-01')).toThrow(/not a calendar date/)
    expect(() => p('from=2026-03-02&to=2026-03-01')).toThrow(/from must not be after to/)
    expect(() => p('from=2026-03-01')).toThrow(/from and to go together/)
    expect(() => p('period=decade')).toThrow()
  })
})

describe('received per commune in one query (the overview sparklines)', () => {
  it('equals getTrend commune by commune, gaps included, for every grain', async () => {
    const { getReceivedByCommune } = await import('../app/kpi/trend.server.ts')
    const NO_ROLLUP = '18880' // a commune whose rollup was never computed: every bucket is a gap
    const cases = [
      { from: '2025-06-01', to: '2025-08-31', grain: 'month' as const },
      { from: '2025-06-18', to: '2025-07-13', grain: 'week' as const },
      { from: '2025-06-28', to: '2025-07-03', grain: 'day' as const },
    ]
    for (const c of cases) {
      const got = await getReceivedByCommune(s, { communes: [DAN_HOA, NO_ROLLUP], ...c })
      for (const commune of [DAN_HOA, NO_ROLLUP]) {
        const one = await getTrend(s, { commune, ...c })
        expect(got[commune], `${commune} by ${c.grain}`).toEqual(one.map((p) => p.backlog?.received ?? null))
      }
    }
    // Not vacuous: the figures themselves.
    expect(await getReceivedByCommune(s, { communes: [DAN_HOA, NO_ROLLUP], ...cases[0]! })).toEqual({
      [DAN_HOA]: [3, 1, null],
      [NO_ROLLUP]: [null, null, null],
    })
    expect(await getReceivedByCommune(s, { communes: [], ...cases[0]! })).toEqual({})
  })
})
