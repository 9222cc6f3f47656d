/**
 * The first pull at server start, so the dashboard has data without waiting for the first cron tick:
 * once the server is listening (the built-in simulator is served by this same process), run every source
 * job, then the staffing and equipment snapshots, then the rollups once. Runs in the background; start-up
 * is not blocked. Skipped when SCHEDULER=off (tests, a read-only replica).
 *
 * On a fresh data directory the staffing snapshot is backfilled from the first dossier day, so load per
 * officer has a history as long as the dossiers'.
 *
 * A job a cron tick started first (the server came up on the minute of its schedule) is not skipped: the
 * initial pull waits for that run to end before going on, so the rollups at the end never read a dossier
 * table that is still filling (they failed on such half-loaded counts before).
 */
import { z } from 'zod'
import type { Config } from '../db/config.ts'
import type { Stores } from '../db/stores.ts'
import { vnMidnight } from '../db/lib/vn-time.ts'
import { createLogger } from './log.ts'
import { JobBusyError, SOURCE_JOBS, type Scheduler } from './scheduler.ts'

export interface InitialPullReport {
  seconds: number
  /** `waited`: the job was already running (a cron tick), and the pull waited for that run instead. */
  jobs: { job: string; seconds: number; read?: number; loaded?: number; waited?: true; error?: string }[]
}

const FirstDay = z.object({ first: z.string().nullable(), n: z.coerce.number() })

async function staffingBackfillFrom(stores: Stores): Promise<Date | null> {
  const has = await stores.ch.client.query({
    query: 'SELECT count() AS n, NULL AS first FROM staffing_daily',
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: 'etl:startup' },
  })
  if (z.array(FirstDay).parse(await has.json())[0]!.n > 0) return null
  const rs = await stores.ch.client.query({
    query: 'SELECT toString(min(toDate(coalesce(received_at, submitted_at, updated_at)))) AS first, count() AS n FROM dossiers',
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: 'etl:startup' },
  })
  const row = z.array(FirstDay).parse(await rs.json())[0]!
  return row.n > 0 && row.first ? new Date(vnMidnight(row.first)) : null
}

async function waitForPort(stores: Stores, signal: { stopped: boolean }, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!stores.runtime?.port) {
    if (signal.stopped || Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 100).unref())
  }
  return true
}

/** Starts the initial pull in the background; `done` resolves with what ran and how long it took. */
export function startInitialPull(ctx: { config: Config; stores: Stores; scheduler: Scheduler }): {
  done: Promise<InitialPullReport | null>
  cancel(): void
} {
  const state = { stopped: false }
  const log = createLogger({ level: ctx.config.LOG_LEVEL })
  const done = (async (): Promise<InitialPullReport | null> => {
    if (ctx.config.SCHEDULER !== 'on') return null
    if (!(await waitForPort(ctx.stores, state))) return null
    const t0 = Date.now()
    const report: InitialPullReport = { seconds: 0, jobs: [] }
    const names = new Set(ctx.scheduler.jobs.map((j) => j.name))
    const run = async (job: string, window = { from: null as Date | null, to: null as Date | null }) => {
      if (state.stopped || !names.has(job)) return
      const t = Date.now()
      try {
        const s = await ctx.scheduler.runNow(job, 'startup', window)
        report.jobs.push({ job, seconds: (Date.now() - t) / 1000, read: s.read, loaded: s.loaded })
      } catch (e) {
        // Busy in another process (its Postgres lock): that server's run is not ours to wait for.
        if (!(e instanceof JobBusyError) || !ctx.scheduler.running().includes(job))
          return void report.jobs.push({ job, seconds: (Date.now() - t) / 1000, error: (e as Error).message })
        await ctx.scheduler.whenIdle([job])
        report.jobs.push({ job, seconds: (Date.now() - t) / 1000, waited: true })
      }
    }
    log.info('initial pull started', { job: 'startup' })
    for (const job of SOURCE_JOBS) await run(job)
    const from = await staffingBackfillFrom(ctx.stores).catch(() => null)
    await run('staffing-snapshot', { from, to: null })
    await run('equipment-snapshot')
    await run('rollups')
    report.seconds = (Date.now() - t0) / 1000
    log.info('initial pull finished', { job: 'startup', ...report })
    return report
  })()
  return {
    done,
    cancel: () => {
      state.stopped = true
    },
  }
}
