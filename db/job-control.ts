/**
 * The narrow port through which the dashboard (app/) asks the ETL for work, without importing etl/: list the
 * jobs with their schedules, run one now (a spreadsheet import), request a run that waits its turn (the
 * staffing and equipment snapshots after an edit, a plan's acceptance), and request the rollups.
 *
 * The ETL scheduler implements it (etl/scheduler.ts `jobControl`); the composition root (server.ts, and the
 * CLI or the tests when they own the stores) puts it on the process's stores as `stores.jobs` (ADR 012).
 */
import { dayRangeMs } from './lib/vn-time.ts'
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

export interface JobInfo {
  name: string
  /** The cron expression in force (the job's default or its ETL_SCHEDULE_<NAME> override). */
  schedule: string
  description: string
  /** Jobs that import files: their columns (contract name, Vietnamese title, required before any row is read, type). */
  columns?: ImportColumn[]
}

export interface ImportColumn {
  name: string
  label: string
  required: boolean
  type: string
}

export interface JobRequest {
  window?: JobWindow
  /** Import this file (.xlsx/.csv) instead of pulling from the configured source. */
  file?: string
  /** Run the job's kept rejects of this reason again instead (ADR 035). */
  rejects?: 'unknown_unit'
}

/** A run going on in this process, as its progress callback last said (the data page's live progress). */
export interface LiveRun {
  job: string
  trigger: string
  startedAt: string
  /** Records read so far, and the source's total when it knows it (a file counts its rows first). */
  read: number
  total: number | null
  /** Progress reports so far (about one per source page). */
  pages: number
}

export interface JobControl {
  list(): JobInfo[]
  /** The run of `name` going on in this process, or null. */
  live(name: string): LiveRun | null
  /** Runs a job now; refuses with a JobBusyError when it is already running. */
  run(name: string, trigger: string, request?: JobRequest): Promise<JobSummary>
  /** Runs a job once it is free (waits for a run already going), and resolves with that run's summary. */
  request(name: string, trigger: string, request?: JobRequest): Promise<JobSummary>
  /** Asks for a rollups run (coalesced); resolves when the rollups it triggered have finished. */
  requestRollups(trigger: string): Promise<void>
}

export class JobBusyError extends Error {
  constructor(
    readonly job: string,
    readonly holder?: string,
  ) {
    super(`job ${job} is already running${holder ? ` (${holder})` : ''}`)
    this.name = 'JobBusyError'
  }
}

/**
 * By name, not `instanceof`: the Remix server bundle and the server process each load their own copy of this
 * module, so an error thrown by the scheduler is not an instance of the route's class.
 */
export function isJobBusy(e: unknown): e is JobBusyError {
  return e instanceof Error && e.name === 'JobBusyError'
}

/** The job control of the process that owns `stores`; throws when no scheduler was attached to them. */
export function jobControl(stores: { jobs?: JobControl }): JobControl {
  if (!stores.jobs) throw new Error('no ETL scheduler is attached to the stores (the server attaches it at start)')
  return stores.jobs
}

/** The window of whole Asia/Ho_Chi_Minh days `fromDay` … `toDay` (YYYY-MM-DD, inclusive). */
export function dayWindow(fromDay: string, toDay: string): JobWindow {
  const r = dayRangeMs(fromDay, toDay)
  return { from: new Date(r.from), to: new Date(r.to) }
}
