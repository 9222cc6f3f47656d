/**
 * The staffing model's predicted late dossiers are one quantity on the staffing page, in the planner and in the
 * back-test — of the dossiers received in the horizon, those that end late — and the model reads only history the
 * store holds in full (ADR 031). Fixture: two civil-status communes, 6 dossiers a working day, 1 of them late;
 * the store was first pulled with a window from 1/6/2026, so the reception days before it hold only the
 * dossiers still moving then (2 a day, both late), and Ái Tử has 30 open dossiers not yet due on 20/11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignments, etlRuns, officers } from '../db/pg/schema/index.ts'
import { loadCalendar } from '../db/seed/workdays.ts'
import { addDays } from '../db/lib/workdays.ts'
import { predictCommune } from '../app/kpi/predict.ts'
import { DEFAULT_MODEL, type CommuneDemand } from '../app/kpi/predict-types.ts'
import { dossierCoverageFrom, netShare } from '../app/kpi/staffing-model.server.ts'
import { getStaffingNeed } from '../app/kpi/staffing.server.ts'
import { backtestStaffingModel } from '../app/kpi/staffing-backtest.server.ts'
import { buildPlanningInstance } from '../app/planning/instance.server.ts'
import { evaluatePlan } from '../app/planning/evaluate.ts'
import { slimEvaluation } from '../app/planning/planner.server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

describe('lateness outside capacity, netted of the capacity lateness already in the history (pure)', () => {
  it('s = (ŝ − c) ÷ (1 − c), so that with the history’s own staff the prediction is the observed share', () => {
    expect(netShare(0.2, 0.05)).toBeCloseTo(0.15 / 0.95, 12)
    expect(netShare(0.1, 0.3)).toBe(0) // capacity explains more than was late
    const d: CommuneDemand = {
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
    }
    const fields = { ho_tich: { backOfficeHours: 3, allowanceDays: 0 } }
    const four = Array.from({ length: 4 }, () => ({ skills: [], fte: 1, days: Infinity }))
    // Four officers leave 105 of the 200 dossiers late for lack of time (tests/kpi-staffing-model.test.ts): c = 0,525.
    const c = predictCommune(d, four, fields, 20, DEFAULT_MODEL).lateOfIntake / 200
    expect(c).toBeCloseTo(0.525, 9)
    // The history shows 60 % late: 0,6 × 200 = 120, not 0,6 × 200 + 0,4 × 105 = 162.
    const p = predictCommune({ ...d, lateShare: { ho_tich: netShare(0.6, c) } }, four, fields, 20, DEFAULT_MODEL)
    expect(p.lateOfIntake).toBeCloseTo(120, 9)
    expect(p.lateOfOpen).toBe(0)
  })
})

const B = '19669' // Ái Tử: three generalists
const C = '19333' // Đông Hà: one generalist
const COVERAGE = '2026-06-01'
let s: TestStores

beforeAll(async () => {
  s = await openTestStores()
  const cal = await loadCalendar(s.pg.db)
  const values: Record<string, unknown>[] = []
  const row = (commune: string, d: string, received: number, late: number) => ({
    commune_code: commune,
    day: d,
    procedure_code: '1.001193',
    procedure_name: 'ho_tich',
    field_code: 'ho_tich',
    received,
    received_in_person: received,
    statutory_days: received * 3,
    finished: received,
    finished_late: late,
    late,
    computed_at: '2026-11-21 00:00:00.000',
  })
  for (let d = '2026-03-02'; d <= '2026-11-20'; d = addDays(d, 1)) {
    if (!cal.isWorkingDay(d)) continue
    const [received, late] = d < COVERAGE ? [2, 2] : [6, 1]
    values.push(row(B, d, received, late), row(C, d, received, late))
  }
  await s.ch.client.insert({ table: 'commune_day_procedure', values, format: 'JSONEachRow' })
  const stock = (day: string, notDue: number, overdue: number) => ({
    commune_code: B,
    day,
    open_not_due: notDue,
    open_nearly_due: 0,
    open_overdue: overdue,
    computed_at: '2026-11-21 00:00:00.000',
  })
  await s.ch.client.insert({ table: 'commune_day', values: [stock('2026-11-20', 30, 4)], format: 'JSONEachRow' })
  // The first pull read the dossiers updated since 1/6/2026 (a window); the next ones followed the watermark.
  await s.pg.db.insert(etlRuns).values([
    { job: 'dossiers', status: 'ok', windowFrom: new Date(`${COVERAGE}T00:00:00+07:00`) },
    { job: 'dossiers', status: 'ok', windowFrom: new Date('2026-11-19T23:55:00+07:00') },
  ])
  const off = (id: string) => ({ id, fullName: `Cán bộ ${id}`, position: 'officer', homeCommuneCode: null, skills: [], fte: 1 })
  await s.pg.db.insert(officers).values([off('b1'), off('b2'), off('b3'), off('c1')])
  const home = (id: string, commune: string) => ({ officerId: id, communeCode: commune, kind: 'home', validFrom: '2025-07-01' })
  await s.pg.db.insert(assignments).values([home('b1', B), home('b2', B), home('b3', B), home('c1', C)])
})
afterAll(async () => s?.dispose())

describe('one quantity on the page, in the planner and in the back-test', () => {
  it('the store holds every dossier received from the first windowed pull on', async () => {
    expect(await dossierCoverageFrom(s)).toBe(COVERAGE)
  })

  it('the page predicts the late dossiers among those received in the next 20 working days; the open stock apart', async () => {
    const need = await getStaffingNeed(s, { from: '2026-11-01', to: '2026-11-20' })
    const b = need.perCommune.find((c) => c.commune === B)!.forecast!
    const c = need.perCommune.find((c) => c.commune === C)!.forecast!
    // Settled share 1/6 (1 of 6 a day, from 15/8 to 9/10), staff enough (no capacity lateness): 6 × 20 × 1/6 = 20 a
    // commune. Ái Tử's 30 open dossiers add 30 × 1/6 = 5, shown apart (before: 45 under one label with the 40).
    expect([b.intake, b.late, b.lateOfOpen, b.lateCapacity]).toEqual([120, 20, 5, 0])
    expect([c.intake, c.late, c.lateOfOpen]).toEqual([120, 20, 0])
    expect([need.predictedLate, need.predictedLateOfOpen]).toEqual([40, 5])
    const { instance } = await buildPlanningInstance(s, {
      asOf: '2026-11-20',
      start: '2026-11-20',
      horizonDays: 20,
      constraints: { maxMoves: 0, rule: { mode: 'adjacent', maxKm: null } },
    })
    const before = slimEvaluation(evaluatePlan(instance, [])).before
    expect(need.predictedLate).toBe(before.province.late)
    expect(before.communes.find((x) => x.code === B)!.late).toBe(b.late)
    expect([before.province.late, before.province.lateOfOpen]).toEqual([40, 5])
  })

  it('the back-test leaves out the windows whose history the store does not hold in full', async () => {
    const bt = await backtestStaffingModel(
      s,
      [
        { code: B, name: 'Ái Tử' },
        { code: C, name: 'Đông Hà' },
      ],
      { asOf: '2026-11-20', windows: 2 },
    )
    // 12/9–9/10 is predicted from the lateness of 6/6–31/7 (after the first pull): 20 = 20 observed, for each.
    // 15/8–11/9 would read 9/5–3/7, where the store holds only the late dossiers still moving on 1/6 (2 a day,
    // both late): a settled share of (32 + 24) ÷ (32 + 144) instead of 1/6, 38 predicted for 20 observed.
    expect(bt.uncovered).toBe(1)
    expect(bt.windows.map((w) => [w.from, w.to])).toEqual([['2026-09-12', '2026-10-09']])
    expect(bt.windows[0]!.communes).toEqual([
      { code: B, predicted: 20, observed: 20 },
      { code: C, predicted: 20, observed: 20 },
    ])
    expect([bt.predicted, bt.observed, bt.wape]).toEqual([40, 40, 0])
  })

  it('a forecast whose settled window straddles the first pull reads only the days after it', async () => {
    const need = await getStaffingNeed(s, { from: '2026-08-01', to: '2026-08-20' })
    // Settled window 15/5–9/7 → from 1/6: 1 late of 6 a day, as after it (the 2-a-day, all-late days left out).
    const late = [B, C].map((code) => need.perCommune.find((c) => c.commune === code)!.forecast!.late)
    expect(late).toEqual([20, 20])
    expect(need.predictedLate).toBe(40)
  })
})
