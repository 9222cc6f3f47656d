/**
 * Single-flight: a second run of a job while one is running is refused — inside the process, and across
 * processes through the Postgres advisory lock (on the Postgres server; PGlite is owned by one process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { etlLocks, etlRuns } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { JobBusyError } from '../etl/lock.ts'
import { runJob } from '../etl/runner.ts'
import { startScheduler } from '../etl/scheduler.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
const job = findJob('dossiers')!
const opts = { timeoutMs: 1500, retries: 1, minBackoffMs: 10 }

beforeAll(async () => {
  src = await startSourceServer()
  src.set('dossiers', [dossier({ MaHoSo: 'HS-L1' }), dossier({ MaHoSo: 'HS-L2' })])
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'warn' })
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('one run of a job at a time', () => {
  it('refuses a second run in the same process while the first is running, and shows who holds the job', async () => {
    src.fault({ fault: { kind: 'hang' }, times: 1 }) // the first request hangs until its timeout, then the retry answers
    const first = runJob(s, job, { trigger: 'test', options: opts })
    await new Promise((r) => setTimeout(r, 300))
    const [held] = await s.pg.db.select().from(etlLocks).where(eq(etlLocks.job, 'dossiers'))
    expect(held!.holder).toMatch(new RegExp(`pid ${process.pid}$`))
    const second = await runJob(s, job, { trigger: 'test', options: opts }).catch((e: unknown) => e)
    expect(second).toBeInstanceOf(JobBusyError)
    expect((second as Error).message).toBe('job dossiers is already running (in this process)')
    const done = await first
    expect({ read: done.read, loaded: done.loaded }).toEqual({ read: 2, loaded: 2 })
    expect(await s.pg.db.select().from(etlLocks)).toEqual([]) // released
    // the refused run left no trace in the run log
    expect(await s.pg.db.$count(etlRuns, eq(etlRuns.job, 'dossiers'))).toBe(1)
    const third = await runJob(s, job, { trigger: 'test', options: opts })
    expect(third.read).toBe(2)
  })

  it('the scheduler refuses too', async () => {
    const scheduler = startScheduler(s, undefined, false)
    src.fault({ fault: { kind: 'hang' }, times: 1 })
    const first = scheduler.runNow('dossiers', 'test', { from: new Date(0), to: null }, { options: opts })
    await new Promise((r) => setTimeout(r, 200))
    expect(scheduler.running()).toEqual(['dossiers'])
    await expect(scheduler.runNow('dossiers', 'test')).rejects.toBeInstanceOf(JobBusyError)
    await first
    await scheduler.stop()
  })

  it.runIf(!!process.env.DATABASE_URL)('across processes: the Postgres advisory lock held by another session refuses the run', async () => {
    const { default: postgres } = await import('postgres')
    const other = postgres(s.config.DATABASE_URL!, { max: 1, onnotice: () => {} })
    try {
      await other`select pg_advisory_lock(hashtext('etl:dossiers'))`
      await other`insert into etl_locks (job, holder) values ('dossiers', 'may-chu-2 pid 4242')`
      const runsBefore = await s.pg.db.$count(etlRuns)
      const err = await runJob(s, job, { trigger: 'test', options: opts }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(JobBusyError)
      expect((err as Error).message).toMatch(/^job dossiers is already running \(may-chu-2 pid 4242 since /)
      expect(await s.pg.db.$count(etlRuns)).toBe(runsBefore)
      await other`select pg_advisory_unlock(hashtext('etl:dossiers'))`
      const ok = await runJob(s, job, { trigger: 'test', options: opts })
      expect(ok.read).toBe(2)
      expect(await s.pg.db.select().from(etlLocks)).toEqual([])
    } finally {
      await other.end()
    }
  })
})
