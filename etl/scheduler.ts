/**
 * Cron ticks (croner, db/lib/cron.ts) inside the server process (one process owns the embedded stores). The
 * scheduler only decides *when*; `runJob` (etl/runner.ts) runs a job single-flight and records it. Each run
 * started by a tick receives its scheduled time (`scheduledAt`), so a job computes its window from the time it
 * was due, not from when it got to run. A tick that finds its job still running is not lost: the job runs
 * once more for the latest such tick when the current run ends (ticks before the server listens are skipped:
 * the initial pull runs every job once it does).
 *
 * After a source job (dossiers, ratings, complaints, queue tickets) loads rows, the `rollups` job is
 * triggered; requests that arrive while it runs are coalesced into one more run.
 *
 * The rollups (triggered, scheduled, or asked for by the CLI or the API) start only when no source job of this
 * process is loading:
 * rollups that read a table while a load is still writing it compute counts from two states of the data,
 * which can fail a 766 metric (a negative count) or open alerts on half a day. The load that was running
 * triggers them again when it ends.
 */
import { everyTick, isValidCron, type Ticking } from '../db/lib/cron.ts'
import type { ImportColumn, JobControl, JobRequest, LiveRun } from '../db/job-control.ts'
import { CONTRACTS, requiredFields, type Contract } from './contract/index.ts'
import type { Stores } from '../db/stores.ts'
import type { JobDefinition, JobSource, JobSummary, PullOptions } from './job.ts'
import { jobs as registry } from './jobs/index.ts'
import { JobBusyError } from './lock.ts'
import { createLogger } from './log.ts'
import { runJob } from './runner.ts'

export { JobBusyError }

/** Jobs whose loads change what the rollups show. */
export const SOURCE_JOBS = ['dossiers', 'dvcqg-push', 'ratings', 'complaints', 'queue-tickets'] as const
/** Jobs that read what the source jobs load: they wait until no source job is loading. */
export const ROLLUP_JOBS = ['rollups', 'rollups-recent'] as const

export interface RunExtras {
  source?: JobSource
  options?: PullOptions
  progress?: (done: number, total: number | null) => void
  /** The tick's scheduled time (scheduled runs). */
  scheduledAt?: Date
}

export interface Scheduler {
  stop(): Promise<void>
  /**
   * Runs a job now (CLI via the server, API); refuses (JobBusyError) if it is already running. A rollups job
   * first waits until no source job is loading (it counts as running meanwhile).
   */
  runNow(name: string, trigger: string, window?: { from: Date | null; to: Date | null }, extras?: RunExtras): Promise<JobSummary>
  running(): string[]
  /** The progress of the run of `name` going on, or null. */
  live(name: string): LiveRun | null
  /**
   * What a cron tick does: runs the job for its scheduled time; if it is running, remembers the tick and runs
   * it when that run ends. Skipped before the server listens.
   */
  tick(name: string, scheduledAt: Date): Promise<void>
  /** Resolves once none of `names` is running in this process (or the scheduler stops). */
  whenIdle(names: readonly string[]): Promise<void>
  /** Asks for a rollups run (coalesced); resolves when the rollups it triggered have finished. */
  requestRollups(trigger: string): Promise<void>
  jobs: JobDefinition[]
}

export function scheduleFor(job: JobDefinition, env: Record<string, string | undefined> = process.env): string {
  const override = env[`ETL_SCHEDULE_${job.name.toUpperCase().replace(/-/g, '_')}`]
  const expr = override?.trim() || job.schedule
  if (!isValidCron(expr)) throw new Error(`ETL_SCHEDULE_${job.name.toUpperCase().replace(/-/g, '_')}: invalid cron expression "${expr}"`)
  return expr
}

/** A run's live progress (the data page follows it), fed by the job's progress callback, which it passes on. */
function liveProgress(job: string, trigger: string, onward?: (done: number, total: number | null) => void) {
  const progress: LiveRun = { job, trigger, startedAt: new Date().toISOString(), read: 0, total: null, pages: 0 }
  const report = (done: number, total: number | null) => {
    Object.assign(progress, { read: done, total: total ?? progress.total, pages: progress.pages + 1 })
    onward?.(done, total)
  }
  return { progress, report }
}

export function startScheduler(stores: Stores, jobs: JobDefinition[] = registry, enabled = true): Scheduler {
  const busy = new Map<string, AbortController>()
  const live = new Map<string, LiveRun>()
  const ticking: Ticking[] = []
  /** The latest tick of each job that found it running: run when that run ends. */
  const missed = new Map<string, Date>()
  const log = createLogger({ level: stores.config.LOG_LEVEL })
  let stopped = false
  let rollupsWanted: string | null = null
  let rollupsLoop: Promise<void> | null = null

  async function runNow(
    name: string,
    trigger: string,
    window = { from: null as Date | null, to: null as Date | null },
    extras: RunExtras = {},
  ): Promise<JobSummary> {
    const job = jobs.find((j) => j.name === name)
    if (!job) throw new Error(`unknown job ${name}`)
    if (stopped) throw new Error('the scheduler is stopping')
    if (busy.has(name)) throw new JobBusyError(name, 'in this process')
    const controller = new AbortController()
    busy.set(name, controller)
    const { progress, report } = liveProgress(name, trigger, extras.progress)
    live.set(name, progress)
    try {
      if ((ROLLUP_JOBS as readonly string[]).includes(name)) {
        await whenIdle(SOURCE_JOBS)
        if (stopped) throw new Error('the scheduler is stopping')
      }
      const summary = await runJob(stores, job, { trigger, window, signal: controller.signal, log, ...extras, progress: report })
      // The start-up pull runs rollups once at its end (etl/startup.ts) instead of after each source.
      if ((SOURCE_JOBS as readonly string[]).includes(name) && summary.loaded > 0 && trigger !== 'startup')
        void requestRollups(`after:${name}`)
      return summary
    } finally {
      busy.delete(name)
      live.delete(name)
      const due = missed.get(name)
      if (due && !stopped) {
        missed.delete(name)
        void tick(job, due)
      }
    }
  }

  /** A cron tick of `job` for its scheduled time `scheduledAt`. */
  async function tick(job: JobDefinition, scheduledAt: Date): Promise<void> {
    // Not before the server listens: the built-in simulator is served by this process (a tick on the
    // minute of start-up met a refused connection), and the initial pull runs every job once it does.
    if (!stores.runtime?.port || stopped) return
    if (busy.has(job.name)) return void missed.set(job.name, scheduledAt)
    try {
      await runNow(job.name, 'schedule', undefined, { scheduledAt })
    } catch (e) {
      if (!(e instanceof JobBusyError) && !stopped) log.error('scheduled job failed', { job: job.name, error: (e as Error).message })
    }
  }

  async function whenIdle(names: readonly string[]): Promise<void> {
    while (!stopped && names.some((j) => busy.has(j))) await new Promise((r) => setTimeout(r, 100).unref())
  }

  function requestRollups(trigger: string): Promise<void> {
    if (!jobs.some((j) => j.name === 'rollups')) return Promise.resolve()
    rollupsWanted = trigger
    rollupsLoop ??= (async () => {
      while (rollupsWanted && !stopped) {
        const t: string = rollupsWanted
        rollupsWanted = null
        try {
          await runNow('rollups', t)
        } catch (e) {
          if (e instanceof JobBusyError) {
            rollupsWanted ??= t // running elsewhere in this process: try again shortly
            await new Promise((r) => setTimeout(r, 2000))
          } else if (!stopped) log.error('rollups after load failed', { job: 'rollups', trigger: t, error: (e as Error).message })
        }
      }
    })().finally(() => {
      rollupsLoop = null
    })
    return rollupsLoop
  }

  if (enabled) for (const job of jobs) ticking.push(everyTick(scheduleFor(job), (at) => void tick(job, at), job.name))

  return {
    async stop() {
      stopped = true
      for (const t of ticking) t.stop()
      // Running jobs stop at their next page; the run is recorded as failed and its watermark is unchanged.
      for (const c of busy.values()) c.abort(new Error('server stopping'))
      const deadline = Date.now() + 15_000
      while (busy.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    },
    runNow,
    running: () => [...busy.keys()],
    live: (name) => (live.has(name) ? { ...live.get(name)! } : null),
    tick: async (name, scheduledAt) => {
      const job = jobs.find((j) => j.name === name)
      if (!job) throw new Error(`unknown job ${name}`)
      await tick(job, scheduledAt)
    },
    whenIdle,
    requestRollups,
    jobs,
  }
}

/** The columns of a job that imports files (its contract's fields), for the template and the reject reasons. */
function importColumns(job: string): ImportColumn[] | undefined {
  const c = (CONTRACTS as Record<string, Contract>)[job]
  if (!c) return undefined
  const required = new Set(requiredFields(c).map((f) => f.name))
  return c.fields.map((f) => ({ name: f.name, label: f.headers[0] ?? f.name, required: required.has(f.name), type: f.type }))
}

/** How long `request` keeps waiting for a job that another run holds before giving up. */
const REQUEST_PATIENCE_MS = 120_000

/** The scheduler as the dashboard sees it (db/job-control.ts): the composition root attaches it to the stores. */
export function jobControl(scheduler: Scheduler): JobControl {
  const extras = (r: JobRequest): RunExtras => (r.file ? { source: { file: r.file } } : r.rejects ? { source: { rejects: r.rejects } } : {})
  return {
    live: (name) => scheduler.live(name),
    list: () =>
      scheduler.jobs.map((j) => ({ name: j.name, schedule: scheduleFor(j), description: j.description, columns: importColumns(j.name) })),
    run: (name, trigger, r = {}) => scheduler.runNow(name, trigger, r.window, extras(r)),
    async request(name, trigger, r = {}) {
      const deadline = Date.now() + REQUEST_PATIENCE_MS
      for (;;) {
        await scheduler.whenIdle([name])
        try {
          return await scheduler.runNow(name, trigger, r.window, extras(r))
        } catch (e) {
          // Held by a run this scheduler does not know of (the CLI's, another scheduler's): wait and try again.
          if (!(e instanceof JobBusyError) || Date.now() > deadline) throw e
          await new Promise((res) => setTimeout(res, 250))
        }
      }
    },
    requestRollups: (trigger) => scheduler.requestRollups(trigger),
  }
}
