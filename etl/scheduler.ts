/**
 * node-cron inside the server process (one process owns the embedded stores). Each job runs
 * single-flight: a scheduled tick that finds the job still running is skipped.
 */
import cron, { type ScheduledTask } from 'node-cron'
import type { Stores } from '../db/stores.ts'
import type { JobDefinition, JobSummary } from './job.ts'
import { jobs as registry } from './jobs/index.ts'

export interface Scheduler {
  stop(): Promise<void>
  /** Runs a job now (CLI via the server, API); refuses if it is already running. */
  runNow(name: string, trigger: string, window?: { from: Date | null; to: Date | null }): Promise<JobSummary>
  running(): string[]
}

export class JobBusyError extends Error {
  constructor(readonly job: string) {
    super(`job ${job} is already running`)
  }
}

export function scheduleFor(job: JobDefinition, env: Record<string, string | undefined> = process.env): string {
  const override = env[`ETL_SCHEDULE_${job.name.toUpperCase().replace(/-/g, '_')}`]
  const expr = override?.trim() || job.schedule
  if (!cron.validate(expr)) throw new Error(`ETL_SCHEDULE_${job.name.toUpperCase()}: invalid cron expression "${expr}"`)
  return expr
}

export function startScheduler(stores: Stores, jobs: JobDefinition[] = registry, enabled = true): Scheduler {
  const busy = new Set<string>()
  const tasks: ScheduledTask[] = []

  async function runNow(name: string, trigger: string, window = { from: null, to: null }): Promise<JobSummary> {
    const job = jobs.find((j) => j.name === name)
    if (!job) throw new Error(`unknown job ${name}`)
    if (busy.has(name)) throw new JobBusyError(name)
    busy.add(name)
    try {
      return await job.run({ stores, window, trigger })
    } finally {
      busy.delete(name)
    }
  }

  if (enabled)
    for (const job of jobs) {
      const task = cron.schedule(
        scheduleFor(job),
        async () => {
          if (busy.has(job.name)) return
          try {
            const s = await runNow(job.name, 'schedule')
            console.log(JSON.stringify({ level: 'info', msg: 'job finished', job: job.name, read: s.read, loaded: s.loaded, rejected: s.rejected }))
          } catch (e) {
            if (!(e instanceof JobBusyError)) console.error(JSON.stringify({ level: 'error', msg: 'job failed', job: job.name, error: (e as Error).message }))
          }
        },
        { timezone: 'Asia/Ho_Chi_Minh', name: job.name, noOverlap: true },
      )
      tasks.push(task)
    }

  return {
    async stop() {
      for (const t of tasks) await t.stop()
      for (const t of tasks) await t.destroy()
      // Let running jobs finish (bounded) so no half-written run is left behind.
      const deadline = Date.now() + 15_000
      while (busy.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    },
    runNow,
    running: () => [...busy],
  }
}
