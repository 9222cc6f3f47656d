/**
 * Single-flight per job: never two runs of one job at a time.
 *
 * - Inside the process: a set of running job names on globalThis (the scheduler, the control endpoint and
 *   a CLI run in the same process all share it).
 * - Across processes (two servers on one Postgres server): a session-level Postgres advisory lock
 *   `pg_try_advisory_lock(hashtext('etl:' || job))`, taken on a connection reserved for the run, so it is
 *   released when the run ends or, if the process dies, when its connection drops — no stale lock.
 *   Embedded PGlite is owned by one process (DATA_DIR/owner.lock), so the in-process set is the lock there.
 * - `etl_locks` says who holds each job (host, pid, since) for people and error messages; it is not the
 *   lock itself.
 */
import os from 'node:os'
import { and, eq } from 'drizzle-orm'
import type { Stores } from '../db/stores.ts'
import { etlLocks } from '../db/pg/schema/index.ts'
import { JobBusyError } from '../db/job-control.ts'

export { JobBusyError }

const g = globalThis as unknown as { __motCuaEtlRunning?: Set<string> }
const running = (g.__motCuaEtlRunning ??= new Set<string>())

/** Jobs running in this process. */
export function runningJobs(): string[] {
  return [...running]
}

export interface JobLease {
  holder: string
  release(): Promise<void>
}

interface Reserved {
  <T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>
  release(): void
}

async function holderOf(stores: Stores, job: string): Promise<string | undefined> {
  const [row] = await stores.pg.db.select().from(etlLocks).where(eq(etlLocks.job, job))
  return row ? `${row.holder} since ${row.acquiredAt.toISOString()}` : undefined
}

export async function acquireJobLock(stores: Stores, job: string): Promise<JobLease> {
  if (running.has(job)) throw new JobBusyError(job, 'in this process')
  running.add(job)
  const holder = `${os.hostname()} pid ${process.pid}`
  let reserved: Reserved | null = null
  try {
    if (stores.pg.kind === 'postgres') {
      const client = (stores.pg.db as unknown as { $client: { reserve(): Promise<Reserved> } }).$client
      reserved = await client.reserve()
      const [row] = await reserved<{ ok: boolean }>`select pg_try_advisory_lock(hashtext(${'etl:' + job})) as ok`
      if (!row?.ok) {
        reserved.release()
        reserved = null
        throw new JobBusyError(job, (await holderOf(stores, job)) ?? 'another process')
      }
    }
    await stores.pg.db
      .insert(etlLocks)
      .values({ job, holder, acquiredAt: new Date() })
      .onConflictDoUpdate({ target: etlLocks.job, set: { holder, acquiredAt: new Date() } })
  } catch (e) {
    if (reserved) {
      await reserved`select pg_advisory_unlock(hashtext(${'etl:' + job}))`.catch(() => {})
      reserved.release()
    }
    running.delete(job)
    throw e
  }
  const r = reserved
  return {
    holder,
    async release() {
      try {
        await stores.pg.db.delete(etlLocks).where(and(eq(etlLocks.job, job), eq(etlLocks.holder, holder)))
        if (r) await r`select pg_advisory_unlock(hashtext(${'etl:' + job}))`
      } finally {
        r?.release()
        running.delete(job)
      }
    },
  }
}
