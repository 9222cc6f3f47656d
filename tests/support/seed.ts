/**
 * Seeded Postgres built once per test run and copied per test file (ADR 015). Migrating an empty cluster
 * and loading the reference data costs seconds per file; copying the result costs a fraction of that.
 *
 * The first test file that asks builds the seed from scratch with `preparePg` (the production path), under
 * a lock shared by the run's worker processes; the others wait for it, then copy it:
 *   - PGlite: a data-directory tarball (`dumpDataDir`), opened in memory with `loadDataDir`, or unpacked once
 *     into a directory that a test server's DATA_DIR/pglite gets a copy of;
 *   - the Postgres server (DATABASE_URL): a template database, copied with CREATE DATABASE … TEMPLATE.
 * The run's seed directory is made by the global set-up (`MCK_TEST_SEED_DIR`), which removes it and drops
 * the template afterwards. Without it (a bench run under tsx), callers get a from-scratch store as before.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { openPg, type PgStore } from '../../db/pg/client.ts'
import { preparePg } from '../../db/stores.ts'

export const SEED_DIR_ENV = 'MCK_TEST_SEED_DIR'
const TEMPLATE_FILE = 'pg-template'
const WAIT_MS = 10 * 60_000

/** A fresh, empty database (or a copy of `template`) on the Postgres server named by `url`; its URL and a drop function. */
export async function freshPgDatabase(url: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mck_test_${crypto.randomBytes(6).toString('hex')}`
  await adminSql(url, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
  return { url: databaseUrl(url, name), drop: () => adminSql(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function adminSql(url: string, statement: string): Promise<void> {
  const { default: postgres } = await import('postgres')
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(statement)
  } finally {
    await admin.end()
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl)
  u.pathname = `/${name}`
  return u.toString()
}

/** The global set-up's half: a seed directory for this run, and the clean-up to run after it. */
export function createSeedRun(): { dir: string; teardown: () => Promise<void> } {
  const dir = path.join(os.tmpdir(), `mck-seed-${crypto.randomBytes(6).toString('hex')}`)
  fs.mkdirSync(dir)
  return {
    dir,
    async teardown() {
      const template = path.join(dir, TEMPLATE_FILE)
      if (process.env.DATABASE_URL && fs.existsSync(template))
        await adminSql(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS ${fs.readFileSync(template, 'utf8')} WITH (FORCE)`)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

const seedDir = (): string | undefined => process.env[SEED_DIR_ENV] || undefined
const built = new Map<string, Promise<string>>()

/**
 * Builds `name` in the run's seed directory once across processes: the first caller creates `name.lock`
 * (exclusively, holding its pid) and builds; the others wait for `name.done`, fail with the builder's error
 * (`name.failed`), or take over if the builder died (a file whose set-up hook timed out is ended by vitest).
 */
function once(dir: string, name: string, build: (out: string) => Promise<void>): Promise<string> {
  const out = path.join(dir, name)
  let p = built.get(out)
  if (!p) {
    p = onceAcrossProcesses(out, build)
    built.set(out, p)
  }
  return p
}

async function onceAcrossProcesses(out: string, build: (out: string) => Promise<void>): Promise<string> {
  for (const until = Date.now() + WAIT_MS; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    if (fs.existsSync(`${out}.done`)) return out
    if (fs.existsSync(`${out}.failed`))
      throw new Error(`building the test seed ${out} failed in another process:\n${fs.readFileSync(`${out}.failed`, 'utf8')}`)
    if (takeLock(`${out}.lock`)) return buildAndMark(out, build)
  }
  throw new Error(`the test seed ${out} was not built within ${WAIT_MS / 1000} s`)
}

/** True if this process now holds `lock`: it was free, or its holder's process has ended without finishing. */
function takeLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' })
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  const holder = Number(fs.readFileSync(lock, 'utf8'))
  if (!holder || alive(holder)) return false // being written, or still building
  try {
    fs.renameSync(lock, `${lock}.stale-${process.pid}`) // one waiter wins the rename; it then competes for the lock again
  } catch {
    // another waiter moved it first
  }
  return false
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function buildAndMark(out: string, build: (out: string) => Promise<void>): Promise<string> {
  try {
    fs.rmSync(out, { recursive: true, force: true }) // what a builder that died may have left
    await build(out)
    fs.writeFileSync(`${out}.done`, '')
    return out
  } catch (e) {
    fs.writeFileSync(`${out}.failed`, e instanceof Error ? (e.stack ?? e.message) : String(e))
    throw e
  }
}

/** The seeded PGlite data directory as a tarball (migrations, reference data, defaults applied). */
function pgliteTarball(dir: string): Promise<string> {
  return once(dir, 'pglite.tar', async (out) => {
    const pg = await openPg({ dataDir: 'memory://' })
    try {
      await preparePg(pg)
      const client = (pg.db as unknown as { $client: PGlite }).$client
      const tar = await client.dumpDataDir('none')
      fs.writeFileSync(`${out}.tmp`, Buffer.from(await tar.arrayBuffer()))
      fs.renameSync(`${out}.tmp`, out)
    } finally {
      await pg.close()
    }
  })
}

/** An in-memory PGlite: a copy of the run's seed, or (no seed directory) migrated and seeded from scratch. */
export async function openSeededPglite(): Promise<PgStore> {
  const dir = seedDir()
  if (!dir) return openPg({ dataDir: 'memory://' })
  const tar = await pgliteTarball(dir)
  return openPg({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(tar)]) })
}

/**
 * Puts a copy of the seeded PGlite data directory at `target` (a server's DATA_DIR/pglite), so the server
 * opens a migrated, seeded cluster. Does nothing without a seed directory (the server then starts from scratch).
 */
export async function copySeededPgliteDir(target: string): Promise<void> {
  const dir = seedDir()
  if (!dir) return
  const tar = await pgliteTarball(dir)
  const seeded = await once(dir, 'pglite-dir', async (out) => {
    const pg = await openPg({ dataDir: out, loadDataDir: new Blob([fs.readFileSync(tar)]) })
    await pg.close()
  })
  fs.cpSync(seeded, target, { recursive: true })
}

/** The run's template database on the Postgres server at `serverUrl`, built (migrated, seeded) on first use. */
async function pgTemplate(dir: string, serverUrl: string): Promise<string> {
  const file = await once(dir, TEMPLATE_FILE, async (out) => {
    const name = `mck_seed_${path.basename(dir).replace(/^mck-seed-/, '')}`
    await adminSql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) // left by a builder that died
    await adminSql(serverUrl, `CREATE DATABASE ${name}`)
    fs.writeFileSync(out, name) // written first, so the teardown drops it even if seeding fails
    const pg = await openPg({ url: databaseUrl(serverUrl, name) })
    try {
      await preparePg(pg)
    } finally {
      await pg.close() // a template must have no open connection when it is copied
    }
  })
  return fs.readFileSync(file, 'utf8')
}

/** A database on the Postgres server: a copy of the run's seeded template, or (no seed directory) an empty one. */
export async function seededPgDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const dir = seedDir()
  return freshPgDatabase(serverUrl, dir ? await pgTemplate(dir, serverUrl) : undefined)
}
