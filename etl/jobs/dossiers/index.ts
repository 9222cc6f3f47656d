/**
 * Every 5 minutes: dossiers changed since the watermark, from the TTHC source (or a file) into `dossiers`. Asked
 * with `source.rejects`, it runs the kept rejects of that reason again instead (ADR 035), and says how many
 * dossiers (distinct ids) it loaded.
 */
import type { JobContext, JobDefinition, JobSummary } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { skippedSummary, sourceFor } from '../../source/adapters/index.ts'
import { rejectsAdapter } from '../../source/adapters/rejects.ts'
import { dossierKind } from '../../validate/dossier.ts'

async function rerunRejects(ctx: JobContext, reason: string): Promise<JobSummary> {
  const rerun = rejectsAdapter(ctx.stores.pg.db, dossierKind.job, reason)
  const summary = await runPull(dossierKind, ctx, { adapter: rerun.adapter })
  return { ...summary, ...rerun.result() }
}

export const dossiersJob: JobDefinition = {
  name: 'dossiers',
  schedule: '*/5 * * * *',
  description: 'Hồ sơ TTHC từ hệ thống một cửa / dossiers from the TTHC system',
  run: (ctx) => {
    if (ctx.source?.rejects) return rerunRejects(ctx, ctx.source.rejects)
    const src = sourceFor(dossierKind, ctx)
    return 'skip' in src ? Promise.resolve(skippedSummary('dossiers', src.skip)) : runPull(dossierKind, ctx, src)
  },
}
