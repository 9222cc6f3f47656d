/**
 * Equipment inventory (working/broken per commune and type), norms (units per counter or per centre) and
 * unit prices in VND, and the disadvantaged-area flag (Finance). Validated with zod (message keys); after an
 * inventory change the equipment snapshot is requested from the ETL scheduler so the KPIs follow. The route audits each change.
 */
import { and, asc, eq, max } from 'drizzle-orm'
import { z } from 'zod'
import { communes, equipmentInventory, equipmentTypes } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { jobControl } from '../../db/job-control.ts'
import { viInt, viNumber } from './forms.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'
import { parseFilters, resolvePeriod, type ResolvedPeriod } from '../lib/url-filters.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

/**
 * The equipment page is a snapshot (no period filter): the norms' counters follow the load of the dashboard's
 * default period (30 days to today), the same window the overview uses by default, so both show one figure.
 */
export function equipmentPeriod(): ResolvedPeriod {
  return resolvePeriod(parseFilters(''))
}

/** The inventory's as-of date: the day of its latest change (Asia/Ho_Chi_Minh), or null when none is recorded. */
export async function inventoryAsOf(stores: Stores): Promise<string | null> {
  const [row] = await stores.pg.db.select({ at: max(equipmentInventory.updatedAt) }).from(equipmentInventory)
  return row?.at ? toLocalYmd(new Date(row.at)) : null
}

export async function listInventory(stores: Stores, commune: string) {
  const db = stores.pg.db
  const [types, inv] = await Promise.all([
    db.select().from(equipmentTypes).orderBy(asc(equipmentTypes.basis), asc(equipmentTypes.code)),
    db.select().from(equipmentInventory).where(eq(equipmentInventory.communeCode, commune)),
  ])
  const by = new Map(inv.map((r) => [r.typeCode, r]))
  return types.map((t) => {
    const r = by.get(t.code)
    return {
      typeCode: t.code,
      nameVi: t.nameVi,
      nameEn: t.nameEn,
      working: r?.working ?? null,
      broken: r?.broken ?? null,
      synthetic: r?.synthetic ?? false,
      updatedAt: r ? new Date(r.updatedAt).toISOString() : null,
      updatedBy: r?.updatedBy ?? null,
    }
  })
}

export async function listTypes(stores: Stores) {
  const rows = await stores.pg.db.select().from(equipmentTypes).orderBy(asc(equipmentTypes.basis), asc(equipmentTypes.code))
  return rows.map((t) => ({ ...t, updatedAt: new Date(t.updatedAt).toISOString() }))
}

const count = (msg: string) => viInt(msg).refine((v) => v >= 0 && v <= 10_000, { message: 'form.nonNegative' })

export const InventorySchema = z.object({
  communeCode: z.string().regex(/^\d{5}$/, { message: 'form.commune' }),
  typeCode: z.string().regex(/^[a-z0-9_]{1,40}$/, { message: 'form.type' }),
  working: count('form.integer'),
  broken: count('form.integer'),
})

export const TypeSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/, { message: 'form.type' }),
  perUnit: viNumber('form.number').refine((v) => v >= 0 && v <= 100, { message: 'form.perUnit' }),
  unitPriceVnd: viInt('form.price').refine((v) => v >= 0 && v <= 10_000_000_000, { message: 'form.price' }),
  basis: z.enum(['counter', 'centre'], { message: 'form.basis' }),
})

export const DisadvantagedSchema = z.object({
  communeCode: z.string().regex(/^\d{5}$/, { message: 'form.commune' }),
  disadvantaged: z.enum(['yes', 'no', 'unset'], { message: 'form.invalid' }),
})

export class EquipmentEditError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key)
  }
}

async function assertCommune(stores: Stores, code: string) {
  const [c] = await stores.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, code), inProvince(stores.config.PROVINCE_CODE)))
  if (!c) throw new EquipmentEditError('communeCode', 'form.commune')
}

export async function saveInventory(stores: Stores, i: z.infer<typeof InventorySchema>, by: string) {
  await assertCommune(stores, i.communeCode)
  const db = stores.pg.db
  const [type] = await db.select({ code: equipmentTypes.code }).from(equipmentTypes).where(eq(equipmentTypes.code, i.typeCode))
  if (!type) throw new EquipmentEditError('typeCode', 'form.type')
  const [old] = await db
    .select()
    .from(equipmentInventory)
    .where(and(eq(equipmentInventory.communeCode, i.communeCode), eq(equipmentInventory.typeCode, i.typeCode)))
  const values = { working: i.working, broken: i.broken, updatedAt: new Date(), updatedBy: by, synthetic: false }
  if (old)
    await db
      .update(equipmentInventory)
      .set(values)
      .where(and(eq(equipmentInventory.communeCode, i.communeCode), eq(equipmentInventory.typeCode, i.typeCode)))
  else await db.insert(equipmentInventory).values({ communeCode: i.communeCode, typeCode: i.typeCode, ...values })
  await jobControl(stores).request('equipment-snapshot', 'edit')
  return { before: old ? { working: old.working, broken: old.broken } : null }
}

export async function saveType(stores: Stores, t: z.infer<typeof TypeSchema>) {
  const db = stores.pg.db
  const [old] = await db.select().from(equipmentTypes).where(eq(equipmentTypes.code, t.code))
  if (!old) throw new EquipmentEditError('code', 'form.type')
  await db
    .update(equipmentTypes)
    .set({ perUnit: t.perUnit, unitPriceVnd: t.unitPriceVnd, basis: t.basis, updatedAt: new Date() })
    .where(eq(equipmentTypes.code, t.code))
  return { before: { perUnit: old.perUnit, unitPriceVnd: old.unitPriceVnd, basis: old.basis } }
}

export async function saveDisadvantaged(stores: Stores, d: z.infer<typeof DisadvantagedSchema>) {
  await assertCommune(stores, d.communeCode)
  const db = stores.pg.db
  const [old] = await db.select({ v: communes.disadvantaged }).from(communes).where(eq(communes.code, d.communeCode))
  const value = d.disadvantaged === 'unset' ? null : d.disadvantaged === 'yes'
  // An official decision by Finance replaces any synthetic demo value.
  await db.update(communes).set({ disadvantaged: value, disadvantagedSynthetic: false }).where(eq(communes.code, d.communeCode))
  return { before: old?.v ?? null, after: value }
}

export async function getDisadvantaged(stores: Stores, code: string): Promise<boolean | null> {
  const [c] = await stores.pg.db.select({ d: communes.disadvantaged }).from(communes).where(eq(communes.code, code))
  return c?.d ?? null
}
