/**
 * Real engines for tests: chDB in memory, and PGlite in memory — or, when DATABASE_URL is set (CI's
 * second pass), a fresh database on that Postgres server, dropped afterwards. Every test file gets its
 * own stores (vitest runs each file in its own forked process).
 */
import crypto from 'node:crypto'
import { loadConfig, type Config } from '../../db/config.ts'
import { openClickHouse } from '../../db/clickhouse/client.ts'
import { openPg } from '../../db/pg/client.ts'
import { prepareStores, setStores, type Stores } from '../../db/stores.ts'
import { startScheduler } from '../../etl/scheduler.ts'
import { attachScheduler, registerRollupSteps } from '../../server.wiring.ts'

export interface TestStores extends Stores {
  /** Closes both stores and drops the temporary Postgres database. */
  dispose(): Promise<void>
}

/** A fresh, empty database on the Postgres server named by `url`; returns its URL and a drop function. */
export async function freshPgDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: postgres } = await import('postgres')
  const name = `mck_test_${crypto.randomBytes(6).toString('hex')}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  await admin.end()
  const u = new URL(url)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} })
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

export async function openTestStores(env: Record<string, string> = {}): Promise<TestStores> {
  const serverUrl = process.env.DATABASE_URL
  const db = serverUrl ? await freshPgDatabase(serverUrl) : null
  const config: Config = loadConfig({ DATA_DIR: '/tmp/mck-test-unused', SCHEDULER: 'off', ...env, ...(db ? { DATABASE_URL: db.url } : {}) })
  const pg = await openPg({ url: db?.url, dataDir: 'memory://' })
  const ch = await openClickHouse({ database: config.CLICKHOUSE_DATABASE, dataDir: ':memory:' })
  const stores = await prepareStores({ pg, ch, lock: null, config })
  // Wired as server.ts wires the process: alerts after rollups, the dashboard's job control (no cron ticks).
  registerRollupSteps()
  attachScheduler(stores, startScheduler(stores, undefined, false))
  setStores(stores)
  return {
    ...stores,
    async dispose() {
      await Promise.allSettled([ch.close(), pg.close()])
      await db?.drop()
    },
  }
}
