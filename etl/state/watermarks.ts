/** Per-job watermarks in Postgres: the highest source `CapNhatLuc` loaded and committed. */
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/pg/client.ts'
import { etlWatermarks } from '../../db/pg/schema/index.ts'

export interface Watermark {
  at: Date
  lastId: string | null
}

export async function getWatermark(db: Db, job: string): Promise<Watermark | null> {
  const [row] = await db.select().from(etlWatermarks).where(eq(etlWatermarks.job, job))
  return row?.watermark ? { at: row.watermark, lastId: row.lastId } : null
}

/**
 * Moves the watermark forward to `at` (never back: a re-run of an old window keeps the newer mark).
 * Called only after every batch of the run has committed. Returns the watermark now stored.
 */
export async function advanceWatermark(db: Db, job: string, at: Date, lastId: string | null): Promise<Date> {
  await db
    .insert(etlWatermarks)
    .values({ job, watermark: at, lastId, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: etlWatermarks.job,
      set: {
        watermark: sql`GREATEST(${etlWatermarks.watermark}, excluded.watermark)`,
        lastId: sql`CASE WHEN ${etlWatermarks.watermark} IS NULL OR excluded.watermark >= ${etlWatermarks.watermark} THEN excluded.last_id ELSE ${etlWatermarks.lastId} END`,
        updatedAt: sql`now()`,
      },
    })
  const now = await getWatermark(db, job)
  return now!.at
}
