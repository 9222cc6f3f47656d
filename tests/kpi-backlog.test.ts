/**
 * Backlog and timeliness (docs/design.md §3) on real chDB + Postgres with a hand-written week of dossiers in
 * Phường Đồng Hới. The period is Mon 9 – Fri 13 March 2026 (no holidays); every expected number is counted
 * by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  getAgeing,
  getBacklog,
  getBacklogFromDossiers,
  getProcessingTime,
  getTimeliness,
  processingTimeOf,
} from '../app/kpi/backlog.server.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { score766 } from '../app/kpi/qd766.ts'
import { insertDossiers, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
const week = { commune: H, from: '2026-03-09', to: '2026-03-13' }

// prettier-ignore
const dossiers: DossierFixture[] = [
  // Received in the period and processed in it.
  { id: 'D01', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:00' }, // exactly at due → on time, 2 days
  { id: 'D02', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:01' }, // one minute late → late, 2 days
  { id: 'D03', commune: H, received: '2026-03-09 08:00', due: '2026-03-12 17:00', finished: '2026-03-10 10:00' }, // 2 working days before due → early, 1 day
  { id: 'D04', commune: H, received: '2026-03-09 08:00', due: '2026-03-20 17:00', finished: '2026-03-12 09:00', supplementCount: 2 }, // second supplement → late, 3 days
  { id: 'D05', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-13 16:00', supplementHours: 16 }, // pause 2 working days → due Fri 13 17:00 → on time, 4 days
  { id: 'D13', commune: H, received: '2026-03-09 08:00', due: '2026-03-20 17:00', status: 7, updated: '2026-03-10 14:00' }, // withdrawn Tue 10 → early, cancelled, 1 day
  // Carried over from the week before.
  { id: 'D06', commune: H, received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-10 09:00' }, // late, 6 days
  { id: 'D07', commune: H, received: '2026-03-03 08:00', due: '2026-03-05 17:00' }, // open, overdue, age 8
  { id: 'D14', commune: H, received: '2026-02-02 08:00', due: '2026-02-10 17:00' }, // open, overdue, age 24 (Tết 16–20 Feb off)
  // Received in the period, still open at its end (Fri 13 March).
  { id: 'D08', commune: H, received: '2026-03-10 08:00', due: '2026-03-16 17:00' }, // due Mon: 1 working day → nearly due, age 3
  { id: 'D09', commune: H, received: '2026-03-09 08:00', due: '2026-03-18 17:00' }, // due Wed: 3 working days → not yet due, age 4
  { id: 'D10', commune: H, received: '2026-03-12 08:00', due: '2026-03-17 17:00' }, // due Tue: 2 working days → nearly due, age 1
  { id: 'D15', commune: H, received: '2026-03-11 08:00', due: '2026-03-30 17:00', supplementCount: 2 }, // second supplement → overdue, age 2
  { id: 'D17', commune: H, received: '2026-03-10 08:00', due: '2026-03-12 17:00', finished: '2026-03-16 10:00' }, // finished after the period: overdue at its end, age 3
  // Outside the period.
  { id: 'D11', commune: H, received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-04 10:00' }, // finished before it
  { id: 'D12', commune: H, received: '2026-03-16 08:00', due: '2026-03-18 17:00' }, // received after it
  { id: 'D16', commune: H, received: null, status: 3, submitted: '2026-03-10 08:00' }, // refused before reception: never counted
  // Across Tết 2026 (off Sat 14 – Sun 22 February) in Phường Đồng Sơn.
  { id: 'T01', commune: QT.dongSon, received: '2026-02-13 10:00', due: '2026-02-27 17:00', finished: '2026-02-23 15:00' }, // 1 working day
  { id: 'T02', commune: QT.dongSon, received: '2026-02-12 10:00', due: '2026-02-24 17:00', finished: '2026-02-25 09:00' }, // 3 working days, late
]

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, dossiers)
  await refreshRollups(s, { fromDay: '2026-01-01', toDay: '2026-04-30' })
})
afterAll(async () => s?.dispose())

describe('backlog arithmetic for one commune and one week', () => {
  it('counts carried over, received, processed early / on time / late and in process by due bucket', async () => {
    const b = await getBacklog(s, week)
    expect(b).toMatchObject({
      carriedOver: 3, // D06, D07, D14
      received: 11, // D01–D05, D08–D10, D13, D15, D17
      toProcess: 14,
      processedEarly: 2, // D03, D13
      processedOnTime: 2, // D01 (at its due minute), D05 (supplement pause)
      processedLate: 3, // D02 (one minute), D04 (second supplement), D06
      processed: 7,
      processedCancelled: 1, // D13
      inProcessNotDue: 1, // D09
      inProcessNearlyDue: 2, // D08, D10
      inProcessOverdue: 4, // D07, D14, D15, D17
      inProcess: 7,
      stockAsOf: '2026-03-13',
    })
    expect(b.toProcess).toBe(b.processed + b.inProcess)
    expect(b.lateRate).toBe(7 / 14)
    expect(b.onTimeRate).toBe(4 / 7)
  })

  it('a dossier finished exactly at its due time is on time; one minute later is late', async () => {
    const day = { commune: H, from: '2026-03-11', to: '2026-03-11' }
    const b = await getBacklog(s, day)
    // Processed on Wed 11: D01 (17:00, on time) and D02 (17:01, late) — nothing else ends that day.
    expect([b.processedEarly, b.processedOnTime, b.processedLate]).toEqual([0, 1, 1])
  })

  it('a second supplement request makes a dossier late (finished) or overdue (open) whatever its due date', async () => {
    const b = await getBacklog(s, { commune: H, from: '2026-03-12', to: '2026-03-12' })
    expect(b.processedLate).toBe(1) // D04, finished 8 days before its due date
    // End of Thu 12: D15 (due 30 March, 2nd supplement) is overdue together with D07, D14 and D17 (due 12, 17:00).
    expect(b.inProcessOverdue).toBe(4)
  })

  it('the supplement pause (16 working hours = 2 working days) extends the due date', async () => {
    const thu = await getBacklog(s, { commune: H, from: '2026-03-12', to: '2026-03-12' })
    // D05 is due Wed 11 on paper; with the pause it is due Fri 13: at the end of Thu 12 it is nearly due,
    // not overdue (the overdue ones are D07, D14, D15, D17).
    expect(thu.inProcessNearlyDue).toBe(2) // D05 (Fri 13), D08 (Mon 16); D10 (Tue 17) is 3 working days away
    expect(thu.inProcessOverdue).toBe(4)
    const fri = await getBacklog(s, { commune: H, from: '2026-03-13', to: '2026-03-13' })
    expect(fri.processedOnTime).toBe(1) // D05 at 16:00 on Fri 13
  })

  it('TDGQ = 20 × (to process − late − overdue) / to process = 20 × (1 − late rate)', async () => {
    const t = await getTimeliness(s, week)
    expect(t.tdgq).toEqual({ numerator: 7, denominator: 14 })
    expect(score766({ TDGQ: t.tdgq }).metrics.TDGQ).toBe(10)
    expect(t.lateRate).toBe(0.5)
  })

  it('ageing of the open dossiers at the end of the period, in working days since reception', async () => {
    expect(await getAgeing(s, week)).toEqual({
      asOf: '2026-03-13',
      days0to5: 5, // D08 3, D09 4, D10 1, D15 2, D17 3
      days6to10: 1, // D07 8
      days11to20: 0,
      over20: 1, // D14: 24 working days (the five Tết days off are not counted)
      total: 7,
    })
  })

  it('mean and p90 processing time in whole working days', async () => {
    const p = await getProcessingTime(s, week)
    // D01 2, D02 2, D03 1, D04 3, D05 4, D06 6, D13 1 → 19 / 7; p90 = 7th of 7 (nearest rank) = 6.
    expect(p.processed).toBe(7)
    expect(p.avgDays).toBeCloseTo(19 / 7, 12)
    expect(p.p90Days).toBe(6)
    expect(p.histogram).toEqual([
      { days: 1, count: 2 },
      { days: 2, count: 2 },
      { days: 3, count: 1 },
      { days: 4, count: 1 },
      { days: 6, count: 1 },
    ])
  })

  it('counts working days across Tết 2026: received Fri 13 Feb, finished Mon 23 Feb = 1 working day', async () => {
    const p = await getProcessingTime(s, { commune: QT.dongSon, from: '2026-02-01', to: '2026-02-28' })
    // T01: 13 → 23 Feb = 1 (only Mon 23 between); T02: Thu 12 → Wed 25 Feb = Fri 13, Mon 23, Tue 24, Wed 25 = 4.
    expect(p.histogram).toEqual([
      { days: 1, count: 1 },
      { days: 4, count: 1 },
    ])
    expect(p.avgDays).toBe(2.5)
  })
})

describe('p90 by nearest rank', () => {
  it('is the smallest value with at least 90 % of the dossiers at or below it', () => {
    // 10 dossiers: 1×9 and 10×1 → rank ceil(9) = 9 → 1; 11 dossiers: rank ceil(9.9) = 10 → still 1 if 10 are ≤ 1.
    expect(
      processingTimeOf(
        new Map([
          [1, 9],
          [10, 1],
        ]),
      ).p90Days,
    ).toBe(1)
    expect(
      processingTimeOf(
        new Map([
          [1, 8],
          [10, 2],
        ]),
      ).p90Days,
    ).toBe(10)
    expect(processingTimeOf(new Map()).avgDays).toBeNull()
    expect(processingTimeOf(new Map()).p90Days).toBeNull()
  })
})

describe('province and rollup consistency', () => {
  it('the province equals the sum of its communes', async () => {
    const feb = { from: '2026-02-01', to: '2026-03-13' }
    const [p, h, so] = await Promise.all([
      getBacklog(s, feb),
      getBacklog(s, { ...feb, commune: H }),
      getBacklog(s, { ...feb, commune: QT.dongSon }),
    ])
    for (const k of [
      'carriedOver',
      'received',
      'toProcess',
      'processedEarly',
      'processedOnTime',
      'processedLate',
      'inProcessNotDue',
      'inProcessNearlyDue',
      'inProcessOverdue',
    ] as const)
      expect(p[k], k).toBe(h[k] + so[k])
    expect(p.received).toBe(17) // 15 in Đồng Hới (all but D12, received 16 March, and D16, never received) + T01, T02
  })

  it.each([
    ['the week', week],
    ['one day', { commune: H, from: '2026-03-11', to: '2026-03-11' }],
    ['February with Tết, province', { from: '2026-02-01', to: '2026-02-28' }],
    ['March, province', { from: '2026-03-01', to: '2026-03-31' }],
  ])('rollup-based results equal a direct computation from dossiers: %s', async (_name, q) => {
    const direct = await getBacklogFromDossiers(s, q)
    const stockDay = q.to // the rollup covers these whole periods
    expect(await getBacklog(s, q)).toEqual({ ...direct.backlog, stockAsOf: stockDay })
    expect(await getAgeing(s, q)).toEqual(direct.ageing)
    expect(await getProcessingTime(s, q)).toEqual(direct.processingTime)
  })

  it('a wider "nearly due" horizon is available from dossiers (3 working days moves D09 into it)', async () => {
    const d = await getBacklogFromDossiers(s, week, { nearlyDueDays: 3 })
    expect([d.backlog.inProcessNotDue, d.backlog.inProcessNearlyDue]).toEqual([0, 3])
  })

  it('refreshing the rollups twice changes nothing', async () => {
    const snapshot = async () => {
      const rs = await s.ch.client.query({
        query: 'SELECT * EXCEPT computed_at FROM commune_day FINAL ORDER BY commune_code, day',
        format: 'JSONEachRow',
      })
      return rs.json()
    }
    const before = await snapshot()
    const again = await refreshRollups(s, { fromDay: '2026-01-01', toDay: '2026-04-30' })
    expect(again.days).toBe(120)
    expect(await snapshot()).toEqual(before)
    expect(await getBacklog(s, week)).toMatchObject({ toProcess: 14, processed: 7, inProcess: 7 })
  })
})

describe('re-delivered versions', () => {
  it('a newer version replaces the old one; an older one delivered afterwards changes nothing', async () => {
    const M = QT.minhHoa
    const q = { commune: M, from: '2026-03-09', to: '2026-03-13' }
    await insertDossiers(s.ch, [
      { id: 'M1', commune: M, received: '2026-03-09 08:00', due: '2026-03-18 17:00', updated: '2026-03-09 08:00' },
    ])
    await refreshRollups(s, { fromDay: '2026-03-01', toDay: '2026-03-31', communes: [M] })
    expect(await getBacklog(s, q)).toMatchObject({ received: 1, processed: 0, inProcessNotDue: 1 })
    // Finished on Thu 12 (newer), then the old open version arrives again.
    await insertDossiers(s.ch, [
      {
        id: 'M1',
        commune: M,
        received: '2026-03-09 08:00',
        due: '2026-03-18 17:00',
        finished: '2026-03-12 10:00',
        updated: '2026-03-12 10:00',
      },
    ])
    await insertDossiers(s.ch, [
      { id: 'M1', commune: M, received: '2026-03-09 08:00', due: '2026-03-18 17:00', updated: '2026-03-09 08:00' },
    ])
    await refreshRollups(s, { fromDay: '2026-03-01', toDay: '2026-03-31', communes: [M] })
    expect(await getBacklog(s, q)).toMatchObject({ received: 1, processed: 1, processedEarly: 1, inProcess: 0, inProcessNotDue: 0 })
  })
})
