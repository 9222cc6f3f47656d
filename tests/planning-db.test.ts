/**
 * The planners' server side on real engines (PGlite or the Postgres server, and chDB): accepting a staffing
 * plan writes exactly the expected assignments and audit entry and refreshes the snapshot; a budget plan is
 * saved, approved (audited) and exported with totals that equal the plan's; actions keep the KPI value at
 * opening and show the current one; the planner's instance is built from the rollups.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { actions, alerts, assignments, auditLog, budgetPlanLines, budgetPlans, officers, staffingPlans } from '../db/pg/schema/index.ts'
import { loadCalendar } from '../db/seed/workdays.ts'
import { addDays, toLocalYmd, type WorkCalendar } from '../db/lib/workdays.ts'
import { acceptStaffingPlan, PlanError, saveStaffingPlan } from '../app/planning/plans.server.ts'
import { evaluatePlan } from '../app/planning/evaluate.ts'
import { approveBudgetPlan, buildBudgetItems, getBudgetPlan, saveBudgetPlan } from '../app/planning/budget-plans.server.ts'
import { compareAllocations } from '../app/planning/budget.ts'
import { budgetWorkbook } from '../app/planning/budget-xlsx.server.ts'
import { vndInWords } from '../app/planning/vnd-words.ts'
import { createAction, listActions, listBreaches, setActionStatus } from '../app/planning/actions.server.ts'
import { buildPlanningInstance } from '../app/planning/instance.server.ts'
import { proposePlan } from '../app/planning/staffing.ts'
import { threeCommunes } from './planning-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const X = '19333' // Đông Hà
const Y = '19351' // Nam Đông Hà (touches Đông Hà)
let s: TestStores
let cal: WorkCalendar
const today = toLocalYmd(new Date())

beforeAll(async () => {
  s = await openTestStores()
  cal = await loadCalendar(s.pg.db)
})
afterAll(async () => s?.dispose())

const officer = (id: string, home: string | null, position = 'officer', skills = ['dat_dai']) => ({
  id,
  fullName: `Cán bộ ${id}`,
  position,
  homeCommuneCode: home,
  skills,
  fte: 1,
})
const auditRows = (action: string) => s.pg.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id))

describe(`accepting a staffing plan (Postgres: ${process.env.DATABASE_URL ? 'server' : 'PGlite'})`, () => {
  it('closes and opens exactly the expected assignments, audits who/when/why, and refreshes the snapshot', async () => {
    await s.pg.db
      .insert(officers)
      .values([officer('o1', X), officer('o2', X), officer('o3', X), officer('o4', Y), officer('p1', null, 'provincial')])
    await s.pg.db
      .insert(assignments)
      .values(['o1', 'o2', 'o3'].map((id) => ({ officerId: id, communeCode: X, kind: 'home', validFrom: '2025-07-01' })))
    await s.pg.db.insert(assignments).values({ officerId: 'o4', communeCode: Y, kind: 'home', validFrom: '2025-07-01' })
    const start = cal.addWorkingDays(today, -1)
    const moves = [
      { officerId: 'o1', from: X, to: Y, kind: 'move' as const, field: 'dat_dai' },
      { officerId: 'p1', from: null, to: X, kind: 'secondment' as const, days: 3 },
    ]
    const id = await saveStaffingPlan(s, {
      title: 'Điều động thử',
      moves,
      createdBy: 'noivu@example.vn',
      params: { start, asOf: addDays(today, -1), horizonDays: 5, secondmentDays: 3, constraints: {} },
      predicted: evaluatePlan(threeCommunes(), []),
    })
    const r = await acceptStaffingPlan(s, id, { actor: 'noivu@example.vn', reason: 'Đông Hà quá tải hồ sơ đất đai', ip: '10.0.0.7' })
    expect(r).toEqual({ closed: 1, opened: 2, snapshotError: null })

    const rows = await s.pg.db
      .select()
      .from(assignments)
      .where(inArray(assignments.officerId, ['o1', 'p1']))
      .orderBy(asc(assignments.id))
    const secondEnd = cal.addWorkingDays(start, 2)
    expect(rows.map((a) => [a.officerId, a.communeCode, a.kind, a.validFrom, a.validTo, a.reason])).toEqual([
      ['o1', X, 'home', '2025-07-01', addDays(start, -1), null],
      ['o1', Y, 'reallocation', start, null, 'Đông Hà quá tải hồ sơ đất đai'],
      ['p1', X, 'secondment', start, secondEnd, 'Đông Hà quá tải hồ sơ đất đai'],
    ])
    expect(rows.slice(1).every((a) => a.createdBy === 'noivu@example.vn')).toBe(true)
    // Untouched officers keep their assignment.
    expect((await s.pg.db.select().from(assignments).where(eq(assignments.officerId, 'o2')))[0]!.validTo).toBeNull()

    const [plan] = await s.pg.db.select().from(staffingPlans).where(eq(staffingPlans.id, id))
    expect([plan!.status, plan!.acceptedBy, plan!.reason]).toEqual(['accepted', 'noivu@example.vn', 'Đông Hà quá tải hồ sơ đất đai'])
    expect(plan!.acceptedAt).toBeInstanceOf(Date)

    const logged = await auditRows('reallocation.accept')
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ actor: 'noivu@example.vn', target: `staffing_plan:${id}`, ip: '10.0.0.7' })
    expect((logged[0]!.detail as { reason: string; moves: unknown[] }).reason).toBe('Đông Hà quá tải hồ sơ đất đai')
    expect((logged[0]!.detail as { moves: unknown[] }).moves).toHaveLength(2)

    // The KPIs follow: today's snapshot has o2, o3 and the secondee in Đông Hà; o4 and o1 in Nam Đông Hà.
    const rs = await s.ch.client.query({
      query: `SELECT commune_code, officers, seconded_in FROM staffing_daily FINAL WHERE day = {d:Date} AND commune_code IN {c:Array(String)} ORDER BY commune_code`,
      query_params: { d: today, c: [X, Y] },
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'test:planning-db' },
    })
    const snap = z
      .array(z.object({ commune_code: z.string(), officers: z.coerce.number(), seconded_in: z.coerce.number() }))
      .parse(await rs.json())
    expect(snap).toEqual([
      { commune_code: X, officers: 3, seconded_in: 1 },
      { commune_code: Y, officers: 2, seconded_in: 0 },
    ])
  })

  it('refuses to accept twice, and refuses a stale plan without writing anything', async () => {
    const [accepted] = await s.pg.db.select().from(staffingPlans).where(eq(staffingPlans.status, 'accepted'))
    await expect(acceptStaffingPlan(s, accepted!.id, { actor: 'a@b.vn', reason: 'lần hai' })).rejects.toBeInstanceOf(PlanError)
    // o1 no longer works in Đông Hà.
    const id = await saveStaffingPlan(s, {
      title: 'Cũ',
      moves: [
        { officerId: 'o2', from: X, to: Y, kind: 'move' },
        { officerId: 'o1', from: X, to: Y, kind: 'move' },
      ],
      createdBy: null,
      params: { start: today, asOf: today, horizonDays: 5, secondmentDays: 3, constraints: {} },
      predicted: evaluatePlan(threeCommunes(), []),
    })
    const before = await s.pg.db.select().from(assignments)
    await expect(acceptStaffingPlan(s, id, { actor: 'a@b.vn', reason: 'thử lại' })).rejects.toThrow(/stale/)
    expect(await s.pg.db.select().from(assignments)).toEqual(before)
    expect((await s.pg.db.select().from(staffingPlans).where(eq(staffingPlans.id, id)))[0]!.status).toBe('draft')
    expect(await auditRows('reallocation.accept')).toHaveLength(1)
    await expect(acceptStaffingPlan(s, id, { actor: 'a@b.vn', reason: '' })).rejects.toThrow()
    // p1 is still seconded to Đông Hà today: a second secondment overlapping it is refused.
    const again = await saveStaffingPlan(s, {
      title: 'Trùng',
      moves: [{ officerId: 'p1', from: null, to: Y, kind: 'secondment', days: 2 }],
      createdBy: null,
      params: { start: today, asOf: today, horizonDays: 5, secondmentDays: 2, constraints: {} },
      predicted: evaluatePlan(threeCommunes(), []),
    })
    await expect(acceptStaffingPlan(s, again, { actor: 'a@b.vn', reason: 'biệt phái lần hai' })).rejects.toThrow(/already works/)
    expect(await s.pg.db.select().from(assignments)).toEqual(before)
  })
})

describe('budget plan: save, approve, export', () => {
  it('saves the optimal allocation with its lines, approves it (audited) and exports totals equal to the plan', async () => {
    // No inventory rows and no counters: every commune lacks one unit of each of the 7 default types.
    const inputs = await buildBudgetItems(s)
    expect(inputs.items).toHaveLength(78 * 7)
    const ceiling = 500_000_000
    const cmp = compareAllocations(inputs.items, ceiling)
    expect(cmp.optimal.spentVnd).toBeLessThanOrEqual(ceiling)
    expect(cmp.optimal.weightedClosed).toBeGreaterThanOrEqual(cmp.equal.weightedClosed)
    expect(cmp.optimal.weightedClosed).toBeGreaterThanOrEqual(cmp.proportional.weightedClosed)
    const id = await saveBudgetPlan(s, {
      title: 'Kế hoạch 2027',
      year: 2027,
      ceilingVnd: ceiling,
      allocation: cmp.optimal,
      summary: { test: true },
      createdBy: 'taichinh@example.vn',
    })
    const lines = await s.pg.db.select().from(budgetPlanLines).where(eq(budgetPlanLines.planId, id))
    expect(lines).toHaveLength(cmp.optimal.lines.length)
    expect(lines.reduce((x, l) => x + l.amountVnd, 0)).toBe(cmp.optimal.spentVnd)
    expect(lines.every((l) => l.amountVnd === l.quantity * l.unitPriceVnd && l.reason!.startsWith('Thiếu 1/1'))).toBe(true)

    await approveBudgetPlan(s, id, { actor: 'taichinh@example.vn', ip: '10.0.0.8' })
    const [plan] = await s.pg.db.select().from(budgetPlans).where(eq(budgetPlans.id, id))
    expect([plan!.status, plan!.approvedBy]).toEqual(['approved', 'taichinh@example.vn'])
    expect((await auditRows('budget_plan.create')).map((a) => a.target)).toEqual([`budget_plan:${id}`])
    expect((await auditRows('budget_plan.approve')).map((a) => [a.target, a.actor, a.ip])).toEqual([
      [`budget_plan:${id}`, 'taichinh@example.vn', '10.0.0.8'],
    ])
    await expect(approveBudgetPlan(s, id, { actor: 'x' })).rejects.toBeInstanceOf(PlanError)

    const view = await getBudgetPlan(s, id)
    const buf = await budgetWorkbook({ ...view, plan: view.plan, provinceName: 'Tỉnh Quảng Trị', synthetic: true })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.getRow(9).values).toEqual([
      undefined,
      'STT',
      'Mã xã',
      'Tên xã',
      'Thiết bị',
      'Số lượng',
      'Đơn giá (VNĐ)',
      'Thành tiền (VNĐ)',
      'Lý do',
    ])
    expect(ws.getCell('D6').value).toBe(ceiling)
    const amount = (r: number) => {
      const v = ws.getCell(r, 7).value as number | { result: number }
      return typeof v === 'number' ? v : v.result
    }
    let lineSum = 0
    let subSum = 0
    let grand: number | null = null
    let stt = 0
    for (let r = 10; r <= ws.rowCount; r++) {
      const a = ws.getCell(r, 1).value
      if (typeof a === 'number') {
        expect(a).toBe(++stt)
        expect(amount(r)).toBe((ws.getCell(r, 5).value as number) * (ws.getCell(r, 6).value as number))
        lineSum += amount(r)
      } else if (typeof a === 'string' && a.startsWith('Cộng ')) subSum += amount(r)
      else if (a === 'TỔNG CỘNG') grand = amount(r)
      else if (typeof a === 'string' && a.startsWith('Bằng chữ')) expect(a).toBe(`Bằng chữ: ${vndInWords(view.totalVnd)}.`)
    }
    expect(stt).toBe(view.lines.length)
    expect(lineSum).toBe(view.totalVnd)
    expect(subSum).toBe(view.totalVnd)
    expect(grand).toBe(view.totalVnd)
    expect(ws.getCell(7 + 0, 1).value).toMatch(/Tối ưu/)
  })
})

describe('actions on KPI breaches', () => {
  it('keeps the value at opening, shows the value now, and audits creation and status changes', async () => {
    const [alert] = await s.pg.db
      .insert(alerts)
      .values({ communeCode: X, kpi: 'late_rate', level: 'critical', value: 0.3, threshold: 0.2, since: new Date(), lastSeen: new Date() })
      .returning()
    // Now: 10 received in the window, 1 finished late, none overdue → late rate 0.1.
    await s.ch.client.insert({
      table: 'commune_day',
      values: [
        {
          commune_code: X,
          day: addDays(today, -5),
          received: 10,
          finished: 10,
          finished_on_time: 9,
          finished_late: 1,
          computed_at: `${today} 00:00:00.000`,
        },
      ],
      format: 'JSONEachRow',
    })
    const breaches = await listBreaches(s, 'all')
    expect(breaches.find((b) => b.source.kind === 'alert')).toMatchObject({
      communeCode: X,
      kpi: 'late_rate',
      value: 0.3,
      openActionId: null,
    })
    // Đông Hà is also under its on-time target (0.9 < 0.95) — not alerted, so listed as a target breach.
    expect(breaches.find((b) => b.kpi === 'on_time_rate')).toMatchObject({
      communeCode: X,
      value: 0.9,
      source: { kind: 'target', target: 0.95 },
    })

    const id = await createAction(
      s,
      {
        communeCode: X,
        kpi: 'late_rate',
        title: 'Giảm hồ sơ trễ hạn đất đai',
        department: 'home_affairs',
        owner: 'Phòng CCHC',
        dueDate: '2026-12-31',
        alertId: alert!.id,
      },
      { actor: 'lanhdao@example.vn' },
    )
    let [row] = (await listActions(s, 'all')).filter((a) => a.id === id)
    expect(row).toMatchObject({
      valueAtOpen: 0.3,
      valueNow: 0.1,
      status: 'open',
      recovered: false,
      improved: true,
      goal: { value: 0.05, direction: 'lower_better', source: 'target' },
    })
    expect((await listBreaches(s, 'all')).find((b) => b.kpi === 'late_rate')!.openActionId).toBe(id)
    expect(await listActions(s, [Y])).toEqual([])

    await setActionStatus(s, id, 'in_progress', { actor: 'noivu@example.vn' })
    await setActionStatus(s, id, 'done', { actor: 'noivu@example.vn', note: 'Đã bổ sung 2 cán bộ địa chính' })
    ;[row] = (await listActions(s, 'all')).filter((a) => a.id === id)
    expect(row!.status).toBe('done')
    expect(row!.closedAt).not.toBeNull()
    expect((await auditRows('action.create')).map((a) => a.target)).toEqual([`action:${id}`])
    expect((await auditRows('action.status')).map((a) => a.detail as { from: string; to: string })).toMatchObject([
      { from: 'open', to: 'in_progress' },
      { from: 'in_progress', to: 'done' },
    ])
    const [stored] = await s.pg.db
      .select()
      .from(actions)
      .where(and(eq(actions.id, id)))
    expect(stored!.note).toBe('Đã bổ sung 2 cán bộ địa chính')
  })
})

describe("the planner's instance from the stores", () => {
  it('reads intake, fields and officers and proposes the move a human would', async () => {
    const asOf = '2026-11-20'
    const from = addDays(asOf, -55)
    const values: Record<string, unknown>[] = []
    for (let d = from; d <= asOf; d = addDays(d, 1)) {
      if (!cal.isWorkingDay(d)) continue
      values.push({
        commune_code: '19603',
        day: d,
        procedure_code: '1.012790',
        procedure_name: 'Đăng ký biến động',
        field_code: 'dat_dai',
        received: 10,
        received_in_person: 0,
        statutory_days: 80,
        computed_at: `${asOf} 00:00:00.000`,
      })
      values.push({
        commune_code: '19669',
        day: d,
        procedure_code: '1.012790',
        procedure_name: 'Đăng ký biến động',
        field_code: 'dat_dai',
        received: 1,
        received_in_person: 0,
        statutory_days: 8,
        computed_at: `${asOf} 00:00:00.000`,
      })
    }
    await s.ch.client.insert({ table: 'commune_day_procedure', values, format: 'JSONEachRow' })
    // 19603 (Hiếu Giang) has one land officer; 19669 (Ái Tử), its neighbour, has five.
    const a = ['a1'],
      b = ['b1', 'b2', 'b3', 'b4', 'b5']
    await s.pg.db.insert(officers).values([...a, ...b].map((id) => officer(id, null)))
    await s.pg.db
      .insert(assignments)
      .values([
        ...a.map((id) => ({ officerId: id, communeCode: '19603', kind: 'home', validFrom: '2025-07-01' })),
        ...b.map((id) => ({ officerId: id, communeCode: '19669', kind: 'home', validFrom: '2025-07-01' })),
      ])
    // Start after the secondment of the first test has ended, so p1 is free again.
    const { instance, info } = await buildPlanningInstance(s, {
      asOf,
      start: addDays(today, 30),
      horizonDays: 20,
      constraints: { maxMoves: 2, rule: { mode: 'adjacent', maxKm: null } },
    })
    expect(instance.communes).toHaveLength(78)
    expect(info.noIntake).toHaveLength(76)
    expect(instance.fields.dat_dai).toEqual({ backOfficeHours: 3, allowanceDays: 8 })
    const hg = instance.communes.find((c) => c.code === '19603')!
    expect(hg.dossiersPerDay.dat_dai).toBeCloseTo(10, 0)
    expect(hg.minStaff).toBe(3)
    expect(instance.provincial.map((p) => p.id)).toEqual(['p1'])
    const p = proposePlan(instance)
    // Ái Tử may give two of its five (minimum 3); both go to Hiếu Giang (30 h of land work a day for 8 h).
    expect(
      p.moves
        .filter((m) => m.kind === 'move')
        .map((m) => [m.from, m.to])
        .sort(),
    ).toEqual([
      ['19669', '19603'],
      ['19669', '19603'],
    ])
    const after = p.evaluation.after.communes.find((c) => c.code === '19603')!
    const before = p.evaluation.before.communes.find((c) => c.code === '19603')!
    expect(after.late).toBeLessThan(before.late)
  })
})
