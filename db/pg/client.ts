/**
 * Postgres: postgres.js against a server when DATABASE_URL is set, otherwise embedded PGlite under
 * DATA_DIR/pglite. One drizzle schema and one migrations folder serve both.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pgMigrationsDir } from '../paths.ts'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import * as schema from './schema/index.ts'
import { firstArgWrites, mayChangeFigures, observePgWrites, pgDataChanged } from '../lib/pg-generation.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type PgKind = 'pglite' | 'postgres'

export interface PgStore {
  db: Db
  kind: PgKind
  /** Runs raw SQL and returns rows, on either driver (PGlite returns `{rows}`, postgres.js an array). */
  rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>
  close(): Promise<void>
}

export const migrationsFolder = pgMigrationsDir

export interface PgOptions {
  /** postgres:// URL, or undefined for PGlite. */
  url?: string
  /** PGlite data directory, or 'memory://' for tests. */
  dataDir?: string
  /** PGlite only: start from this data-directory tarball (`dumpDataDir`) instead of an empty cluster (tests' seeded copy). */
  loadDataDir?: Blob
}

export async function openPg(opts: PgOptions): Promise<PgStore> {
  if (opts.url) {
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const client = postgres(opts.url, {
      max: 10,
      onnotice: () => {},
      // Every statement sent (a transaction's COMMIT too) that may change a figure moves the Postgres
      // generation of the answer cache (db/lib/pg-generation.ts, ADR 039).
      debug: (_connection: number, query: string) => {
        if (mayChangeFigures(query)) pgDataChanged()
      },
    })
    const db = drizzle(client, { schema }) as unknown as Db
    return {
      db,
      kind: 'postgres',
      rows: async <T>(q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as T[],
      close: () => client.end({ timeout: 5 }),
    }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const dir = opts.dataDir ?? 'memory://'
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true })
  const client = await PGlite.create(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {})
  // Writes that may change a figure move the Postgres generation of the answer cache (ADR 039).
  observePgWrites(client, 'query', firstArgWrites)
  observePgWrites(client, 'exec', firstArgWrites)
  observePgWrites(client, 'transaction', () => true)
  const { drizzle } = await import('drizzle-orm/pglite')
  const db = drizzle(client, { schema }) as unknown as Db
  return {
    db,
    kind: 'pglite',
    rows: async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows,
    close: () => client.close(),
  }
}

/** Applies the drizzle-kit migrations; a second call is a no-op. Returns the applied migration tags. */
export async function migratePg(store: PgStore): Promise<string[]> {
  if (store.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator')
    await migrate(store.db as never, { migrationsFolder })
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator')
    await migrate(store.db as never, { migrationsFolder })
  }
  return appliedPgMigrations(store)
}

export async function appliedPgMigrations(store: PgStore): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[]
  }
  const rows = await store.rows<{ created_at: string | number }>(sql`select created_at from drizzle.__drizzle_migrations order by id`)
  const applied = new Set(rows.map((r) => Number(r.created_at)))
  return journal.entries.filter((e) => applied.has(e.when)).map((e) => e.tag)
}
