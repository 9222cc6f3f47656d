/**
 * Runs one job once, the same way for the scheduler, the control endpoint and the CLI: take the job's lock
 * (single-flight, in-process and across processes), record the run in `etl_runs`, log with
 * { job, runId, window }, and record the outcome (counts, window, duration via started/finished, error).
 */
import type { Stores } from '../db/stores.ts'
import { dataChanged } from '../db/clickhouse/query-runtime.ts'
import type { JobDefinition, JobSource, JobSummary, JobWindow, PullOptions } from './job.ts'
import { acquireJobLock } from './lock.ts'
import { createLogger, type Logger } from './log.ts'
import { PullError } from './load/pull.ts'
import { finishRun, startRun } from './state/runs.ts'

export interface RunOptions {
  trigger: string
  window?: JobWindow
  source?: JobSource
  options?: PullOptions
  progress?: (done: number, total: number | null) => void
  signal?: AbortSignal
  log?: Logger
  /** The cron tick's scheduled time (scheduled runs); the job's context says `now` otherwise. */
  scheduledAt?: Date
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)
const asDate = (s: unknown) => (typeof s === 'string' ? new Date(s) : null)

export async function runJob(stores: Stores, job: JobDefinition, opts: RunOptions): Promise<JobSummary> {
  const window = opts.window ?? { from: null, to: null }
  const lease = await acquireJobLock(stores, job.name)
  const started = Date.now()
  // A run that loaded nothing changed nothing a page reads (any write it made moved the generation through the
  // client): the answer cache survives the every-minute jobs that find nothing new (ADR 027).
  let loadedNothing = false
  try {
    const source = opts.source?.file
      ? `file:${opts.source.file}`
      : opts.source?.rejects
        ? `rejects:${opts.source.rejects}`
        : (opts.source?.url ?? null)
    const runId = await startRun(stores.pg.db, {
      job: job.name,
      trigger: opts.trigger,
      source,
      windowFrom: window.from,
      windowTo: window.to,
    })
    const base = opts.log ?? createLogger({ level: stores.config.LOG_LEVEL })
    const log = base.child({ job: job.name, runId, window: { from: iso(window.from), to: iso(window.to) } })
    log.info('job started', { trigger: opts.trigger })
    try {
      const summary = await job.run({
        stores,
        window,
        trigger: opts.trigger,
        progress: opts.progress,
        signal: opts.signal,
        runId,
        log,
        source: opts.source,
        options: opts.options,
        scheduledAt: opts.scheduledAt ?? new Date(started),
      })
      const w = summary.window as { from?: unknown; to?: unknown } | undefined
      await finishRun(stores.pg.db, runId, {
        status: 'ok',
        read: summary.read,
        loaded: summary.loaded,
        rejected: summary.rejected,
        source: typeof summary.source === 'string' ? summary.source : undefined,
        windowFrom: w ? asDate(w.from) : undefined,
        windowTo: w ? asDate(w.to) : undefined,
      })
      log.info('job finished', {
        read: summary.read,
        loaded: summary.loaded,
        rejected: summary.rejected,
        watermark: summary.watermark,
        seconds: (Date.now() - started) / 1000,
      })
      loadedNothing = summary.loaded === 0
      return summary
    } catch (e) {
      const partial = e instanceof PullError ? e.partial : null
      const cause = e instanceof PullError ? e.cause : e
      const message = (cause as Error)?.message ?? String(cause)
      await finishRun(stores.pg.db, runId, {
        status: 'failed',
        read: partial?.read ?? 0,
        loaded: partial?.loaded ?? 0,
        rejected: partial?.rejected ?? {},
        error: message,
      }).catch((err: unknown) => log.error('could not record the failed run', { error: (err as Error).message }))
      log.error('job failed', { error: message, seconds: (Date.now() - started) / 1000 })
      throw cause
    }
  } finally {
    // The ETL's generation: whatever the job wrote, no cached answer from before it is served (ADR 027).
    if (!loadedNothing) dataChanged()
    await lease.release()
  }
}
