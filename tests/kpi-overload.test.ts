import { reasonBoth, sayReason, translateCode } from '../app/i18n/messages.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alertThresholds } from '../db/pg/schema/index.ts'
import { getOverload, getOverloadAll, type CommuneOverload, type ProvinceOverload } from '../app/kpi/overload.server.ts'
import type { OverloadReason } from '../app/kpi/overload.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { loadCalendar } from '../db/seed/workdays.ts'
import { addDays } from '../db/lib/workdays.ts'
import { getStaffingNeed } from '../app/kpi/staffing.server.ts'
import { insertCommuneDay, insertDossiers, insertTickets, many, seedCentre, ticketsAt, type DossierFx } from './support/kpi2-fixtures.ts'

// Week Mon 4 – Fri 8 August 2025 (5 working days); the previous period ends Sun 3 August.
/** An assessment as the pages show it: the level's name and each reason's words in both languages (app/i18n/dict/kpi.ts). */
const said = ({ params, ...r }: OverloadReason) => ({ ...r, ...reasonBoth('overload.reason', { ...r, params }) })
const levelName = (level: string) => ({ vi: translateCode('vi', `overload.${level}`), en: translateCode('en', `overload.${level}`) })

const N = '18904' // Dân Hoá — normal
const W = '18901' // Minh Hoá — watch (backlog growth; its own, stricter utilisation threshold)
const O = '18859' // Đồng Thuận — overload (counters saturated, many overdue)
const period = { from: '2025-08-04', to: '2025-08-08' }
const days = ['04', '05', '06', '07', '08'].map((d) => `2025-08-${d}`)

/** 14 civil-status dossiers in person every day of the week: 3 arrivals/h at the peak (14 ÷ 7 h × 1,5), 10 min each. */
const steady = (c: string): DossierFx[] =>
  days.flatMap((d) =>
    many(14, `${c}-${d}`, { commune: c, field: 'ho_tich', procedure: 'P-HT', received: `${d} 09:00:00`, due: '2025-08-20 17:00:00' }),
  )

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, [
    ...steady(N),
    ...steady(W),
    // O: 10 land (in person, 20 min), 40 civil status in person (10 min), 10 online → 12 min at the counter.
    ...many(10, 'o-dd', { commune: O, field: 'dat_dai', procedure: 'P-DD', received: '2025-08-04 09:00:00', due: '2025-08-20 17:00:00' }),
    ...many(40, 'o-ht', { commune: O, field: 'ho_tich', procedure: 'P-HT', received: '2025-08-05 09:00:00', due: '2025-08-20 17:00:00' }),
    ...many(10, 'o-on', {
      commune: O,
      field: 'ho_tich',
      procedure: 'P-HT',
      channel: 2,
      received: '2025-08-06 09:00:00',
      due: '2025-08-20 17:00:00',
    }),
  ])
  // O: 12 tickets/h at the 8 o'clock peak → A = 12 × 12 / 60 = 2,4 Erlangs on 2 counters.
  await insertTickets(s.ch, [...ticketsAt(O, '2025-08-04', 8, 14, 't'), ...ticketsAt(O, '2025-08-05', 8, 10, 't')])
  await refreshLoadRollups(s, { fromDay: '2025-06-01', toDay: '2025-08-31' })
  // O's history for the staffing prediction (ADR 037): 20 land dossiers every working day of the 8 weeks before.
  const cal = await loadCalendar(s.pg.db)
  const history: Record<string, unknown>[] = []
  for (let d = '2025-06-14'; d <= '2025-08-01'; d = addDays(d, 1))
    if (cal.isWorkingDay(d))
      history.push({
        commune_code: O,
        day: d,
        procedure_code: '1.012790',
        procedure_name: 'dat_dai',
        field_code: 'dat_dai',
        received: 20,
        received_in_person: 4,
        statutory_days: 160,
        finished: 20,
        finished_late: 0,
        late: 0,
        computed_at: '2025-08-09 00:00:00.000',
      })
  await s.ch.client.insert({ table: 'commune_day_procedure', values: history, format: 'JSONEachRow' })
  await seedCentre(s.pg.db, N, { active: 2, fte: [1, 1, 1] })
  await seedCentre(s.pg.db, W, { active: 2, fte: [1, 1, 1] })
  await seedCentre(s.pg.db, O, { active: 2, inactive: 1, fte: [0.5, 1, 1, 1] })
  // Open-dossier stock (part 1's commune_day) at the end of the previous period and of this one.
  await insertCommuneDay(s.ch, [
    { commune: N, day: '2025-08-01', notDue: 10 },
    { commune: N, day: '2025-08-08', notDue: 9, nearlyDue: 2 },
    { commune: W, day: '2025-08-03', notDue: 40 },
    { commune: W, day: '2025-08-08', notDue: 41, nearlyDue: 5, overdue: 4 },
    { commune: O, day: '2025-08-03', notDue: 40 },
    { commune: O, day: '2025-08-07', notDue: 30, nearlyDue: 5, overdue: 5 }, // superseded by the 8th
    { commune: O, day: '2025-08-08', notDue: 20, nearlyDue: 8, overdue: 12 },
  ])
  await s.pg.db.insert(alertThresholds).values({ kpi: 'utilisation', communeCode: W, op: 'above', watch: 0.1, critical: 0.9 })
})
afterAll(async () => s?.dispose())

describe('overload risk with the reasons that drove it', () => {
  it('normal: 11,2% predicted utilisation (the /staffing figure), 2% chance of waiting over 15 min, backlog +10%', async () => {
    const n = (await getOverload(s, { commune: N, ...period })) as CommuneOverload
    expect({ ...n, label: levelName(n.level) }).toMatchObject({
      commune: N,
      level: 'normal',
      label: { vi: 'bình thường', en: 'normal' },
      reasons: [],
      skipped: [],
      noData: false,
    })
    // The capacity figures are the one staffing prediction's (ADR 037): the numbers /staffing shows for Dân Hoá.
    const need = (await getStaffingNeed(s, period)).perCommune.find((c) => c.commune === N)!
    expect(n.inputs).toEqual({
      arrivalsPerHour: 0.5, // 70 in-person dossiers over the history's 20 working days ÷ 7 counter hours
      handlingMinutes: 10,
      servers: 1, // the counters the prediction opens (one meets the wait target)
      offeredLoad: 0.0833,
      utilisation: need.forecast!.utilisation,
      probWaitOverTarget: 0.0211,
      avgWaitMinutes: need.forecast!.meanWaitMinutes,
      open: 11,
      overdue: 0,
      nearlyDue: 2,
      previousOpen: 10, // the latest row on or before 3 August (1 August)
      backlogTrendPct: 10,
      capacityPerDay: 31.3, // 3 FTE × 8 h ÷ ((8,4 h back office + 14 × 10 min) ÷ 14 dossiers)
      forecastNext28: 63, // 3,5 a working day × 18 working days (1–2 September are holidays)
      forecastGrowthPct: 0,
    })
    expect(n.inputs.utilisation).toBe(0.112)
  })

  it('watch: backlog up 25%, and utilisation over the commune’s own 10% watch threshold', async () => {
    const w = (await getOverload(s, { commune: W, ...period })) as CommuneOverload
    expect(w.level).toBe('watch')
    expect(levelName(w.level)).toEqual({ vi: 'cần theo dõi', en: 'watch' })
    expect(w.reasons.map(said)).toEqual([
      {
        code: 'UTILISATION',
        level: 'watch',
        value: 0.112,
        threshold: 0.1,
        vi: 'Mức sử dụng công suất dự báo 11,2% (ngưỡng cần theo dõi 10%).',
        en: 'Predicted capacity utilisation is 11.2% (watch threshold 10%).',
      },
      {
        code: 'BACKLOG_GROWTH',
        level: 'watch',
        value: 25,
        threshold: 20,
        vi: 'Hồ sơ tồn đọng tăng 25% so với kỳ trước (ngưỡng cần theo dõi 20%).',
        en: 'Open dossiers up 25% on the previous period (watch threshold 20%).',
      },
    ])
  })

  it('overload: 20 land dossiers a day for 3,5 FTE, predicted utilisation 181,6% (≥ 100%), 30% of open dossiers overdue', async () => {
    const o = (await getOverload(s, { commune: O, ...period })) as CommuneOverload
    expect(o.level).toBe('overload')
    // /staffing says the same: short of staff, at the same utilisation.
    const need = (await getStaffingNeed(s, period)).perCommune.find((c) => c.commune === O)!
    expect(need.gap).toBeGreaterThan(0)
    expect(o.inputs).toMatchObject({ utilisation: need.forecast!.utilisation, servers: 2, open: 40, overdue: 12, capacityPerDay: 24 })
    expect(o.inputs.utilisation).toBe(1.816)
    // Only the utilisation makes "quá tải" (ADR 037); the other capacity signals are early warnings.
    expect(o.reasons.map((r) => [r.code, r.level, r.value, r.threshold])).toEqual([['UTILISATION', 'overload', 1.816, 1]])
    expect(sayReason('vi', 'overload.reason', o.reasons[0]!)).toBe('Mức sử dụng công suất dự báo 181,6% (ngưỡng quá tải 100%).')
    // The overdue share is performance, named and graded apart (issue #14).
    expect(o.performance).toMatchObject({ overdueShare: 0.3, level: 'overload' })
    expect(sayReason('vi', 'overload.reason', o.performance!.reason!)).toBe('12/40 hồ sơ đang xử lý đã quá hạn (30%; ngưỡng quá tải 20%).')
    expect(sayReason('en', 'overload.reason', o.performance!.reason!)).toBe(
      '12 of 40 open dossiers are overdue (30%; overload threshold 20%).',
    )
  })

  it('all communes at once: worst first, and communes without any data are flagged, not called fine', async () => {
    const all = await getOverloadAll(s, period)
    expect(all.communes).toHaveLength(78)
    expect(all.communes.slice(0, 3).map((c) => [c.commune, c.level])).toEqual([
      [O, 'overload'],
      [W, 'watch'],
      [N, 'normal'],
    ])
    expect(all.counts).toEqual({ overload: 1, watch: 1, normal: 76, noData: 75 })
    const none = all.communes.at(-1)!
    expect(none).toMatchObject({ level: 'normal', noData: true, reasons: [] })
    expect(none.skipped).toHaveLength(5)
    // Same figures as one commune at a time.
    expect(all.communes[0]).toEqual(await getOverload(s, { commune: O, ...period }))
  })

  it('the province sums stock, capacity and forecast; utilisation stays per centre', async () => {
    const p = (await getOverload(s, period)) as ProvinceOverload
    expect(p.commune).toBeNull()
    expect(p.inputs).toMatchObject({ open: 101, overdue: 16, nearlyDue: 15, previousOpen: 90, utilisation: null })
    expect(p.inputs.backlogTrendPct).toBe(12.22) // (101 − 90) / 90
    expect(p.skipped).toEqual(['UTILISATION', 'WAIT_OVER_TARGET'])
    expect(p.counts).toMatchObject({ overload: 1, watch: 1 })
    // Overdue 16/101 = 15,8% ≥ 10% is performance (watch), not overload: the capacity level stays normal (issue #14).
    expect(p.level).toBe('normal')
    expect(p.reasons).toEqual([])
    expect(p.performance).toMatchObject({ level: 'watch' })
  })
})
