/**
 * Demo organisation in Postgres, matching what the simulator sends: one main centre per commune (with the
 * ticket machine where queue tickets come from), its counters, officers (the ids in `CanBoXuLy`) with
 * skills and home assignments from 1 July 2025, ~10 provincial officials available for secondment, an
 * equipment inventory per commune for every equipment type with realistic problems (broken scanners,
 * merged communes short of computers, few kiosks), and a handful of communes flagged disadvantaged.
 * Every row is synthetic (`synthetic = true`, `disadvantaged_synthetic = true`).
 *
 * Idempotent: does nothing when synthetic officers of the province already exist. Never overwrites a
 * value someone edited (inventory rows and disadvantaged flags are only filled where missing).
 */
import { and, eq, inArray, isNull, like, or } from 'drizzle-orm'
import type { Db } from '../../db/pg/client.ts'
import { assignments, communes, counters, equipmentInventory, equipmentTypes, officers, servicePoints } from '../../db/pg/schema/index.ts'
import { DEFAULT_SEED, reference } from './build.ts'
import { Rng, seedOf } from './prng.ts'
import { buildProvince, type SimCommune } from './province.ts'
import { provincialIdPrefix } from './centres.ts'
import { chunks } from '../../db/lib/chunks.ts'

export interface SeedDemoOptions {
  provinceCode: string
  /** Must be the simulator's seed (officer ids and ticket machines follow it); default DEFAULT_SEED. */
  seed?: number | string
}

export interface SeedDemoResult {
  skipped: boolean
  communes: number
  servicePoints: number
  counters: number
  officers: number
  assignments: number
  inventoryRows: number
  disadvantaged: number
}

export const HOME_VALID_FROM = '2025-07-01'
const TAG_EQUIPMENT = 0x45515550

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1)
}

/** Working and broken units of one equipment type at one commune. */
export function equipmentFor(
  seed: number,
  c: SimCommune,
  type: { code: string; basis: string; perUnit: number },
): { working: number; broken: number } {
  const rng = Rng.of(
    seed,
    TAG_EQUIPMENT,
    Number(c.code),
    [...type.code].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7),
  )
  const required = Math.ceil((type.basis === 'counter' ? c.plan.counters : 1) * type.perUnit)
  const has = c.plan.hasTicketMachine
  switch (type.code) {
    case 'computer': {
      const short = c.formedByMerger && rng.chance(0.45) ? rng.int(1, 2) : 0
      return { working: Math.max(1, required - short), broken: rng.chance(0.15) ? 1 : 0 }
    }
    case 'scanner': {
      const broken = rng.chance(0.35) ? rng.int(1, 2) : 0
      return { working: Math.max(0, required - broken - (rng.chance(0.2) ? 1 : 0)), broken }
    }
    case 'printer':
      return { working: Math.max(1, required - (rng.chance(0.15) ? 1 : 0)), broken: rng.chance(0.15) ? 1 : 0 }
    case 'rating_device':
      return { working: rng.chance(0.55) ? required : rng.int(0, Math.max(0, required - 1)), broken: rng.chance(0.1) ? 1 : 0 }
    case 'ticket_machine':
      return { working: has ? 1 : 0, broken: !has && rng.chance(0.15) ? 1 : 0 }
    case 'kiosk':
      return { working: rng.chance(0.08 + 0.2 * c.loadRank) ? 1 : 0, broken: rng.chance(0.04) ? 1 : 0 }
    case 'queue_display': {
      const ok = has && rng.chance(0.85)
      return { working: ok ? 1 : 0, broken: has && !ok ? 1 : 0 }
    }
    default:
      return { working: rng.chance(0.7) ? required : Math.max(0, required - 1), broken: 0 }
  }
}

/** The ~8% least densely populated communes (at least one): the demo's "disadvantaged" set. */
export function demoDisadvantaged(cs: readonly SimCommune[]): string[] {
  const density = (c: SimCommune) => (c.population ?? c.load * 1000) / Math.max(1, c.areaKm2 ?? 1)
  const n = Math.max(1, Math.round(cs.length * 0.08))
  return [...cs]
    .sort((a, b) => density(a) - density(b))
    .slice(0, n)
    .map((c) => c.code)
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
type Province = ReturnType<typeof buildProvince>
type EquipmentTypeRow = { code: string; basis: string; perUnit: number }

/** Whether the province's synthetic officers are there already (then the seed does nothing). */
async function alreadySeeded(db: Db, codes: string[], provinceCode: string): Promise<boolean> {
  const existing = await db
    .select({ id: officers.id })
    .from(officers)
    .where(
      and(
        eq(officers.synthetic, true),
        or(inArray(officers.homeCommuneCode, codes), like(officers.id, `${provincialIdPrefix(provinceCode)}%`)),
      ),
    )
    .limit(1)
  return existing.length > 0
}

/** A main service point and its counters for each commune that has no service point yet. */
async function seedCentres(tx: Tx, province: Province, codes: string[], result: SeedDemoResult): Promise<void> {
  const withCentre = new Set(
    (await tx.select({ c: servicePoints.communeCode }).from(servicePoints).where(inArray(servicePoints.communeCode, codes))).map(
      (r) => r.c,
    ),
  )
  const newCentres = province.communes.filter((c) => !withCentre.has(c.code))
  for (const part of chunks(newCentres)) {
    const ids = await tx
      .insert(servicePoints)
      .values(
        part.map((c) => ({
          communeCode: c.code,
          name: `Trung tâm Phục vụ hành chính công ${lowerFirst(c.fullName)}`,
          address: `Trụ sở UBND ${lowerFirst(c.fullName)}`,
          isMain: true,
          hasTicketMachine: c.plan.hasTicketMachine,
        })),
      )
      .returning({ id: servicePoints.id, communeCode: servicePoints.communeCode })
    result.servicePoints += ids.length
    const byCode = new Map(ids.map((r) => [r.communeCode, r.id]))
    const rows = part.flatMap((c) =>
      c.plan.counterFields.map((fields, i) => ({ servicePointId: byCode.get(c.code)!, label: `Quầy ${i + 1}`, fields, active: true })),
    )
    if (rows.length) await tx.insert(counters).values(rows)
    result.counters += rows.length
  }
}

/** The communes' and the province's officers, and each commune officer's home assignment. */
async function seedOfficers(tx: Tx, province: Province, result: SeedDemoResult): Promise<void> {
  const people = [
    ...province.communes.flatMap((c) => c.plan.officers.map((o) => ({ ...o, homeCommuneCode: c.code as string | null }))),
    ...province.provincials.map((o) => ({ ...o, homeCommuneCode: null })),
  ]
  for (const part of chunks(people)) {
    const ins = await tx
      .insert(officers)
      .values(
        part.map((o) => ({
          id: o.id,
          fullName: o.fullName,
          position: o.position,
          homeCommuneCode: o.homeCommuneCode,
          skills: o.skills,
          fte: o.fte,
          active: true,
          synthetic: true,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: officers.id })
    result.officers += ins.length
  }
  const homes = people.filter((o) => o.homeCommuneCode !== null)
  for (const part of chunks(homes)) {
    await tx.insert(assignments).values(
      part.map((o) => ({
        officerId: o.id,
        communeCode: o.homeCommuneCode!,
        kind: 'home',
        validFrom: HOME_VALID_FROM,
        reason: 'Dữ liệu mô phỏng (synthetic demo)',
        createdBy: 'sim',
      })),
    )
    result.assignments += part.length
  }
}

/** Every commune's equipment of every type (equipmentFor), then the demo's disadvantaged communes flagged. */
async function seedEquipmentAndFlags(
  tx: Tx,
  seed: number,
  province: Province,
  types: EquipmentTypeRow[],
  result: SeedDemoResult,
): Promise<void> {
  const inventory = province.communes.flatMap((c) =>
    types.map((t) => ({ communeCode: c.code, typeCode: t.code, ...equipmentFor(seed, c, t), updatedBy: 'sim', synthetic: true })),
  )
  for (const part of chunks(inventory)) {
    const ins = await tx.insert(equipmentInventory).values(part).onConflictDoNothing().returning({ c: equipmentInventory.communeCode })
    result.inventoryRows += ins.length
  }
  const flagged = await tx
    .update(communes)
    .set({ disadvantaged: true, disadvantagedSynthetic: true })
    .where(and(inArray(communes.code, demoDisadvantaged(province.communes)), isNull(communes.disadvantaged)))
    .returning({ code: communes.code })
  result.disadvantaged = flagged.length
}

export async function seedDemoPostgres(db: Db, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const seed = seedOf(opts.seed ?? DEFAULT_SEED)
  const province = buildProvince(reference(), opts.provinceCode, seed)
  const codes = province.communes.map((c) => c.code)
  const result: SeedDemoResult = {
    skipped: true,
    communes: codes.length,
    servicePoints: 0,
    counters: 0,
    officers: 0,
    assignments: 0,
    inventoryRows: 0,
    disadvantaged: 0,
  }
  if (await alreadySeeded(db, codes, opts.provinceCode)) return result
  result.skipped = false
  const types = await db
    .select({ code: equipmentTypes.code, basis: equipmentTypes.basis, perUnit: equipmentTypes.perUnit })
    .from(equipmentTypes)
  await db.transaction(async (tx) => {
    await seedCentres(tx, province, codes, result)
    await seedOfficers(tx, province, result)
    await seedEquipmentAndFlags(tx, seed, province, types, result)
  })
  return result
}
