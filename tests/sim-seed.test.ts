/**
 * The demo organisation in Postgres (real PGlite, or the Postgres server when DATABASE_URL is set):
 * what seedDemoPostgres writes for Quảng Trị, that a second run changes nothing, and that it matches
 * what the simulator sends (officer ids in CanBoXuLy, ticket machines where queue tickets come from).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, count, countDistinct, eq, isNull } from 'drizzle-orm'
import { assignments, communes, counters, equipmentInventory, equipmentTypes, officers, servicePoints } from '../db/pg/schema/index.ts'
import { DEFAULT_SEED, reference } from '../etl/sim/build.ts'
import { seedOf } from '../etl/sim/prng.ts'
import { buildProvince } from '../etl/sim/province.ts'
import { seedDemoPostgres, type SeedDemoResult } from '../etl/sim/seed-postgres.ts'
import { SimSource, pageItems } from '../etl/sim/source.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let s: TestStores
let first: SeedDemoResult
const province = buildProvince(reference(), '44', seedOf(DEFAULT_SEED))

beforeAll(async () => {
  s = await openTestStores()
  first = await seedDemoPostgres(s.pg.db, { provinceCode: '44', seed: DEFAULT_SEED })
})
afterAll(async () => s?.dispose())

const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n)

describe(`seedDemoPostgres (Postgres: ${process.env.DATABASE_URL ? 'server' : 'PGlite'})`, () => {
  it('creates one centre per commune of Quảng Trị, its counters, officers, home assignments and inventory', async () => {
    const types = await n(s.pg.db.select({ n: count() }).from(equipmentTypes))
    expect(types).toBe(7)
    const totalOfficers = province.communes.reduce((k, c) => k + c.plan.officers.length, 0) + 10
    expect(first).toEqual({
      skipped: false,
      communes: 78,
      servicePoints: 78,
      counters: province.communes.reduce((k, c) => k + c.plan.counters, 0),
      officers: totalOfficers,
      assignments: totalOfficers - 10,
      inventoryRows: 78 * 7,
      disadvantaged: 6,
    })
    expect(await n(s.pg.db.select({ n: countDistinct(equipmentInventory.communeCode) }).from(equipmentInventory))).toBe(78)
    expect(await n(s.pg.db.select({ n: count() }).from(equipmentInventory).where(eq(equipmentInventory.synthetic, false)))).toBe(0)
    const perCentre = await s.pg.db.select({ sp: counters.servicePointId, n: count() }).from(counters).groupBy(counters.servicePointId)
    expect(Math.min(...perCentre.map((r) => r.n))).toBeGreaterThanOrEqual(2)
    expect(Math.max(...perCentre.map((r) => r.n))).toBeLessThanOrEqual(6)
  })

  it('staffs each centre with a part-time director, one deputy and about five officers; ten provincial officials stand by', async () => {
    const rows = await s.pg.db.select().from(officers)
    expect(rows.every((o) => o.synthetic)).toBe(true)
    const byPosition = (p: string) => rows.filter((o) => o.position === p)
    expect(byPosition('director')).toHaveLength(78)
    expect(byPosition('director').every((o) => o.fte === 0.3)).toBe(true)
    expect(byPosition('deputy')).toHaveLength(78)
    const perCommune = byPosition('officer').length / 78
    expect(perCommune).toBeGreaterThan(3.5)
    expect(perCommune).toBeLessThan(7)
    const provincial = byPosition('provincial')
    expect(provincial).toHaveLength(10)
    expect(provincial.every((o) => o.homeCommuneCode === null)).toBe(true)
    expect(province.communes.filter((c) => c.plan.understaffed).length).toBeGreaterThan(8)
    const homes = await s.pg.db
      .select({ n: count() })
      .from(assignments)
      .where(and(eq(assignments.kind, 'home'), eq(assignments.validFrom, '2025-07-01'), isNull(assignments.validTo)))
    expect(homes[0]!.n).toBe(rows.length - 10)
  })

  it('has the problems the dashboards must find: broken scanners, merged communes short of computers, few kiosks', async () => {
    const inv = await s.pg.db.select().from(equipmentInventory)
    const scanners = inv.filter((r) => r.typeCode === 'scanner')
    expect(scanners.filter((r) => r.broken > 0).length).toBeGreaterThan(10)
    const counterCount = new Map(province.communes.map((c) => [c.code, c.plan.counters]))
    const merged = new Set(province.communes.filter((c) => c.formedByMerger).map((c) => c.code))
    const shortComputers = inv.filter((r) => r.typeCode === 'computer' && r.working < counterCount.get(r.communeCode)!)
    expect(shortComputers.length).toBeGreaterThan(5)
    expect(shortComputers.every((r) => merged.has(r.communeCode))).toBe(true)
    const kiosks = inv.filter((r) => r.typeCode === 'kiosk' && r.working > 0).length
    expect(kiosks).toBeGreaterThan(0)
    expect(kiosks).toBeLessThan(25)
    const flagged = await s.pg.db.select().from(communes).where(eq(communes.disadvantaged, true))
    expect(flagged).toHaveLength(6)
    expect(flagged.every((c) => c.disadvantagedSynthetic && c.provinceCode === '44')).toBe(true)
  })

  it('matches the simulator: officer ids in CanBoXuLy exist, ticket machines are where queue tickets come from', async () => {
    const source = new SimSource({ provinceCode: '44', seed: DEFAULT_SEED, start: '2025-09-01', now: '2025-09-12T17:00:00+07:00' })
    const dossiers = pageItems(await source.page('dossiers', { updatedSinceMs: null, cursor: null, limit: 10_000 }))
    const ids = new Set((await s.pg.db.select({ id: officers.id }).from(officers)).map((o) => o.id))
    const handlers = dossiers.map((d) => d.CanBoXuLy).filter((x): x is string => typeof x === 'string')
    expect(handlers.length).toBeGreaterThan(5000)
    expect(handlers.filter((h) => !ids.has(h))).toEqual([])
    const machines = new Set(
      (await s.pg.db.select({ c: servicePoints.communeCode }).from(servicePoints).where(eq(servicePoints.hasTicketMachine, true))).map(
        (r) => r.c,
      ),
    )
    expect(machines.size / 78).toBeGreaterThan(0.3)
    expect(machines.size / 78).toBeLessThan(0.5)
    const tickets = pageItems(await source.page('queue-tickets', { updatedSinceMs: null, cursor: null, limit: 10_000 }))
    expect(tickets.length).toBeGreaterThan(1000)
    expect(new Set(tickets.map((t) => t.MaDonVi as string))).toEqual(machines)
    const inv = await s.pg.db.select().from(equipmentInventory).where(eq(equipmentInventory.typeCode, 'ticket_machine'))
    expect(new Set(inv.filter((r) => r.working > 0).map((r) => r.communeCode))).toEqual(machines)
  })

  it('is idempotent: a second run does nothing and changes no count', async () => {
    const before = await Promise.all(
      [officers, counters, servicePoints, assignments, equipmentInventory].map((t) => n(s.pg.db.select({ n: count() }).from(t))),
    )
    const again = await seedDemoPostgres(s.pg.db, { provinceCode: '44', seed: DEFAULT_SEED })
    expect(again.skipped).toBe(true)
    const after = await Promise.all(
      [officers, counters, servicePoints, assignments, equipmentInventory].map((t) => n(s.pg.db.select({ n: count() }).from(t))),
    )
    expect(after).toEqual(before)
  })
})
