/**
 * The receiver's staging table (`push_items`, ADR 021): pushed items are written here — in one transaction
 * per call, before the reply — and drained by the `dvcqg-push` job, which marks them loaded only after the
 * load committed. A process killed anywhere in between loses nothing: an item is either not acknowledged
 * (the sender retries), or staged and still pending (the next drain loads it), or loaded.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../pg/client.ts'
import { pushItems } from '../pg/schema/index.ts'
import { DOSSIER_SERVICE, itemDossierId, itemVersion, storableItem, STEP_SERVICE } from './push-fields.ts'

export interface StagedItem {
  id: number
  service: string
  unit: string | null
  dossierId: string | null
  version: Date | null
  item: unknown
}

/** Stores a call's items (personal data removed) in one transaction; resolves once committed. */
export async function stageItems(
  db: Db,
  senderId: number,
  service: string,
  unit: string | null,
  items: readonly unknown[],
): Promise<number> {
  const rows = items.map((it) => {
    const v = itemVersion(service, it)
    return {
      senderId,
      service,
      unit: unit?.slice(0, 200) ?? null,
      dossierId: itemDossierId(it),
      version: v === null ? null : new Date(v),
      item: (storableItem(service, it) ?? null) as object,
    }
  })
  if (!rows.length) return 0
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(pushItems).values(rows.slice(i, i + 500))
  })
  return rows.length
}

const cols = {
  id: pushItems.id,
  service: pushItems.service,
  unit: pushItems.unit,
  dossierId: pushItems.dossierId,
  version: pushItems.version,
  item: pushItems.item,
}

/** Up to `limit` pending items after `afterId`, oldest first. */
export function pendingItems(db: Db, afterId: number, limit: number): Promise<StagedItem[]> {
  return db
    .select(cols)
    .from(pushItems)
    .where(and(isNull(pushItems.loadedAt), sql`${pushItems.id} > ${afterId}`))
    .orderBy(asc(pushItems.id))
    .limit(limit)
}

/** The latest item of `service` for each of these dossiers: latest own time, then latest received. */
async function latestOf(db: Db, service: string, ids: readonly string[]): Promise<Map<string, StagedItem>> {
  const out = new Map<string, StagedItem>()
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectDistinctOn([pushItems.dossierId], cols)
      .from(pushItems)
      .where(and(eq(pushItems.service, service), inArray(pushItems.dossierId, ids.slice(i, i + 1000))))
      .orderBy(pushItems.dossierId, sql`${pushItems.version} DESC NULLS LAST`, desc(pushItems.id))
    for (const r of rows) out.set(r.dossierId!, r)
  }
  return out
}

export const latestDossiers = (db: Db, ids: readonly string[]) => latestOf(db, DOSSIER_SERVICE, ids)
export const latestSteps = (db: Db, ids: readonly string[]) => latestOf(db, STEP_SERVICE, ids)

export async function markLoaded(db: Db, ids: readonly number[], runId: number | null): Promise<void> {
  const at = new Date()
  for (let i = 0; i < ids.length; i += 5000)
    await db
      .update(pushItems)
      .set({ loadedAt: at, runId })
      .where(inArray(pushItems.id, ids.slice(i, i + 5000)))
}

/** Counts for the data page: pending items, and when the last one arrived. */
export async function inboxStatus(db: Db): Promise<{ pending: number; lastReceivedAt: Date | null }> {
  const [r] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${pushItems.loadedAt} is null)`,
      last: sql<string | null>`max(${pushItems.receivedAt})`,
    })
    .from(pushItems)
  return { pending: Number(r?.pending ?? 0), lastReceivedAt: r?.last ? new Date(r.last) : null }
}
