/**
 * Equipment per commune, type and day (ClickHouse `equipment_daily`) from the Postgres inventory. Call
 * `snapshotEquipment(stores)` after inventory edits (Finance); the daily job does the same. The inventory
 * has no history, so only today is written: a snapshot of an earlier day would invent the past.
 * Every commune of the province × every equipment type gets a row (0/0 where nothing is recorded).
 */
import type { Stores } from '../../../db/stores.ts'
import { communes, equipmentInventory, equipmentTypes } from '../../../db/pg/schema/index.ts'
import { chTime, vnDay } from '../../../db/lib/vn-time.ts'
import { BatchWriter } from '../../load/insert.ts'
import { scratchRoot } from '../../load/scratch.ts'
import { inProvince } from '../../../db/pg/reads/communes.ts'

export const EQUIPMENT_COLUMNS = [
  ['commune_code', 'String'],
  ['day', 'Date'],
  ['type_code', 'String'],
  ['working', 'UInt16'],
  ['broken', 'UInt16'],
  ['snapshot_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
] as const

export async function snapshotEquipment(stores: Stores): Promise<{ day: string; rows: number }> {
  const db = stores.pg.db
  const day = vnDay(Date.now())
  const codes = (await db.select({ code: communes.code }).from(communes).where(inProvince(stores.config.PROVINCE_CODE))).map((c) => c.code)
  const types = (await db.select({ code: equipmentTypes.code }).from(equipmentTypes)).map((t) => t.code).sort()
  const inv = await db.select().from(equipmentInventory)
  const have = new Map(inv.map((r) => [`${r.communeCode}|${r.typeCode}`, r]))
  const writer = new BatchWriter(
    stores.ch,
    { table: 'equipment_daily', columns: EQUIPMENT_COLUMNS, comment: 'etl:equipment-snapshot' },
    undefined,
    {
      dir: scratchRoot(stores.config.dataDir),
    },
  )
  const at = chTime(Date.now())
  for (const c of codes)
    for (const t of types) {
      const r = have.get(`${c}|${t}`)
      writer.add([c, day, t, r?.working ?? 0, r?.broken ?? 0, at])
    }
  const rows = await writer.flush()
  return { day, rows }
}
