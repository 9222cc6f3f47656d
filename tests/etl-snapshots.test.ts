/** Staffing and equipment snapshots from Postgres into ClickHouse, with exact numbers per commune and day. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { assignments, counters, equipmentInventory, officers, servicePoints } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { snapshotStaffing } from '../etl/jobs/staffing-snapshot/index.ts'
import { runJob } from '../etl/runner.ts'
import { vnDay } from '../db/lib/vn-time.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const A = '18904' // Dân Hoá
const B = '19432' // Lao Bảo
let s: TestStores

beforeAll(async () => {
  s = await openTestStores({ LOG_LEVEL: 'warn' })
  const db = s.pg.db
  const [spA] = await db.insert(servicePoints).values({ communeCode: A, name: 'TTPVHCC xã Dân Hoá' }).returning()
  const [spB] = await db.insert(servicePoints).values({ communeCode: B, name: 'TTPVHCC xã Lao Bảo' }).returning()
  await db.insert(counters).values([
    { servicePointId: spA!.id, label: 'Quầy 1' },
    { servicePointId: spA!.id, label: 'Quầy 2' },
    { servicePointId: spA!.id, label: 'Quầy 3', active: false },
    { servicePointId: spB!.id, label: 'Quầy 1' },
  ])
  await db.insert(officers).values([
    { id: 'O1', fullName: 'Phó Chủ tịch (Giám đốc)', position: 'director', homeCommuneCode: A, fte: 0.5 },
    { id: 'O2', fullName: 'Cán bộ 2', position: 'officer', homeCommuneCode: A },
    { id: 'O3', fullName: 'Cán bộ 3', position: 'officer', homeCommuneCode: A },
    { id: 'O4', fullName: 'Cán bộ 4', position: 'officer', homeCommuneCode: B },
    { id: 'O5', fullName: 'Công chức tỉnh', position: 'provincial', homeCommuneCode: null },
    { id: 'O6', fullName: 'Đã nghỉ', position: 'officer', homeCommuneCode: A, active: false },
  ])
  await db.insert(assignments).values([
    { officerId: 'O1', communeCode: A, kind: 'home', validFrom: '2025-07-01' },
    { officerId: 'O2', communeCode: A, kind: 'home', validFrom: '2025-07-01' },
    { officerId: 'O3', communeCode: A, kind: 'home', validFrom: '2025-07-01', validTo: '2026-03-10' },
    { officerId: 'O4', communeCode: B, kind: 'home', validFrom: '2025-07-01' },
    { officerId: 'O4', communeCode: A, kind: 'secondment', validFrom: '2026-03-09', validTo: '2026-03-11' },
    { officerId: 'O5', communeCode: B, kind: 'secondment', validFrom: '2026-03-10', validTo: '2026-03-12' },
    { officerId: 'O6', communeCode: A, kind: 'home', validFrom: '2025-07-01' },
  ])
  await db.insert(equipmentInventory).values([
    { communeCode: A, typeCode: 'computer', working: 2, broken: 1 },
    { communeCode: A, typeCode: 'scanner', working: 0, broken: 2 },
  ])
})
afterAll(async () => s?.dispose())

const StaffRow = z.object({
  commune_code: z.string(),
  day: z.string(),
  officers: z.coerce.number(),
  fte: z.coerce.number(),
  seconded_in: z.coerce.number(),
  counters: z.coerce.number(),
})

async function staffing(codes: string[]) {
  const rs = await s.ch.client.query({
    query:
      'SELECT commune_code, toString(day) AS day, officers, fte, seconded_in, counters FROM staffing_daily FINAL WHERE commune_code IN {codes:Array(String)} ORDER BY commune_code, day',
    query_params: { codes },
    format: 'JSONEachRow',
  })
  return z
    .array(StaffRow)
    .parse(await rs.json())
    .map((r) => `${r.commune_code} ${r.day} ${r.officers} ${r.fte} ${r.seconded_in} ${r.counters}`)
}
async function n(q: string) {
  const rs = await s.ch.client.query({ query: q, format: 'JSONEachRow' })
  return Number(((await rs.json()) as { n: number }[])[0]!.n)
}

describe('staffing snapshot', () => {
  it('counts each active officer once a day where they work (a secondment wins over home), with FTE and counters', async () => {
    const r = await snapshotStaffing(s, { fromDay: '2026-03-08', toDay: '2026-03-12' })
    expect(r).toEqual({ days: 5, rows: 5 * 78 })
    // commune day officers fte seconded_in counters
    expect(await staffing([A, B])).toEqual([
      `${A} 2026-03-08 3 2.5 0 2`,
      `${A} 2026-03-09 4 3.5 1 2`, // O4 seconded in from Lao Bảo
      `${A} 2026-03-10 4 3.5 1 2`, // O3's last day
      `${A} 2026-03-11 3 2.5 1 2`,
      `${A} 2026-03-12 2 1.5 0 2`,
      `${B} 2026-03-08 1 1 0 1`,
      `${B} 2026-03-09 0 0 0 1`, // its only officer is away
      `${B} 2026-03-10 1 1 1 1`, // a provincial official seconded in
      `${B} 2026-03-11 1 1 1 1`,
      `${B} 2026-03-12 2 2 1 1`,
    ])
    expect(await n(`SELECT count() AS n FROM staffing_daily FINAL WHERE officers = 0 AND commune_code NOT IN ('${B}')`)).toBe(76 * 5)
  })

  it('re-snapshotting replaces the days (after an edit), never doubles them', async () => {
    await s.pg.db
      .insert(assignments)
      .values({ officerId: 'O5', communeCode: A, kind: 'secondment', validFrom: '2026-03-12', validTo: '2026-03-12' })
    await snapshotStaffing(s, { fromDay: '2026-03-12', toDay: '2026-03-12' })
    expect(await n('SELECT count() AS n FROM staffing_daily FINAL')).toBe(5 * 78)
    const rows = await staffing([A, B])
    expect(rows.filter((r) => r.includes('2026-03-12'))).toEqual([`${A} 2026-03-12 3 2.5 1 2`, `${B} 2026-03-12 1 1 0 1`])
  })

  it('the job snapshots today when no window is given', async () => {
    const summary = await runJob(s, findJob('staffing-snapshot')!, { trigger: 'test' })
    expect(summary).toMatchObject({ job: 'staffing-snapshot', read: 78, loaded: 78, days: 1 })
    expect(await n(`SELECT count() AS n FROM staffing_daily FINAL WHERE day = '${vnDay(Date.now())}'`)).toBe(78)
  })
})

describe('equipment snapshot', () => {
  it('writes today a row per commune × equipment type, 0/0 where nothing is recorded', async () => {
    const summary = await runJob(s, findJob('equipment-snapshot')!, { trigger: 'test' })
    expect(summary).toMatchObject({ job: 'equipment-snapshot', read: 78 * 7, loaded: 78 * 7, day: vnDay(Date.now()) })
    const rs = await s.ch.client.query({
      query: `SELECT commune_code, type_code, working, broken FROM equipment_daily FINAL WHERE commune_code IN ('${A}', '${B}') AND type_code IN ('computer', 'scanner') ORDER BY commune_code, type_code`,
      format: 'JSONEachRow',
    })
    expect(await rs.json()).toEqual([
      { commune_code: A, type_code: 'computer', working: 2, broken: 1 },
      { commune_code: A, type_code: 'scanner', working: 0, broken: 2 },
      { commune_code: B, type_code: 'computer', working: 0, broken: 0 },
      { commune_code: B, type_code: 'scanner', working: 0, broken: 0 },
    ])
    await runJob(s, findJob('equipment-snapshot')!, { trigger: 'test' })
    expect(await n('SELECT count() AS n FROM equipment_daily FINAL')).toBe(78 * 7)
  })
})
