/**
 * Writes the bundled reference data into Postgres. Runs at start only when the tables are empty (or
 * incomplete), so later edits by users (disadvantaged flag, lineage shares, added holidays) are kept.
 */
import { count } from 'drizzle-orm'
import type { Db } from '../pg/client.ts'
import { communes, holidays, lineage, provinces } from '../pg/schema/index.ts'
import { readReference, type Reference } from '../reference/load.ts'
import { chunks } from '../lib/chunks.ts'

export interface ReferenceCounts {
  provinces: number
  communes: number
  lineage: number
  holidays: number
}

export async function referenceCounts(db: Db): Promise<ReferenceCounts> {
  const [p] = await db.select({ n: count() }).from(provinces)
  const [c] = await db.select({ n: count() }).from(communes)
  const [l] = await db.select({ n: count() }).from(lineage)
  const [h] = await db.select({ n: count() }).from(holidays)
  return { provinces: p!.n, communes: c!.n, lineage: l!.n, holidays: h!.n }
}

/** Inserts missing reference rows (never overwrites). Returns the counts afterwards. */
export async function loadReference(db: Db, ref: Reference = readReference()): Promise<ReferenceCounts> {
  const before = await referenceCounts(db)
  if (before.communes >= ref.communes.length && before.lineage >= ref.lineage.length && before.holidays >= ref.holidays.length)
    return before
  await db.transaction(async (tx) => {
    for (const part of chunks(ref.provinces)) await tx.insert(provinces).values(part).onConflictDoNothing()
    for (const part of chunks(ref.communes))
      await tx
        .insert(communes)
        .values(part.map((c) => ({ ...c, disadvantaged: null })))
        .onConflictDoNothing()
    for (const part of chunks(ref.lineage)) await tx.insert(lineage).values(part).onConflictDoNothing()
    for (const part of chunks(ref.holidays)) await tx.insert(holidays).values(part).onConflictDoNothing()
  })
  return referenceCounts(db)
}
