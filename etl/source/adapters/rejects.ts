/**
 * The `rejects` adapter (ADR 035): the kept rejects of one reason, read back as a source so that "Chạy lại các bản
 * ghi bị từ chối" runs them through the one pipeline (validation, lineage and the units IT mapped, loads, rejects)
 * — nothing of it is copied here.
 *
 * Nothing is lost if the run fails: the rejects it reads are first set aside (their job renamed `<job>:rerun`,
 * still in etl_rejects); records rejected again are saved under the job as usual; once every batch and reject
 * committed, the set-aside rows are deleted. A run that fails puts them back (but for those it already saved again,
 * which are the same record with the same reason). Rows set aside by a process that died are read by the next run.
 * Loaded records are counted once per dossier: its identity is its id (ADR 016), and its versions replace each other.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '../../../db/pg/client.ts'
import { etlRejects } from '../../../db/pg/schema/index.ts'
import type { SourceAdapter } from './types.ts'

const PAGE = 1000

export interface RejectsRerun {
  adapter: SourceAdapter
  /** After the run: distinct dossiers read, and of them those loaded (not rejected again). */
  result(): { dossiers: number; loadedDossiers: number }
}

export function rejectsAdapter(db: Db, job: string, reason: string): RejectsRerun {
  const aside = `${job}:rerun`
  const read = new Set<string>()
  let loaded = 0
  let done = false
  return {
    result: () => ({ dossiers: read.size, loadedDossiers: loaded }),
    adapter: {
      name: 'contract',
      label: `rejects:${job}/${reason}`,
      synthetic: false,
      watermarkKey: `rejects:${job}`,
      advancesWatermark: false,
      rawPages: false,
      async *pages() {
        await db
          .update(etlRejects)
          .set({ job: aside })
          .where(and(eq(etlRejects.job, job), eq(etlRejects.reason, reason)))
        const [c] = await db
          .select({ n: sql<number>`count(*)` })
          .from(etlRejects)
          .where(eq(etlRejects.job, aside))
        const total = Number(c?.n ?? 0)
        let last = 0
        for (let page = 1; ; page++) {
          const rows = await db
            .select({ id: etlRejects.id, recordId: etlRejects.recordId, raw: etlRejects.raw })
            .from(etlRejects)
            .where(and(eq(etlRejects.job, aside), gt(etlRejects.id, last)))
            .orderBy(asc(etlRejects.id))
            .limit(PAGE)
          if (rows.length === 0) return
          last = rows[rows.length - 1]!.id
          for (const r of rows) if (r.recordId) read.add(r.recordId)
          yield { items: rows.map((r) => r.raw), page, bytes: 0, total }
        }
      },
      async committed(runId) {
        const again = runId
          ? await db
              .selectDistinct({ id: etlRejects.recordId })
              .from(etlRejects)
              .where(and(eq(etlRejects.job, job), eq(etlRejects.runId, runId)))
          : []
        const still = new Set(again.map((r) => r.id))
        loaded = [...read].filter((id) => !still.has(id)).length
        await db.delete(etlRejects).where(eq(etlRejects.job, aside))
        done = true
      },
      async finish() {
        if (done) return
        // Failed: put the set-aside rows back, but for those saved again already (same job, reason and record).
        await db.execute(sql`
          DELETE FROM etl_rejects a USING etl_rejects b
          WHERE a.job = ${aside} AND b.job = ${job} AND b.fingerprint = a.fingerprint`)
        await db.update(etlRejects).set({ job }).where(eq(etlRejects.job, aside))
      },
    },
  }
}
