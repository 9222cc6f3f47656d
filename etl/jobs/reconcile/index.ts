/**
 * Nightly reconciliation of dossiers with the source (issue #17 item 4): records the source commits late (more than
 * the pull's 10-minute overlap behind its watermark) are never fetched by the incremental pull, and a record
 * changed without a new CapNhatLuc is never re-sent. This job re-reads a sliding window (ETL_RECONCILE_DAYS, default
 * 60 days of CapNhatLuc up to the run's start) through the one pull path (validation, lineage, rejects, page and
 * time limits) into a stage table, compares per (commune, day) the count and a content hash with what `dossiers`
 * holds (sql.ts), records every cell in `reconcile_results`, and loads the source's newest versions of the cells
 * that differ (a version equal in CapNhatLuc to the stored one replaces it: the last inserted wins). The rollups
 * job then recomputes what those rows touched (their new loaded_at). The dossiers watermark is not moved; the
 * re-read keeps its own (`reconcile`). The data page (/data) shows the latest run.
 */
import type { JobDefinition, JobContext, JobSummary } from '../../job.ts'
import { runPull, type PullSource } from '../../load/pull.ts'
import { skippedSummary } from '../../source/adapters/index.ts'
import { igateAdapter } from '../../source/igate/adapter.ts'
import { dossierKind } from '../../validate/dossier.ts'
import type { RecordKind } from '../../validate/record.ts'
import { compareCells, createStage, dropStage, loadDiffering, STAGE } from './sql.ts'

/** The dossier kind, loading into the stage through the JS path (the fast lane inserts into `dossiers` only). */
const stageKind: RecordKind = { ...dossierKind, job: 'reconcile', table: STAGE, fastLane: undefined }

function reconcileSource(ctx: JobContext): PullSource | { skip: string } {
  const c = ctx.stores.config
  if (ctx.source?.url || c.TTHC_SOURCE_KIND === 'contract') return { job: 'reconcile' }
  if (c.TTHC_SOURCE_KIND === 'igate') return { adapter: igateAdapter(ctx.stores, 'reconcile'), job: 'reconcile' }
  return { skip: `nothing to re-read: dossiers arrive by push (TTHC_SOURCE_KIND=${c.TTHC_SOURCE_KIND})` }
}

export const reconcileJob: JobDefinition = {
  name: 'reconcile',
  schedule: '15 2 * * *',
  description: 'Đối soát hồ sơ với nguồn (cửa sổ trượt) / reconcile dossiers with the source over a sliding window',
  async run(ctx): Promise<JobSummary> {
    const src = reconcileSource(ctx)
    if ('skip' in src) return skippedSummary('reconcile', src.skip)
    const { stores } = ctx
    const until = Date.now()
    const from = ctx.window.from?.getTime() ?? until - stores.config.ETL_RECONCILE_DAYS * 86_400_000
    const columns = dossierKind.columns.map(([c]) => c)
    await createStage(stores.ch)
    try {
      const pulled = await runPull(
        stageKind,
        { ...ctx, window: { from: new Date(from), to: new Date(until) }, options: { ...ctx.options, fastLane: false } },
        src,
      )
      const runId = ctx.runId ?? 0
      await compareCells(stores.ch, { runId, from, until, columns })
      const loaded = await loadDiffering(stores.ch, { runId, from, until, columns })
      const cells = await cellCounts(ctx, runId)
      ctx.log?.info('reconciliation finished', { read: pulled.read, ...cells, loaded })
      return { job: 'reconcile', read: pulled.read, loaded, rejected: pulled.rejected, watermark: null, window: pulled.window, ...cells }
    } finally {
      await dropStage(stores.ch)
    }
  },
}

async function cellCounts(ctx: JobContext, runId: number): Promise<{ cells: number; differing: number }> {
  const rs = await ctx.stores.ch.client.query({
    query: `SELECT count() AS cells, countIf(NOT matched) AS differing FROM reconcile_results WHERE run_id = {runId:UInt64}`,
    query_params: { runId },
    format: 'JSONEachRow',
  })
  const [r] = (await rs.json()) as { cells: string | number; differing: string | number }[]
  return { cells: Number(r?.cells ?? 0), differing: Number(r?.differing ?? 0) }
}
