/** What every ETL job is: a named handler that takes a typed window and returns a summary. */
import type { Stores } from '../db/stores.ts'

export interface JobWindow {
  /** Inclusive lower bound (source `updated_since`), or null for "from the watermark". */
  from: Date | null
  /** Exclusive upper bound, or null for "up to now". */
  to: Date | null
}

export interface JobSummary {
  job: string
  read: number
  loaded: number
  rejected: Record<string, number>
  watermark: string | null
  [extra: string]: unknown
}

export interface JobContext {
  stores: Stores
  window: JobWindow
  /** 'schedule' | 'cli' | 'api' | 'after:<job>' */
  trigger: string
  /** Optional progress callback (the CLI draws a bar with it). */
  progress?: (done: number, total: number | null) => void
  signal?: AbortSignal
}

export interface JobDefinition {
  name: string
  /** Default cron expression (Asia/Ho_Chi_Minh); overridable by ETL_SCHEDULE_<NAME>. */
  schedule: string
  description: string
  run(ctx: JobContext): Promise<JobSummary>
}
