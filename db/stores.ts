/**
 * The process's two stores, opened once. Kept on globalThis because in development the server entry
 * and Vite's SSR graph each load their own copy of this module; there must be one chDB and one PGlite.
 */
import path from 'node:path'
import type { Config } from './config.ts'
import type { JobControl } from './job-control.ts'
import { openClickHouse, type ChStore } from './clickhouse/client.ts'
import { appliedChMigrations, migrateClickHouse } from './clickhouse/migrate.ts'
import { configureQueryRuntime } from './clickhouse/query-runtime.ts'
import { acquireLock, type DataDirLock } from './lock.ts'
import { appliedPgMigrations, migratePg, openPg, type PgStore } from './pg/client.ts'
import { loadDefaults } from './seed/defaults.ts'
import { loadReference } from './seed/reference.ts'
import { rebuildWorkdays } from './seed/workdays.ts'
import { provinceCommunes } from './pg/reads/communes.ts'
import { currentProvince, storesInProvince } from './province-view.ts'

export interface Stores {
  pg: PgStore
  ch: ChStore
  lock: DataDirLock | null
  config: Config
  /** Facts known only once the server runs (its port, hence the built-in simulator's URL). */
  runtime?: { port?: number }
  /** The ETL's job control, attached by the composition root once the scheduler runs (db/job-control.ts). */
  jobs?: JobControl
}

/** The TTHC source to pull from: TTHC_SOURCE_URL, or the simulator served by this process under /sim. */
export function sourceUrl(s: Stores): string {
  if (s.config.TTHC_SOURCE_URL) return s.config.TTHC_SOURCE_URL
  const port = s.runtime?.port ?? s.config.PORT
  return `http://127.0.0.1:${port}/sim`
}

const g = globalThis as unknown as { __motCuaStores?: Promise<Stores> }

/** Opens and migrates both stores and loads reference data. Idempotent within a process. */
export function openStores(config: Config): Promise<Stores> {
  g.__motCuaStores ??= open(config).catch((e) => {
    g.__motCuaStores = undefined
    throw e
  })
  return g.__motCuaStores
}

/**
 * The stores opened by `openStores`, as the running request sees them (a national deployment narrowed to
 * the request's province, db/province-view.ts); throws if the process has not opened them.
 */
export function getStores(): Promise<Stores> {
  if (!g.__motCuaStores) throw new Error('stores are not open: the server opens them at start (openStores)')
  const province = currentProvince()
  return province === undefined ? g.__motCuaStores : g.__motCuaStores.then((s) => storesInProvince(s, province))
}

export async function closeStores(): Promise<void> {
  const p = g.__motCuaStores
  g.__motCuaStores = undefined
  if (!p) return
  const s = await p
  await Promise.allSettled([s.ch.close(), s.pg.close()])
  s.lock?.release()
}

async function open(config: Config): Promise<Stores> {
  const embedded = config.pgKind === 'pglite' || config.chKind === 'chdb'
  const lock = embedded ? acquireLock(config.dataDir) : null
  try {
    const pg = await openPg({ url: config.DATABASE_URL, dataDir: path.join(config.dataDir, 'pglite') })
    const ch = await openClickHouse({
      url: config.CLICKHOUSE_URL,
      user: config.CLICKHOUSE_USER,
      password: config.CLICKHOUSE_PASSWORD,
      database: config.CLICKHOUSE_DATABASE,
      cluster: config.CLICKHOUSE_CLUSTER,
      dataDir: path.join(config.dataDir, 'chdb'),
    }).catch(async (e) => {
      await pg.close()
      throw e
    })
    return await prepareStores({ pg, ch, lock, config })
  } catch (e) {
    lock?.release()
    throw e
  }
}

/** Migrates both stores and loads the reference data and calendar (also used by tests on in-memory stores). */
export async function prepareStores(s: Stores): Promise<Stores> {
  configureQueryRuntime({
    cache: s.config.QUERY_CACHE === 'on',
    cacheBytes: s.config.QUERY_CACHE_SIZE,
    maxQueries: s.config.LOAD_SHEDDING === 'on' ? s.config.CH_MAX_QUERIES : Infinity,
  })
  await preparePg(s.pg)
  s.ch.deploymentCommunes = new Set((await provinceCommunes(s.pg.db, s.config.PROVINCE_CODE)).map((c) => c.code))
  await migrateClickHouse(s.ch)
  await rebuildWorkdays(s.pg.db, s.ch)
  return s
}

/** The Postgres half of `prepareStores`: migrations, reference data, editable defaults (each a no-op when done). */
export async function preparePg(pg: PgStore): Promise<void> {
  await migratePg(pg)
  await loadReference(pg.db)
  await loadDefaults(pg.db)
}

/** Makes already-open stores the process's stores (tests). */
export function setStores(s: Stores): void {
  g.__motCuaStores = Promise.resolve(s)
}

export async function migrationVersions(s: Stores): Promise<{ postgres: string[]; clickhouse: number[] }> {
  return { postgres: await appliedPgMigrations(s.pg), clickhouse: await appliedChMigrations(s.ch) }
}
