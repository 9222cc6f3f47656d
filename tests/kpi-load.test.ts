import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { getLoad } from '../app/kpi/load.server.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { insertDossiers, insertStaffingDaily, insertTickets, many } from './support/kpi2-fixtures.ts'

// Đồng Hới, Thu 28 Aug – Wed 3 Sep 2025: Sat/Sun 30–31 Aug and the National Day holidays (Mon 1, Tue 2 Sep)
// leave 3 working days (28, 29 Aug, 3 Sep).
const L = '18880'
const period = { from: '2025-08-28', to: '2025-09-03' }

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, [
    // 9 civil-status dossiers, due the next working day: statutory time 1 each.
    ...many(9, 'ht', { commune: L, field: 'ho_tich', procedure: 'P-HT', received: '2025-08-28 09:00:00', due: '2025-08-29 17:00:00' }),
    // 3 land dossiers, received Fri 29 Aug, due Wed 10 Sep: 6 working days (3, 4, 5, 8, 9, 10 Sep).
    ...many(3, 'dd', { commune: L, field: 'dat_dai', procedure: 'P-DD', received: '2025-08-29 10:00:00', due: '2025-09-10 17:00:00' }),
    // 3 same-day certifications: 0 working days, counted as 1.
    ...many(3, 'ct', { commune: L, field: 'chung_thuc', procedure: 'P-CT', received: '2025-09-03 08:00:00', due: '2025-09-03 16:00:00' }),
    // Outside the period, and a re-delivered newer version of ht-1 (counted once).
    { id: 'before', commune: L, received: '2025-08-27 09:00:00', due: '2025-08-28 17:00:00' },
    {
      id: 'ht-1',
      commune: L,
      field: 'ho_tich',
      procedure: 'P-HT',
      received: '2025-08-28 09:00:00',
      due: '2025-08-29 17:00:00',
      finished: '2025-08-29 10:00:00',
      updated: '2025-08-29 10:00:00',
    },
  ])
  await insertTickets(s.ch, [
    // Thu 28 Aug, 8:00–9:00: three tickets waiting 5, 10 and 30 min, served in 10, 12 and 14 min.
    { id: 'q1', commune: L, taken: '2025-08-28 08:00:00', called: '2025-08-28 08:05:00', done: '2025-08-28 08:15:00' },
    { id: 'q2', commune: L, taken: '2025-08-28 08:10:00', called: '2025-08-28 08:20:00', done: '2025-08-28 08:32:00' },
    { id: 'q3', commune: L, taken: '2025-08-28 08:20:00', called: '2025-08-28 08:50:00', done: '2025-08-28 09:04:00' },
    // 10:00–11:00: one ticket waiting 15 min, not yet done.
    { id: 'q4', commune: L, taken: '2025-08-28 10:30:00', called: '2025-08-28 10:45:00' },
    // Fri 29 Aug, 8:00–9:00: one ticket never called.
    { id: 'q5', commune: L, taken: '2025-08-29 08:40:00' },
  ])
  await insertStaffingDaily(s.ch, [
    { commune: L, day: '2025-08-28', officers: 2, fte: 2 },
    { commune: L, day: '2025-08-29', officers: 3, fte: 3 },
    { commune: L, day: '2025-09-01', officers: 1, fte: 1 }, // a holiday: not a working day, ignored
    { commune: L, day: '2025-09-03', officers: 3, fte: 2.5 },
  ])
  await refreshLoadRollups(s, { fromDay: '2025-08-01', toDay: '2025-09-30' })
})
afterAll(async () => s?.dispose())

describe('load: per working day, per officer, weighted by statutory time, and the counter queue', () => {
  it('counts 15 dossiers over 3 working days (the National Day holidays are not working days)', async () => {
    const l = await getLoad(s, { commune: L, ...period })
    expect(l.workingDays).toBe(3)
    expect(l).toMatchObject({
      received: 15,
      receivedInPerson: 15,
      receivedPerWorkday: 5,
      weightedReceived: 30, // 9 × 1 + 3 × 6 + 3 × 1
      weightedPerWorkday: 10,
      complexity: 2,
      fte: 2.5, // (2 + 3 + 2,5) / 3 working days with a snapshot
      perOfficerPerWorkday: 2, // 5 / 2,5
      weightedPerOfficerPerWorkday: 4, // 10 / 2,5
    })
  })

  it('derives arrivals per hour, mean and p90 wait and service time from the queue tickets', async () => {
    const l = await getLoad(s, { commune: L, ...period })
    expect(l.queue).toEqual({
      tickets: 5,
      daysWithTickets: 2,
      arrivalsPerDay: 2.5,
      peakHour: 8,
      peakArrivalsPerHour: 2, // 4 tickets at 8:00–9:00 over 2 days
      meanWaitMinutes: 15, // (5 + 10 + 30 + 15) / 4 called
      p90WaitMinutes: 25.5, // waits 5, 10, 15, 30: 15 + 0,7 × 15
      meanServiceMinutes: 12, // (10 + 12 + 14) / 3 served
      byHour: [
        { hour: 8, arrivalsPerHour: 2, meanWaitMinutes: 15 },
        { hour: 10, arrivalsPerHour: 0.5, meanWaitMinutes: 15 },
      ],
    })
  })

  it('the province adds up communes; per officer only where staff data exists', async () => {
    const p = await getLoad(s, period)
    expect(p.commune).toBeNull()
    expect(p.perCommune).toHaveLength(78)
    expect(p).toMatchObject({ received: 15, receivedPerWorkday: 5, fte: 2.5, perOfficerPerWorkday: 2, communesWithStaffData: 1 })
    expect(p.queue?.tickets).toBe(5)
    const other = p.perCommune.find((c) => c.commune === '18859')!
    expect(other).toMatchObject({ received: 0, fte: null, perOfficerPerWorkday: null, queue: null, complexity: null })
  })

  it('refreshing twice changes nothing; a corrected reception date moves the dossier out of its old day', async () => {
    await refreshLoadRollups(s, { fromDay: '2025-08-01', toDay: '2025-09-30' })
    expect((await getLoad(s, { commune: L, ...period })).received).toBe(15)
    await insertDossiers(s.ch, [
      { id: 'move', commune: L, procedure: 'P-KD', field: 'kinh_doanh', received: '2025-08-28 09:00:00', due: '2025-09-04 17:00:00' },
    ])
    await refreshLoadRollups(s, { fromDay: '2025-08-28', toDay: '2025-08-28' })
    expect((await getLoad(s, { commune: L, ...period })).received).toBe(16)
    await insertDossiers(s.ch, [
      {
        id: 'move',
        commune: L,
        procedure: 'P-KD',
        field: 'kinh_doanh',
        received: '2025-08-26 09:00:00',
        due: '2025-09-04 17:00:00',
        updated: '2025-09-05 00:00:00',
      },
    ])
    await refreshLoadRollups(s, { fromDay: '2025-08-26', toDay: '2025-08-28' })
    expect((await getLoad(s, { commune: L, ...period })).received).toBe(15)
    const rs = await s.ch.client.query({
      query: `SELECT toString(day) AS day, received FROM commune_day_procedure FINAL WHERE commune_code = {c:String} AND procedure_code = 'P-KD' ORDER BY day`,
      query_params: { c: L },
      format: 'JSONEachRow',
    })
    expect(z.array(z.object({ day: z.string(), received: z.coerce.number() })).parse(await rs.json())).toEqual([
      { day: '2025-08-26', received: 1 },
      { day: '2025-08-28', received: 0 },
    ])
  })
})
