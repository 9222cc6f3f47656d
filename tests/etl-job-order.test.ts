/**
 * The order jobs run in, on real stores and the real scheduler, with jobs that record when they run. The
 * rollups never read a table a load is still writing (before, they could, and failed on half-loaded counts):
 *  - the initial pull at server start (etl/startup.ts) waits for a job a cron tick started first instead of
 *    skipping it, so its rollups at the end see every load complete;
 *  - rollups requested after a load, by their own schedule or directly (CLI, API) wait until no source job is
 *    loading.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobDefinition } from '../etl/job.ts'
import { JobBusyError, startScheduler } from '../etl/scheduler.ts'
import { startInitialPull } from '../etl/startup.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let s: TestStores
beforeAll(async () => {
  s = await openTestStores({ SCHEDULER: 'on', LOG_LEVEL: 'error' })
  s.runtime = { port: 1 } // "listening": the pull starts at once
})
afterAll(async () => s?.dispose())

const NAMES = ['dossiers', 'ratings', 'complaints', 'queue-tickets', 'staffing-snapshot', 'equipment-snapshot', 'rollups']

function recordingJobs(log: string[], slow: Record<string, number>): JobDefinition[] {
  return NAMES.map((name) => ({
    name,
    schedule: '0 0 1 1 *',
    description: name,
    async run(ctx) {
      log.push(`${name} start (${ctx.trigger})`)
      await new Promise((r) => setTimeout(r, slow[name] ?? 5))
      log.push(`${name} end`)
      return { job: name, read: 1, loaded: 1, rejected: {}, watermark: null }
    },
  }))
}

describe('initial pull', () => {
  it('runs every job once, sources first, rollups last', async () => {
    const log: string[] = []
    const scheduler = startScheduler(s, recordingJobs(log, {}), false)
    const report = await startInitialPull({ config: s.config, stores: s, scheduler }).done
    await scheduler.stop()
    expect(log.filter((l) => l.endsWith('(startup)'))).toEqual(NAMES.map((n) => `${n} start (startup)`))
    expect(report!.jobs.map((j) => [j.job, j.loaded, j.error, j.waited])).toEqual(NAMES.map((n) => [n, 1, undefined, undefined]))
  })

  it('waits for a job a cron tick started first; the rollups start after it ended', async () => {
    const log: string[] = []
    const scheduler = startScheduler(s, recordingJobs(log, { dossiers: 600 }), false)
    const tick = scheduler.runNow('dossiers', 'schedule')
    const report = await startInitialPull({ config: s.config, stores: s, scheduler }).done
    await tick
    await scheduler.stop()
    expect(log.indexOf('dossiers end')).toBeLessThan(log.indexOf('ratings start (startup)'))
    // The ticked load asks for rollups too (after:dossiers); whichever rollups run first, started by that request
    // or by the pull (which then waits for it), starts after every source job has ended.
    const firstRollups = log.findIndex((l) => l.startsWith('rollups start'))
    for (const source of ['dossiers', 'ratings', 'complaints', 'queue-tickets'])
      expect(log.indexOf(`${source} end`)).toBeLessThan(firstRollups)
    expect(log.filter((l) => l.startsWith('dossiers start'))).toEqual(['dossiers start (schedule)'])
    const d = report!.jobs.find((j) => j.job === 'dossiers')!
    expect(d).toMatchObject({ waited: true })
    expect(d.error).toBeUndefined()
    expect(d.seconds).toBeGreaterThan(0.4)
    expect(report!.jobs.filter((j) => j.error)).toEqual([])
  })
})

describe('rollups wait for loads', () => {
  it('rollups requested while another source job loads start after it ended; with nothing loading, at once', async () => {
    const log: string[] = []
    const scheduler = startScheduler(s, recordingJobs(log, { dossiers: 700 }), false)
    const load = scheduler.runNow('dossiers', 'schedule')
    await new Promise((r) => setTimeout(r, 50))
    await scheduler.requestRollups('after:ratings')
    await load
    // the dossiers load asks for rollups too when it ends: coalesced with the waiting request, or one more run
    await scheduler.requestRollups('after:complaints')
    expect(log.slice(0, 3)).toEqual(['dossiers start (schedule)', 'dossiers end', 'rollups start (after:ratings)'])
    const t = Date.now()
    log.length = 0
    await scheduler.requestRollups('after:ratings')
    expect(Date.now() - t).toBeLessThan(500)
    expect(log).toEqual(['rollups start (after:ratings)', 'rollups end'])
    await scheduler.stop()
  })

  it('a rollups run asked for directly (CLI or API through the server) during a load starts after it; meanwhile it counts as running', async () => {
    const log: string[] = []
    const scheduler = startScheduler(s, recordingJobs(log, { 'queue-tickets': 600 }), false)
    const load = scheduler.runNow('queue-tickets', 'cli')
    await new Promise((r) => setTimeout(r, 50))
    const rollups = scheduler.runNow('rollups', 'cli')
    await new Promise((r) => setTimeout(r, 50))
    expect(scheduler.running().sort()).toEqual(['queue-tickets', 'rollups'])
    await expect(scheduler.runNow('rollups', 'api')).rejects.toBeInstanceOf(JobBusyError)
    await Promise.all([load, rollups])
    expect(log.slice(0, 4)).toEqual(['queue-tickets start (cli)', 'queue-tickets end', 'rollups start (cli)', 'rollups end'])
    await scheduler.stop()
  })
})

describe('scheduled ticks', () => {
  it('are skipped until the server listens, then run', async () => {
    const log: string[] = []
    const jobs = recordingJobs(log, {})
      .filter((j) => j.name === 'ratings')
      .map((j) => ({ ...j, schedule: '* * * * * *' })) // every second
    const saved = s.runtime
    s.runtime = undefined
    const scheduler = startScheduler(s, jobs, true)
    try {
      await new Promise((r) => setTimeout(r, 2500))
      expect(log).toEqual([])
      s.runtime = saved
      await new Promise((r) => setTimeout(r, 2500))
      expect(log.slice(0, 2)).toEqual(['ratings start (schedule)', 'ratings end'])
    } finally {
      await scheduler.stop()
      s.runtime = saved
    }
  })
})
