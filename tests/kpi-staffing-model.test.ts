/**
 * The one staffing model (ADR 031): lateness outside capacity in the prediction, required staff = the smallest
 * headcount meeting the targets, the staffing page equal to the planner's "before", and the back-test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignments, officers } from '../db/pg/schema/index.ts'
import { loadCalendar } from '../db/seed/workdays.ts'
import { addDays, type WorkCalendar } from '../db/lib/workdays.ts'
import { predictCommune } from '../app/kpi/predict.ts'
import { DEFAULT_MODEL, type CommuneDemand } from '../app/kpi/predict-types.ts'
import { requiredHeadcount } from '../app/kpi/staffing-model.server.ts'
import { getStaffingNeed } from '../app/kpi/staffing.server.ts'
import { backtestStaffingModel } from '../app/kpi/staffing-backtest.server.ts'
import { buildPlanningInstance } from '../app/planning/instance.server.ts'
import { evaluatePlan } from '../app/planning/evaluate.ts'
import { slimEvaluation } from '../app/planning/planner.server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const demand = (over: Partial<CommuneDemand> = {}): CommuneDemand => ({
  code: 'A',
  name: 'A',
  dossiersPerDay: { ho_tich: 10 },
  counterArrivalsPerHour: 0,
  handlingMinutes: 10,
  counterHoursPerDay: 7,
  workHoursPerDay: 8,
  targetWaitMinutes: 15,
  targetServiceLevel: 0.8,
  minStaff: 1,
  backlog: [],
  alreadyOverdue: 0,
  ...over,
})
const fields = { ho_tich: { backOfficeHours: 3, allowanceDays: 0 } }
const staff = (n: number) => Array.from({ length: n }, () => ({ skills: [], fte: 1, days: Infinity }))

describe('the prediction with lateness outside capacity (pure)', () => {
  it('10 same-day dossiers × 3 h = 30 h a day: 5 officers give 5 × 8 − 3,5 h at the counter = 36,5 h, 4 only 28,5 h', () => {
    // One counter opens (no arrivals: half its 7 h idle time goes back to the office): 7 × (1 − ½) = 3,5 h.
    const five = predictCommune(demand(), staff(5), fields, 20, DEFAULT_MODEL)
    expect(five.late).toBe(0)
    const four = predictCommune(demand(), staff(4), fields, 20, DEFAULT_MODEL)
    // 1,5 h a day is left over, and first in first out it delays every later day: day j (0…19) starts behind
    // 1,5·j h, so 1,5·(j + 1) h of its own work, 0,5·(j + 1) dossier, ends after its same-day due day.
    // Σ 0,5·(j + 1) = 0,5 × 210 = 105.
    expect(four.lateCapacity).toBeCloseTo(105, 6)
    expect(four.late).toBeCloseTo(105, 6)
    expect(four.lateOfIntake).toBeCloseTo(105, 6)
    // Target 5 % of 200 = 10 late: 4 officers miss it, 5 meet it.
    expect(requiredHeadcount(demand(), fields, 20, 0.05)).toBe(5)
    // Target 60 % = 120 late: 4 officers (105) are enough, 3 (9,5 h short a day) are not.
    expect(requiredHeadcount(demand(), fields, 20, 0.6)).toBe(4)
  })

  it('a share late whatever the staff adds s × intake, and capacity lateness counts only for the rest', () => {
    const d = demand({ lateShare: { ho_tich: 0.2 } })
    const five = predictCommune(d, staff(5), fields, 20, DEFAULT_MODEL)
    expect(five.late).toBeCloseTo(40, 9) // 0,2 × 200
    expect(five.lateCapacity).toBe(0)
    const four = predictCommune(d, staff(4), fields, 20, DEFAULT_MODEL)
    expect(four.lateCapacity).toBeCloseTo(84, 6) // (1 − 0,2) × 105
    expect(four.late).toBeCloseTo(124, 6)
    // 40 late outside capacity already exceed 5 % of 200: staff must then leave at most half a dossier late.
    expect(requiredHeadcount(d, fields, 20, 0.05)).toBe(5)
    // Staff on site who miss the targets: they plus the fewest generalists that meet them. Two officers who
    // do only land cannot touch the civil-status work but take their turn at the counter (3,5 h shared by all):
    // beside four generalists those keep 32 × (1 − 3,5 / 48) = 29,7 h < 30 h; beside five, 40 × (1 − 3,5 / 56)
    // = 37,5 h. So 2 + 5 = 7.
    const land = [0, 1].map(() => ({ skills: ['dat_dai'], fte: 1, days: Infinity }))
    expect(requiredHeadcount(d, fields, 20, 0.05, DEFAULT_MODEL, land)).toBe(7)
  })
})

// Three communes of Quảng Trị with a constant intake from June to November 2026 (commune_day_procedure rows).
const A = '19603' // Hiếu Giang: land, two land officers (short)
const B = '19669' // Ái Tử: civil status, three generalists
const C = '19333' // Đông Hà: civil status, one generalist
let s: TestStores
let cal: WorkCalendar

beforeAll(async () => {
  s = await openTestStores()
  cal = await loadCalendar(s.pg.db)
  const values: Record<string, unknown>[] = []
  const row = (commune: string, d: string, field: string, received: number, inPerson: number, late: number, days: number) => ({
    commune_code: commune,
    day: d,
    procedure_code: field === 'dat_dai' ? '1.012790' : '1.001193',
    procedure_name: field,
    field_code: field,
    received,
    received_in_person: inPerson,
    statutory_days: received * days,
    finished: received,
    finished_late: late,
    late,
    computed_at: '2026-11-21 00:00:00.000',
  })
  for (let d = '2026-06-01'; d <= '2026-11-20'; d = addDays(d, 1)) {
    if (!cal.isWorkingDay(d)) continue
    // In the back-test window (12/9–9/10) Ái Tử is late twice as often as before.
    const inWindow = d >= '2026-09-12' && d <= '2026-10-09'
    values.push(row(A, d, 'dat_dai', 10, 4, 1, 8), row(B, d, 'ho_tich', 6, 6, inWindow ? 2 : 1, 3), row(C, d, 'ho_tich', 6, 6, 1, 3))
  }
  await s.ch.client.insert({ table: 'commune_day_procedure', values, format: 'JSONEachRow' })
  const off = (id: string, skills: string[]) => ({
    id,
    fullName: `Cán bộ ${id}`,
    position: 'officer',
    homeCommuneCode: null,
    skills,
    fte: 1,
  })
  await s.pg.db
    .insert(officers)
    .values([off('a1', ['dat_dai']), off('a2', ['dat_dai']), off('b1', []), off('b2', []), off('b3', []), off('c1', [])])
  const home = (id: string, commune: string) => ({ officerId: id, communeCode: commune, kind: 'home', validFrom: '2025-07-01' })
  await s.pg.db.insert(assignments).values([home('a1', A), home('a2', A), home('b1', B), home('b2', B), home('b3', B), home('c1', C)])
})
afterAll(async () => s?.dispose())

describe('the staffing page and the planner: one prediction', () => {
  it('shows the same predicted late dossiers and wait as the planner for the current assignment', async () => {
    const period = { from: '2026-11-01', to: '2026-11-20' }
    const need = await getStaffingNeed(s, period)
    const { instance } = await buildPlanningInstance(s, {
      asOf: '2026-11-20',
      start: '2026-11-20',
      horizonDays: 20,
      constraints: { maxMoves: 0, rule: { mode: 'adjacent', maxKm: null } },
    })
    const before = slimEvaluation(evaluatePlan(instance, [])).before.communes
    for (const code of [A, B, C]) {
      const page = need.perCommune.find((c) => c.commune === code)!
      const plan = before.find((c) => c.code === code)!
      expect([code, page.forecast!.late, page.forecast!.meanWaitMinutes, page.assigned]).toEqual([
        code,
        plan.late,
        plan.meanWaitMinutes,
        plan.heads,
      ])
    }
    const a = need.perCommune.find((c) => c.commune === A)!
    // Hiếu Giang: 10 land dossiers a day × 3 h = 30 h for two officers → capacity lateness, and more staff needed.
    expect(a.forecast!.lateCapacity).toBeGreaterThan(0)
    expect(a.required).toBeGreaterThan(2)
    expect(need.modelAsOf).toBe('2026-11-20')
    // The province total too: the planner's "before" total, rounded once.
    expect(need.predictedLate).toBe(slimEvaluation(evaluatePlan(instance, [])).before.province.late)
  })
})

describe('the back-test', () => {
  it('predicts each window from the history before it and compares with the late dossiers observed (WAPE)', async () => {
    const bt = await backtestStaffingModel(
      s,
      [
        { code: B, name: 'Ái Tử' },
        { code: C, name: 'Đông Hà' },
      ],
      { asOf: '2026-11-20', windows: 1 },
    )
    const w = bt.windows[0]!
    expect([w.from, w.to]).toEqual(['2026-09-12', '2026-10-09']) // 4 weeks ending 42 days before 20/11
    const W = w.workingDays
    expect(W).toBe(20)
    // Observed: Ái Tử 2 a day, Đông Hà 1 a day. Predicted: 6 a day × the settled share 1/6 (the same factor, 1,
    // for both: they are the only civil-status communes and are late as often) = 1 a day each.
    expect(w.communes.map((c) => [c.code, c.observed])).toEqual([
      [B, 2 * W],
      [C, W],
    ])
    expect(w.communes[0]!.predicted).toBeCloseTo(W, 0)
    expect(w.communes[1]!.predicted).toBeCloseTo(W, 0)
    expect(bt.wape).toBeCloseTo(1 / 3, 2) // |20 − 40| + |20 − 20| over 60 observed
  })
})
