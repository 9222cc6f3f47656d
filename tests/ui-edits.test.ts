/**
 * The dashboard's editing and data-health modules on real engines (PGlite or the Postgres server, and
 * chDB): officers and assignments (the staffing snapshot follows), equipment inventory/norms/prices and
 * the disadvantaged flag (the equipment snapshot follows), KPI targets and thresholds, rejected records
 * (filter and paging), job freshness and the synthetic-data flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { openTestStores, type TestStores } from './support/stores.ts'
import {
  alertThresholds,
  assignments,
  communes,
  equipmentInventory,
  equipmentTypes,
  etlRejects,
  etlRuns,
  kpiTargets,
  officers,
} from '../db/pg/schema/index.ts'
import {
  addAssignment,
  AssignmentSchema,
  EditError,
  endAssignment,
  listOfficers,
  OfficerSchema,
  saveOfficer,
} from '../app/dashboard/staffing-edit.server.ts'
import {
  EquipmentEditError,
  InventorySchema,
  saveDisadvantaged,
  saveInventory,
  saveType,
  TypeSchema,
} from '../app/dashboard/equipment-edit.server.ts'
import { deleteOverride, saveTarget, saveThreshold, TargetSchema, ThresholdSchema } from '../app/dashboard/settings.server.ts'
import { parseForm } from '../app/dashboard/forms.ts'
import { jobTable, listRejects, parseRejectFilter, rejectReasons } from '../app/dashboard/data-health.server.ts'
import { loadShell } from '../app/dashboard/shell.server.ts'
import { toLocalYmd, addDays } from '../db/lib/workdays.ts'

let s: TestStores
let A = ''
let B = ''
const today = toLocalYmd(new Date())

async function staffingToday(code: string) {
  const rs = await s.ch.client.query({
    query: 'SELECT officers, seconded_in FROM staffing_daily FINAL WHERE commune_code = {c:String} AND day = {d:Date}',
    query_params: { c: code, d: today },
    format: 'JSONEachRow',
  })
  return z.array(z.object({ officers: z.coerce.number(), seconded_in: z.coerce.number() })).parse(await rs.json())[0] ?? null
}

beforeAll(async () => {
  s = await openTestStores()
  const qt = await s.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '44'))
    .orderBy(asc(communes.code))
    .limit(2)
  A = qt[0]!.code
  B = qt[1]!.code
})
afterAll(async () => s?.dispose())

describe('officers and assignments', () => {
  let id = ''
  it('rejects a bad form with message keys per field', () => {
    const r = parseForm(OfficerSchema, { fullName: 'A', position: 'boss', homeCommuneCode: A, fte: '1,5', skills: [] }, 'officer.save')
    expect(r.ok === false && r.result.ok === false && r.result.fieldErrors).toEqual({
      fullName: 'form.name',
      position: 'form.position',
      fte: 'form.fte',
    })
    const a = parseForm(
      AssignmentSchema,
      { officerId: 'x', communeCode: A, kind: 'secondment', validFrom: '2026-05-02', validTo: '2026-05-01' },
      'assignment.add',
    )
    expect(a.ok === false && a.result.ok === false && a.result.fieldErrors).toEqual({ validTo: 'form.dateOrder' })
  })

  it('a new officer gets a home assignment from today and the staffing snapshot counts them', async () => {
    const p = OfficerSchema.parse({
      fullName: 'Nguyễn Thị Lan',
      position: 'officer',
      homeCommuneCode: A,
      fte: '0,8',
      skills: ['ho_tich', 'chung_thuc'],
      active: 'on',
    })
    const r = await saveOfficer(s, p)
    expect(r.created).toBe(true)
    id = r.id
    const [o] = await s.pg.db.select().from(officers).where(eq(officers.id, id))
    expect(o).toMatchObject({ fullName: 'Nguyễn Thị Lan', fte: 0.8, skills: ['ho_tich', 'chung_thuc'], synthetic: false, active: true })
    const as = await s.pg.db.select().from(assignments).where(eq(assignments.officerId, id))
    expect(as.map((a) => [a.communeCode, a.kind, a.validFrom, a.validTo])).toEqual([[A, 'home', today, null]])
    expect(await staffingToday(A)).toEqual({ officers: 1, seconded_in: 0 })
    expect((await listOfficers(s, A)).map((x) => [x.id, x.current?.communeCode])).toEqual([[id, A]])
  })

  it('a secondment moves them for its dates (snapshot follows), and ending it brings them home', async () => {
    const r = await addAssignment(
      s,
      AssignmentSchema.parse({
        officerId: id,
        communeCode: B,
        kind: 'secondment',
        validFrom: addDays(today, -1),
        validTo: addDays(today, 10),
        reason: 'tăng cường',
      }),
      'noivu@demo.local',
    )
    expect(r.closed).toEqual([])
    expect(await staffingToday(B)).toEqual({ officers: 1, seconded_in: 1 })
    expect(await staffingToday(A)).toEqual({ officers: 0, seconded_in: 0 })
    expect((await listOfficers(s, B)).map((x) => x.current?.kind)).toEqual(['secondment'])
    await endAssignment(s, { assignmentId: r.id, validTo: addDays(today, -1) })
    expect(await staffingToday(A)).toEqual({ officers: 1, seconded_in: 0 })
    expect(await staffingToday(B)).toEqual({ officers: 0, seconded_in: 0 })
  })

  it('a home move closes the old home assignment the day before; a move before it is refused', async () => {
    await expect(
      addAssignment(s, AssignmentSchema.parse({ officerId: id, communeCode: B, kind: 'home', validFrom: addDays(today, -3) }), 'x'),
    ).rejects.toMatchObject({ field: 'validFrom', key: 'form.overlapsHome' })
    const next = addDays(today, 1)
    const r = await addAssignment(s, AssignmentSchema.parse({ officerId: id, communeCode: B, kind: 'home', validFrom: next }), 'x')
    expect(r.closed).toHaveLength(1)
    const [old] = await s.pg.db.select().from(assignments).where(eq(assignments.id, r.closed[0]!))
    expect(old!.validTo).toBe(today)
    await expect(
      addAssignment(s, AssignmentSchema.parse({ officerId: 'nobody', communeCode: B, kind: 'home', validFrom: next }), 'x'),
    ).rejects.toBeInstanceOf(EditError)
  })
})

describe('equipment', () => {
  it('reads prices typed the Vietnamese way and saves norms and prices', async () => {
    const t = TypeSchema.parse({ code: 'computer', perUnit: '1', unitPriceVnd: '19.500.000', basis: 'counter' })
    expect(t.unitPriceVnd).toBe(19_500_000)
    const r = await saveType(s, t)
    expect(r.before.unitPriceVnd).toBe(18_000_000)
    const [row] = await s.pg.db.select().from(equipmentTypes).where(eq(equipmentTypes.code, 'computer'))
    expect(row!.unitPriceVnd).toBe(19_500_000)
  })

  it('saves an inventory line, snapshots it, and refuses a commune outside the province', async () => {
    const r = await saveInventory(
      s,
      InventorySchema.parse({ communeCode: A, typeCode: 'scanner', working: '2', broken: '1' }),
      'taichinh@demo.local',
    )
    expect(r.before).toBeNull()
    const [inv] = await s.pg.db
      .select()
      .from(equipmentInventory)
      .where(and(eq(equipmentInventory.communeCode, A), eq(equipmentInventory.typeCode, 'scanner')))
    expect(inv).toMatchObject({ working: 2, broken: 1, updatedBy: 'taichinh@demo.local', synthetic: false })
    const rs = await s.ch.client.query({
      query: "SELECT working, broken FROM equipment_daily FINAL WHERE commune_code = {c:String} AND type_code = 'scanner'",
      query_params: { c: A },
      format: 'JSONEachRow',
    })
    expect(z.array(z.object({ working: z.coerce.number(), broken: z.coerce.number() })).parse(await rs.json())).toEqual([
      { working: 2, broken: 1 },
    ])
    await expect(
      saveInventory(s, InventorySchema.parse({ communeCode: '00004', typeCode: 'scanner', working: '1', broken: '0' }), 'x'),
    ).rejects.toBeInstanceOf(EquipmentEditError)
    expect(parseForm(InventorySchema, { communeCode: A, typeCode: 'scanner', working: '-1', broken: 'x' }, 'i')).toMatchObject({
      ok: false,
      result: { fieldErrors: { working: 'form.nonNegative', broken: 'form.integer' } },
    })
  })

  it('the disadvantaged flag is set by Finance (no longer synthetic) and can be unset again', async () => {
    expect(await saveDisadvantaged(s, { communeCode: A, disadvantaged: 'yes' })).toEqual({ before: null, after: true })
    const [c] = await s.pg.db.select().from(communes).where(eq(communes.code, A))
    expect([c!.disadvantaged, c!.disadvantagedSynthetic]).toEqual([true, false])
    expect(await saveDisadvantaged(s, { communeCode: A, disadvantaged: 'unset' })).toEqual({ before: true, after: null })
  })
})

describe('KPI targets and alert thresholds', () => {
  it('changes the province default and adds, then deletes, a commune override', async () => {
    expect(
      await saveTarget(
        s,
        TargetSchema.parse({ kpi: 'on_time_rate', communeCode: '', target: '0,92', direction: 'higher_better' }),
        'admin',
      ),
    ).toEqual({ before: 0.95 })
    await saveTarget(s, TargetSchema.parse({ kpi: 'on_time_rate', communeCode: A, target: '0,8', direction: 'higher_better' }), 'admin')
    const rows = await s.pg.db.select().from(kpiTargets).where(eq(kpiTargets.kpi, 'on_time_rate')).orderBy(asc(kpiTargets.id))
    expect(rows.map((r) => [r.communeCode, r.target, r.updatedBy])).toEqual([
      [null, 0.92, 'admin'],
      [A, 0.8, 'admin'],
    ])
    expect(await deleteOverride(s, 'target', rows[0]!.id)).toBeNull() // the default stays
    expect(await deleteOverride(s, 'target', rows[1]!.id)).toEqual({ kpi: 'on_time_rate', communeCode: A })
    expect(await s.pg.db.select().from(kpiTargets).where(eq(kpiTargets.kpi, 'on_time_rate'))).toHaveLength(1)
  })

  it('a watch level past the critical one is refused in the alert\u2019s direction', async () => {
    expect(
      parseForm(ThresholdSchema, { kpi: 'late_rate', communeCode: '', op: 'above', watch: '0,3', critical: '0,2' }, 't'),
    ).toMatchObject({ ok: false, result: { fieldErrors: { watch: 'form.watchAboveCritical' } } })
    expect(
      parseForm(ThresholdSchema, { kpi: 'on_time_rate', communeCode: '', op: 'below', watch: '0,7', critical: '0,8' }, 't'),
    ).toMatchObject({ ok: false, result: { fieldErrors: { watch: 'form.watchBelowCritical' } } })
    const r = await saveThreshold(
      s,
      ThresholdSchema.parse({ kpi: 'late_rate', communeCode: '', op: 'above', watch: '', critical: '0,25' }),
      'admin',
    )
    expect(r.before).toEqual({ watch: 0.18, critical: 0.22 }) // the defaults of db/seed/defaults.ts (ADR 024)
    const [t] = await s.pg.db.select().from(alertThresholds).where(eq(alertThresholds.kpi, 'late_rate'))
    expect([t!.watch, t!.critical]).toEqual([null, 0.25])
  })
})

describe('data health', () => {
  beforeAll(async () => {
    const now = Date.now()
    const [run] = await s.pg.db
      .insert(etlRuns)
      .values({
        job: 'dossiers',
        status: 'ok',
        trigger: 'test',
        startedAt: new Date(now - 60_000),
        finishedAt: new Date(now - 30_000),
        read: 10,
        loaded: 7,
        rejected: { unknown_unit: 2, bad_status: 1 },
      })
      .returning({ id: etlRuns.id })
    await s.pg.db.insert(etlRejects).values([
      {
        runId: run!.id,
        job: 'dossiers',
        reason: 'unknown_unit',
        recordId: 'HS-1',
        detail: 'MaDonVi "Xã Cũ"',
        raw: { MaHoSo: 'HS-1' },
        at: new Date(now - 3000),
      },
      {
        runId: run!.id,
        job: 'dossiers',
        reason: 'unknown_unit',
        recordId: 'HS-2',
        detail: 'MaDonVi "Xã Khác"',
        raw: { MaHoSo: 'HS-2' },
        at: new Date(now - 2000),
      },
      {
        runId: run!.id,
        job: 'dossiers',
        reason: 'bad_status',
        recordId: 'HS-3',
        detail: 'TrangThaiHoSo 11',
        raw: { MaHoSo: 'HS-3' },
        at: new Date(now - 1000),
      },
      { job: 'ratings', reason: 'unknown_unit', recordId: 'DG-1', raw: {}, at: new Date(now) },
    ])
  })

  it('rejects: newest first, filtered by job, reason and text, paged', async () => {
    const all = await listRejects(s, parseRejectFilter(new URLSearchParams('')), 2)
    expect([all.total, all.pages, all.rows.map((r) => r.recordId)]).toEqual([4, 2, ['DG-1', 'HS-3']])
    const p2 = await listRejects(s, parseRejectFilter(new URLSearchParams('rpage=2')), 2)
    expect(p2.rows.map((r) => r.recordId)).toEqual(['HS-2', 'HS-1'])
    const f = await listRejects(s, parseRejectFilter(new URLSearchParams('job=dossiers&reason=unknown_unit&rq=khác')), 10)
    expect(f.rows.map((r) => r.recordId)).toEqual(['HS-2'])
    expect(f.rows[0]!.raw).toBe('{"MaHoSo":"HS-2"}')
    expect(await rejectReasons(s)).toEqual([
      { job: 'dossiers', reason: 'unknown_unit', count: 2 },
      expect.objectContaining({ count: 1 }),
      expect.objectContaining({ count: 1 }),
    ])
  })

  it('jobs: the last run with its counts; a job that never ran has none', async () => {
    const rows = await jobTable(s)
    const d = rows.find((r) => r.job === 'dossiers')!
    expect(d.lastRun).toMatchObject({ status: 'ok', read: 10, loaded: 7, rejected: 3, durationS: 30 })
    expect(d.late).toBe(false)
    expect(rows.find((r) => r.job === 'ratings')!.lastRun).toBeNull()
  })

  it('the synthetic label: on for the simulator, off for a real source, on again when simulated staff exist', async () => {
    expect((await loadShell(s)).synthetic).toBe(true)
    const real = { ...s, config: { ...s.config, TTHC_SOURCE_URL: 'https://tthc.example.vn', simulator: false } } // as loadConfig derives it for a real source
    expect((await loadShell(real)).synthetic).toBe(false)
    await s.pg.db.insert(officers).values({ id: 'SIM-1', fullName: 'Mô Phỏng', position: 'officer', homeCommuneCode: B, synthetic: true })
    expect((await loadShell(real)).synthetic).toBe(true)
    await s.pg.db.delete(officers).where(inArray(officers.id, ['SIM-1']))
    const shell = await loadShell(s)
    expect(shell.province).toEqual({ code: '44', name: 'Quảng Trị', fullName: 'Tỉnh Quảng Trị' })
    expect(shell.freshness.ok).toBe(true)
  })
})
