/** Equipment norms (units per counter or per centre, unit prices) and the inventory per commune and type. */
import { inCodes } from './communes.ts'
import type { Db } from '../client.ts'
import { equipmentInventory, equipmentTypes } from '../schema/index.ts'

export async function equipmentNorms(db: Db) {
  return db.select().from(equipmentTypes).orderBy(equipmentTypes.basis, equipmentTypes.code)
}

export async function inventoryFor(db: Db, codes: string[]): Promise<Map<string, { working: number; broken: number }>> {
  const rows = await db.select().from(equipmentInventory).where(inCodes(equipmentInventory.communeCode, codes))
  return new Map(rows.map((r) => [`${r.communeCode}|${r.typeCode}`, { working: r.working, broken: r.broken }]))
}
