/**
 * Real engines for tests: chDB in memory, and PGlite in memory — or, when DATABASE_URL is set (CI's
 * second pass), a database of its own on that Postgres server, dropped afterwards. Every test file gets
 * its own stores (vitest runs each file in its own forked process). Postgres starts as a copy of the run's
 * seed (migrated, reference data loaded: tests/support/seed.ts, ADR 015) unless `fresh` asks for an empty
 * one that the production path migrates and seeds from scratch.
 */
import { loadConfig, type Config } from '../../db/config.ts'
import { openClickHouse } from '../../db/clickhouse/client.ts'
import { openPg } from '../../db/pg/client.ts'
import { prepareStores, setStores, type Stores } from '../../db/stores.ts'
import { startScheduler } from '../../etl/scheduler.ts'
import { attachScheduler, registerRollupSteps } from '../../server.wiring.ts'
import { freshPgDatabase, openSeededPglite, seededPgDatabase } from './seed.ts'

export { freshPgDatabase }

export interface TestStores extends Stores {
  /** Closes both stores and drops the temporary Postgres database. */
  dispose(): Promise<void>
}

export interface TestStoreOptions {
  /** Start Postgres empty, so opening the stores runs every migration and loads the reference data (the store tests). */
  fresh?: boolean
}

export async function openTestStores(env: Record<string, string> = {}, opts: TestStoreOptions = {}): Promise<TestStores> {
  const serverUrl = process.env.DATABASE_URL
  const db = serverUrl ? await (opts.fresh ? freshPgDatabase(serverUrl) : seededPgDatabase(serverUrl)) : null
  const config: Config = loadConfig({
    DATA_DIR: '/tmp/mck-test-unused',
    SCHEDULER: 'off',
    MAX_QUEUE_WAIT: '5m',
    ...env,
    ...(db ? { DATABASE_URL: db.url } : {}),
  })
  const pg = db ? await openPg({ url: db.url }) : opts.fresh ? await openPg({ dataDir: 'memory://' }) : await openSeededPglite()
  const ch = await openClickHouse({ database: config.CLICKHOUSE_DATABASE, dataDir: ':memory:' })
  // On a seeded copy the Postgres steps find their work done (as a restarted server does); ClickHouse is migrated here.
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
