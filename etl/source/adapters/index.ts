/**
 * Which adapter feeds a pull job (ADR 019). `TTHC_SOURCE_KIND` chooses the dossiers' source:
 * - `contract` (default): every job pulls the documented contract at TTHC_SOURCE_URL (or the built-in simulator);
 * - `igate`: the `dossiers` job pulls VNPT iGate;
 * - `dvcqg-push`: dossiers arrive at the push receiver and the `dvcqg-push` job loads them; `dossiers` has nothing to pull.
 * With another kind than `contract`, ratings, complaints and queue tickets still come from TTHC_SOURCE_URL when
 * it is set (a province may serve them by the contract), otherwise their jobs have no source and say so.
 * A run given another URL or a file (`npm run etl -- run … --source/--file`) reads that, whatever the kind.
 */
import type { JobContext, JobSummary } from '../../job.ts'
import type { PullSource } from '../../load/pull.ts'
import type { RecordKind } from '../../validate/record.ts'
import { igateAdapter } from '../igate/adapter.ts'

/** The source of a pull job's run, or a reason it has none (`skip`). */
export function sourceFor(kind: RecordKind, ctx: JobContext): PullSource | { skip: string } {
  const c = ctx.stores.config
  if (ctx.source?.rejects) throw new Error(`${kind.job}: the re-run of kept rejects is the dossiers job's (ADR 035)`)
  if (ctx.source?.url || ctx.source?.file || c.TTHC_SOURCE_KIND === 'contract') return {}
  if (kind.job === 'dossiers' && c.TTHC_SOURCE_KIND === 'igate') return { adapter: igateAdapter(ctx.stores, kind.job) }
  if (kind.job !== 'dossiers' && c.TTHC_SOURCE_URL) return {}
  return {
    skip:
      kind.job === 'dossiers'
        ? 'dossiers arrive by push (TTHC_SOURCE_KIND=dvcqg-push): the dvcqg-push job loads them'
        : `no source for ${kind.job}: TTHC_SOURCE_KIND=${c.TTHC_SOURCE_KIND} serves dossiers only (set TTHC_SOURCE_URL to pull ${kind.job} by the contract)`,
  }
}

/** A run that had nothing to pull: counts zero, the reason in the summary. */
export function skippedSummary(job: string, reason: string): JobSummary {
  return { job, read: 0, loaded: 0, rejected: {}, watermark: null, skipped: reason }
}
