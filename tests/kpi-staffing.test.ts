import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { staffingParams } from '../db/pg/schema/index.ts'
import { erlangC } from '../app/kpi/erlang.ts'
import { getStaffingNeed } from '../app/kpi/staffing.server.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { insertDossiers, insertStaffingDaily, insertTickets, many, seedCentre, ticketsAt } from './support/kpi2-fixtures.ts'

// Two communes of Quảng Trị, one week (Mon 4 – Fri 8 August 2025 = 5 working days).
const X = '18859' // Đồng Thuận: has a ticket machine
const Y = '18871' // Đồng Sơn: no tickets, its own parameters row
const period = { from: '2025-08-04', to: '2025-08-08' }

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, [
    // X: 10 land dossiers (all in person) + 50 civil-status dossiers (40 in person, 10 online).
    ...many(10, 'x-dd', { commune: X, field: 'dat_dai', procedure: 'P-DD', received: '2025-08-04 09:00:00', due: '2025-08-20 17:00:00' }),
    ...many(40, 'x-ht', { commune: X, field: 'ho_tich', procedure: 'P-HT', received: '2025-08-05 09:00:00', due: '2025-08-06 17:00:00' }),
    ...many(10, 'x-ho', {
      commune: X,
      field: 'ho_tich',
      procedure: 'P-HT',
      channel: 2,
      received: '2025-08-06 09:00:00',
      due: '2025-08-07 17:00:00',
    }),
    // Y: 70 civil-status dossiers, all in person.
    ...many(70, 'y-ht', { commune: Y, field: 'ho_tich', procedure: 'P-HT', received: '2025-08-07 10:00:00', due: '2025-08-08 17:00:00' }),
  ])
  // X's tickets: hour 8 → 14 and 10 on two days, hour 9 → 6 and 6: 12 arrivals/h at the peak (8:00–9:00).
  await insertTickets(s.ch, [
    ...ticketsAt(X, '2025-08-04', 8, 14, 't'),
    ...ticketsAt(X, '2025-08-04', 9, 6, 't'),
    ...ticketsAt(X, '2025-08-05', 8, 10, 't'),
    ...ticketsAt(X, '2025-08-05', 9, 6, 't'),
  ])
  await refreshLoadRollups(s, { fromDay: '2025-08-01', toDay: '2025-08-31' })
  // X: 4 officers on current assignments (a part-time director 0.5 + three officers), 3 active counters.
  await seedCentre(s.pg.db, X, { active: 3, fte: [0.5, 1, 1, 1] })
  // Y: no assignments in Postgres, but daily snapshots of 3 officers; its own parameters with min staff 5.
  await insertStaffingDaily(
    s.ch,
    ['04', '05', '06', '07', '08'].map((d) => ({ commune: Y, day: `2025-08-${d}`, officers: 3, fte: 3 })),
  )
  await s.pg.db.insert(staffingParams).values({ communeCode: Y, minStaff: 5 })
})
afterAll(async () => s?.dispose())

describe('staffing need: Erlang C counter staff + back-office hours, vs assigned', () => {
  it('X: 12 arrivals/h × 12 min = 2,4 Erlangs needs 4 counters for 80% within 15 min, + 1,5 back office → 6', async () => {
    // By hand: C(3; 2,4) = 0,6472, P(wait > 15) = 0,6472·e^(−0,6·15/12) = 0,3057 → 69,4% < 80%;
    //          C(4; 2,4) = 0,2870, P(wait > 15) = 0,2870·e^(−1,6·15/12) = 0,0388 → 96,1% ≥ 80%.
    expect(erlangC(3, 2.4)).toBeCloseTo(0.6472, 4)
    expect(erlangC(4, 2.4)).toBeCloseTo(0.287, 4)
    const r = await getStaffingNeed(s, { commune: X, ...period })
    expect(r.workingDays).toBe(5)
    const x = r.perCommune[0]!
    expect(x.model).toEqual({
      receivedPerWorkday: 12, // 60 / 5
      inPersonPerWorkday: 10, // 50 / 5
      arrivalsPerHour: 12,
      arrivalsSource: 'tickets',
      handlingMinutes: 12, // (10 land × 20 + 40 civil status × 10) / 50 in person
      handlingSource: 'effort',
      offeredLoad: 2.4,
      counterStaff: 4,
      backOfficeHoursPerDay: 12, // (10 × 3 h + 50 × 0,6 h) / 5 days
      backOfficeStaff: 1.5, // 12 h / 8 h
      required: 6, // ⌈4 + 1,5⌉
    })
    // Required staff is no longer ⌈counter staff + back office⌉ but the smallest headcount for which the one
    // staffing prediction (ADR 031) meets the targets, from the 56 days ending the period's end: 60 dossiers
    // over 40 working days (1,5 a day, 1,5 h of back office a day) — the minimum staff, 3, meets them.
    expect(x).toMatchObject({
      commune: X,
      required: 3,
      counterStaff: 4,
      backOfficeStaff: 1.5,
      assigned: 4,
      fte: 3.5,
      assignedSource: 'assignments',
      gap: -1,
      paramsSource: 'province',
      hasIntake: true,
    })
  })

  it('Y: without tickets, 14 in-person dossiers/day ÷ 7 h × peak 1,5 = 3/h × 10 min → 2 counters; its own min staff 5 wins', async () => {
    // By hand: A = 0,5. N = 1: P(wait > 15) = 0,5·e^(−0,5·15/10) = 0,2362 → 76,4% < 80%; N = 2: C = 0,1 → 98,9%.
    const r = await getStaffingNeed(s, { commune: Y, ...period })
    const y = r.perCommune[0]!
    expect(y.model).toMatchObject({
      arrivalsPerHour: 3,
      arrivalsSource: 'dossiers',
      handlingMinutes: 10,
      handlingSource: 'effort',
      offeredLoad: 0.5,
      counterStaff: 2,
    })
    expect(y.model?.backOfficeStaff).toBe(1.05) // 14 × 0,6 h = 8,4 h / 8 h
    expect(y).toMatchObject({ required: 5, assigned: 3, fte: 3, assignedSource: 'snapshot', gap: 2, paramsSource: 'commune' })
  })

  it('the peak-hour factor is a parameter (table row, or a what-if override); the province sums centres, not pooled queues', async () => {
    await s.pg.db.update(staffingParams).set({ peakHourFactor: 2 }).where(eq(staffingParams.communeCode, Y))
    const y2 = await getStaffingNeed(s, { commune: Y, ...period })
    expect(y2.perCommune[0]!.model).toMatchObject({ arrivalsPerHour: 4, offeredLoad: 0.6667, counterStaff: 2 }) // 14 ÷ 7 h × 2
    const y = await getStaffingNeed(s, { commune: Y, ...period }, { peakHourFactor: 2.4 })
    expect(y.perCommune[0]!.model?.arrivalsPerHour).toBe(4.8)
    const all = await getStaffingNeed(s, period)
    expect(all.perCommune).toHaveLength(78)
    // 76 communes without intake still need the minimum staff of 3 each: 3 + 5 + 76 × 3 (X needs 3 since ADR 031).
    expect(all.required).toBe(236)
    expect(all.perCommune.filter((c) => !c.hasIntake)).toHaveLength(76)
    expect(all.assigned).toBe(7)
    expect(all.noStaffData).toBe(76)
    expect(all.shortage).toBe(2) // Y: 5 − 3
    expect(all.surplus).toBe(1) // X: 4 − 3
  })

  it('rejects a commune outside the province and a reversed period', async () => {
    await expect(getStaffingNeed(s, { commune: '00004', ...period })).rejects.toMatchObject({ status: 404 })
    await expect(getStaffingNeed(s, { from: '2025-08-08', to: '2025-08-04' })).rejects.toThrow(/from must not be after to/)
  })
})
