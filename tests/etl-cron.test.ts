/**
 * One cron library (croner, db/lib/cron.ts) for the scheduler's ticks and the freshness banner. An override such
 * as `0 7 * * MON-FRI` (valid cron, which the old hand parser threw on, breaking the banner on every page) works
 * in both; a tick hands its scheduled time to the job, which computes its window from it; a tick that finds its
 * job running is caught up when the run ends. Fake time: no waiting for the clock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { everyTick, nextFire, previousFire } from '../db/lib/cron.ts'
import { assessFreshness, parseCron } from '../app/lib/freshness.ts'
import type { JobDefinition } from '../etl/job.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { scheduleFor, startScheduler } from '../etl/scheduler.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const WEEKDAYS_7AM = '0 7 * * MON-FRI'
// Friday 27 November 2026, 07:00 in Hồ Chí Minh City = 00:00 UTC; the next weekday 07:00 is Monday the 30th.
const FRI_7 = '2026-11-27T00:00:00.000Z'
const MON_7 = '2026-11-30T00:00:00.000Z'

describe('MON-FRI', () => {
  it('is accepted as an ETL_SCHEDULE_ override and fires on weekdays at 07:00 Asia/Ho_Chi_Minh', () => {
    const job = findJob('rollups-recent')!
    expect(scheduleFor(job, { ETL_SCHEDULE_ROLLUPS_RECENT: WEEKDAYS_7AM })).toBe(WEEKDAYS_7AM)
    expect(() => scheduleFor(job, { ETL_SCHEDULE_ROLLUPS_RECENT: '0 7 * * FUNDAY' })).toThrow(/ETL_SCHEDULE_ROLLUPS_RECENT: invalid cron/)
    expect(nextFire(WEEKDAYS_7AM, new Date('2026-11-28T03:00:00Z'))?.toISOString()).toBe(MON_7) // from Saturday 10:00
    expect(previousFire(WEEKDAYS_7AM, new Date('2026-11-29T05:00:00Z'))?.toISOString()).toBe(FRI_7) // from Sunday 12:00
    expect(parseCron(WEEKDAYS_7AM).matches(new Date(MON_7))).toBe(true)
  })

  it('in the freshness banner: a weekday job that ran Friday is not late on Sunday, and is late on Monday noon if it did not run', () => {
    const job = { name: 'rollups-recent', schedule: WEEKDAYS_7AM }
    const friday = new Date('2026-11-27T00:00:04Z')
    const sunday = assessFreshness(job, friday, { at: friday, status: 'ok' }, new Date('2026-11-29T05:00:00Z'))
    expect(sunday).toMatchObject({ expectedSince: FRI_7, late: false })
    const monday = assessFreshness(job, friday, { at: friday, status: 'ok' }, new Date('2026-11-30T05:00:00Z'))
    expect(monday).toMatchObject({ expectedSince: MON_7, late: true })
  })
})

describe('ticks on fake time', () => {
  afterEach(() => vi.useRealTimers())
  it('each tick carries the time it was scheduled for: Friday 07:00, then Monday 07:00', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    vi.setSystemTime(new Date('2026-11-26T23:59:50Z')) // Friday 06:59:50
    const ticks: string[] = []
    const t = everyTick(WEEKDAYS_7AM, (at) => ticks.push(at.toISOString()))
    try {
      await vi.advanceTimersByTimeAsync(20_000) // Friday 07:00:10
      vi.setSystemTime(new Date('2026-11-29T13:00:00Z')) // Sunday 20:00 (nextFire above: no weekend fire)
      await vi.advanceTimersByTimeAsync(11 * 3_600_000 + 20_000) // Monday 07:00:20
    } finally {
      t.stop()
    }
    expect(ticks).toEqual([FRI_7, MON_7])
  })
})

describe('jobs run for their scheduled time', () => {
  let s: TestStores
  beforeAll(async () => {
    s = await openTestStores({ LOG_LEVEL: 'error' })
    s.runtime = { port: 1 }
  })
  afterAll(async () => s?.dispose())

  it('rollups-recent computes its 60 days from the scheduled time, not from now', async () => {
    // The 00:30 tick of 11 March 2026 (17:30 UTC on the 10th), run today.
    const summary = await runJob(s, findJob('rollups-recent')!, { trigger: 'schedule', scheduledAt: new Date('2026-03-10T17:30:00Z') })
    expect(summary).toMatchObject({ job: 'rollups-recent', fromDay: '2026-01-10', toDay: '2026-03-11' })
  })

  it('a tick that finds its job running is not lost: the job runs again for the latest such tick', async () => {
    const seen: string[] = []
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const job: JobDefinition = {
      name: 'probe',
      schedule: '*/5 * * * *',
      description: 'probe',
      async run(ctx) {
        seen.push(ctx.scheduledAt!.toISOString())
        if (seen.length === 1) await held
        return { job: 'probe', read: 0, loaded: 0, rejected: {}, watermark: null }
      },
    }
    const scheduler = startScheduler(s, [job], false)
    try {
      const first = scheduler.tick('probe', new Date('2026-03-02T01:00:00Z'))
      while (!scheduler.running().includes('probe')) await Promise.resolve()
      await scheduler.tick('probe', new Date('2026-03-02T01:05:00Z')) // busy: remembered
      await scheduler.tick('probe', new Date('2026-03-02T01:10:00Z')) // busy: replaces the 01:05 one
      release()
      await first
      await scheduler.whenIdle(['probe'])
      while (seen.length < 2 || scheduler.running().length) await new Promise((r) => setImmediate(r))
      expect(seen).toEqual(['2026-03-02T01:00:00.000Z', '2026-03-02T01:10:00.000Z'])
    } finally {
      await scheduler.stop()
    }
  })
})
