/** What every ETL job is: a named handler that takes a typed window and returns a summary. */
import type { JobWindow, JobSummary } from '../db/job-control.ts'
import type { Stores } from '../db/stores.ts'
import type { Logger } from './log.ts'

export type { JobWindow, JobSummary }

export interface JobContext {
  stores: Stores
  window: JobWindow
  /** 'schedule' | 'cli' | 'api' | 'edit' | 'import' | 'after:<job>' */
  trigger: string
  /** Optional progress callback (the CLI draws a bar with it). */
  progress?: (done: number, total: number | null) => void
  signal?: AbortSignal
  /** The `etl_runs` row of this run (set by the runner). */
  runId?: number
  /** Structured logger with { job, runId, window } (set by the runner). */
  log?: Logger
  /** Pull from another HTTP base URL or import a file (.xlsx/.csv) instead of the configured source. */
  source?: JobSource
  /** Tuning, mostly for tests and the benchmark. */
  options?: PullOptions
  /**
   * When the run was due: a cron tick's scheduled time, else when it started. A job that computes a window
   * "up to now" computes it from this, so a late or caught-up tick covers the days it was due for.
   */
  scheduledAt?: Date
}

export interface JobSource {
  url?: string
  file?: string
  /** Read the job's kept rejects of this reason again (ADR 035: after IT mapped unknown units). */
  rejects?: 'unknown_unit'
}

export interface PullOptions {
  /** Rows per ClickHouse insert (default 50,000). */
  batchRows?: number
  /** Items per source page (default 5,000). */
  pageSize?: number
  /** Re-read this much before the watermark for late updates (default 10 min). */
  overlapMs?: number
  timeoutMs?: number
  retries?: number
  minBackoffMs?: number
  maxBackoffMs?: number
  /** false: every record through the JS path, even where the fast lane applies (ADR 011; tests, comparisons). */
  fastLane?: boolean
  /** 'file' (INSERT … SELECT FROM file(), chDB default) or 'stream' (HTTP body, server default). */
  insertMode?: 'file' | 'stream'
  /** Source pages one run may read (default ETL_MAX_PAGES). */
  maxPages?: number
  /** How long one run may take, in ms (default ETL_RUN_TIME_LIMIT). */
  timeLimitMs?: number
  /** Bytes of one source page (default ETL_MAX_PAGE_BYTES). */
  maxPageBytes?: number
  /** Bytes of this process's ETL scratch files (default ETL_SCRATCH_MAX_BYTES). */
  scratchMaxBytes?: number
}

export interface JobDefinition {
  name: string
  /** Default cron expression (Asia/Ho_Chi_Minh); overridable by ETL_SCHEDULE_<NAME>. */
  schedule: string
  description: string
  run(ctx: JobContext): Promise<JobSummary>
}
