/**
 * The initial pull at server start (etl/startup.ts) on real stores and the real scheduler, with jobs that
 * record when they run: a cron tick that started the dossiers job first is waited for, so the rollups at the
 * end never read a half-loaded dossier table (before, the pull skipped the busy job, and the rollups then
 * failed on half-loaded counts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobDefinition } from '../etl/job.ts'
import { startScheduler } from '../etl/scheduler.ts'
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
    expect(log.indexOf('dossiers end')).toBeLessThan(log.indexOf('rollups start (startup)'))
    expect(log.filter((l) => l.startsWith('dossiers start'))).toEqual(['dossiers start (schedule)'])
    const d = report!.jobs.find((j) => j.job === 'dossiers')!
    expect(d).toMatchObject({ waited: true })
    expect(d.error).toBeUndefined()
    expect(d.seconds).toBeGreaterThan(0.4)
    expect(report!.jobs.filter((j) => j.error)).toEqual([])
  })
})
