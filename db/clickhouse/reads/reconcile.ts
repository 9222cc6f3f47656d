/**
 * The latest reconciliation of dossiers with the source (etl/jobs/reconcile, `reconcile_results`), for the data
 * page: the run's totals and the cells that differed.
 */
import { z } from 'zod'
import type { ChStore } from '../client.ts'
import { defineQuery, num, sql } from '../query.ts'

const LATEST = sql`(SELECT max(run_id) FROM reconcile_results)`

const reconcileSummary = defineQuery({
  name: 'reconcile summary',
  params: z.object({}),
  row: z.object({
    run_id: num,
    run_ms: num,
    window_from: z.string(),
    cells: num,
    differing: num,
    source_count: num,
    stored_count: num,
    loaded: num,
  }),
  sql: sql`
    SELECT run_id, toUnixTimestamp64Milli(max(run_at)) AS run_ms, toString(min(window_from)) AS window_from, count() AS cells,
           countIf(NOT matched) AS differing, sum(source_count) AS source_count, sum(stored_count) AS stored_count, sum(loaded) AS loaded
    FROM reconcile_results WHERE run_id = ${LATEST} GROUP BY run_id`,
})

const reconcileDiffering = defineQuery({
  name: 'reconcile differing cells',
  params: z.object({ limit: z.number().int().min(1).max(500) }),
  row: z.object({ commune_code: z.string(), day: z.string(), source_count: num, stored_count: num, loaded: num }),
  sql: sql`
    SELECT toString(commune_code) AS commune_code, toString(day) AS day, source_count, stored_count, loaded
    FROM reconcile_results WHERE run_id = ${LATEST} AND NOT matched
    ORDER BY day, commune_code LIMIT {limit:UInt32}`,
})

export type ReconcileSummary = z.infer<typeof reconcileSummary.definition.row>
export type ReconcileCell = z.infer<typeof reconcileDiffering.definition.row>

export async function latestReconcile(
  ch: ChStore,
  o: { limit?: number },
  caller: string,
): Promise<{ summary: ReconcileSummary | null; differing: ReconcileCell[] }> {
  const [summary] = await reconcileSummary(ch, {}, caller)
  if (!summary) return { summary: null, differing: [] }
  return { summary, differing: await reconcileDiffering(ch, { limit: o.limit ?? 50 }, caller) }
}
