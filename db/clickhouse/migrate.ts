/**
 * A small migrator: applies db/clickhouse/migrations/NNNN_name.sql in order, once each, and records
 * what ran in `schema_migrations`. Applying twice is a no-op.
 *
 * Crash-safe between statements (issue #17): ClickHouse has no transactional DDL, so a migration of several
 * statements (0302: copy, copy, RENAME, DROP, CREATE) records each statement it completed in
 * `schema_migration_steps`; a process that dies part-way resumes at the next start with the first statement not
 * recorded. The one statement that may have run without being recorded (death between the two) is run again:
 * INSERTs into Replacing tables and `… IF [NOT] EXISTS` DDL are harmless twice, and a RENAME whose tables are
 * already renamed is recognised and skipped (renameDone).
 */
import fs from 'node:fs'
import path from 'node:path'
import { chMigrationsDir } from '../paths.ts'
import { z } from 'zod'
import type { ChStore } from './client.ts'
import { renderMigration } from './render.ts'

export { chMigrationsDir }

export interface ChMigration {
  version: number
  name: string
  file: string
}

export function listChMigrations(dir = chMigrationsDir): ChMigration[] {
  const seen = new Map<number, string>()
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const m = /^(\d{4})_(\w+)\.sql$/.exec(f)
      if (!m) throw new Error(`ClickHouse migration ${f}: name must be NNNN_name.sql`)
      const version = Number(m[1])
      if (seen.has(version)) throw new Error(`ClickHouse migrations ${seen.get(version)} and ${f} share number ${version}`)
      seen.set(version, f)
      return { version, name: m[2]!, file: path.join(dir, f) }
    })
}

const Applied = z.object({ version: z.coerce.number() })

export async function appliedChMigrations(ch: ChStore): Promise<number[]> {
  const rs = await ch.client.query({
    query: 'SELECT DISTINCT version FROM schema_migrations ORDER BY version',
    format: 'JSONEachRow',
  })
  return z
    .array(Applied)
    .parse(await rs.json())
    .map((r) => r.version)
}

const Step = z.object({ version: z.coerce.number(), step: z.coerce.number() })

/** The statements (0-based) of unfinished migrations that completed, by version. */
async function completedSteps(ch: ChStore): Promise<Map<number, Set<number>>> {
  const rs = await ch.client.query({ query: 'SELECT DISTINCT version, step FROM schema_migration_steps', format: 'JSONEachRow' })
  const out = new Map<number, Set<number>>()
  for (const r of z.array(Step).parse(await rs.json())) out.set(r.version, (out.get(r.version) ?? new Set()).add(r.step))
  return out
}

const Exists = z.object({ name: z.string() })

/**
 * A `RENAME TABLE a TO b[, c TO d …]` that already happened (the process died after it ran, before it was
 * recorded): every target exists and no source that is not also a target does. Null for any other statement.
 */
export async function renameDone(ch: ChStore, statement: string): Promise<boolean | null> {
  const m = /^RENAME\s+TABLE\s+(.+?)(?:\s+ON\s+CLUSTER\s+\w+)?\s*$/is.exec(statement.trim())
  if (!m) return null
  const pairs = m[1]!.split(',').map((p) => p.trim().split(/\s+TO\s+/i) as [string, string])
  const sources = new Set(pairs.map(([a]) => a))
  const targets = new Set(pairs.map(([, b]) => b))
  const names = [...sources, ...targets]
  const rs = await ch.client.query({
    query: 'SELECT name FROM system.tables WHERE database = currentDatabase() AND has({names: Array(String)}, name)',
    query_params: { names },
    format: 'JSONEachRow',
  })
  const present = new Set(
    z
      .array(Exists)
      .parse(await rs.json())
      .map((r) => r.name),
  )
  return [...targets].every((t) => present.has(t)) && [...sources].every((s) => targets.has(s) || !present.has(s))
}

/**
 * The migrator's own tables: what ran (`schema_migrations`) and which statements of an unfinished migration did.
 * On a cluster every node is a replica of one table (no `{shard}` in the path), so whichever node the migrator
 * is connected to next time knows what ran — with a per-shard path a node of another shard would see nothing
 * and run 0302's copy and RENAME again.
 */
export function bookkeepingDdl(ch: Pick<ChStore, 'database' | 'cluster'>): string[] {
  const onCluster = ch.cluster ? ` ON CLUSTER ${ch.cluster}` : ''
  const engine = (table: string) =>
    ch.cluster ? `ReplicatedReplacingMergeTree('/clickhouse/tables/all/${ch.database}/${table}', '{replica}')` : 'ReplacingMergeTree'
  return [
    `CREATE TABLE IF NOT EXISTS schema_migrations${onCluster} (version UInt32, name String, applied_at DateTime DEFAULT now()) ENGINE = ${engine('schema_migrations')} ORDER BY version`,
    `CREATE TABLE IF NOT EXISTS schema_migration_steps${onCluster} (version UInt32, step UInt16, applied_at DateTime DEFAULT now()) ENGINE = ${engine('schema_migration_steps')} ORDER BY (version, step)`,
  ]
}

export interface MigrateHooks {
  /** Called after each statement ran, before it is recorded (tests end the run here to stand for a crash). */
  afterStatement?: (m: ChMigration, step: number) => void
}

/** Returns the versions applied by this call. */
export async function migrateClickHouse(ch: ChStore, dir = chMigrationsDir, hooks: MigrateHooks = {}): Promise<number[]> {
  for (const query of bookkeepingDdl(ch)) await ch.client.command({ query })
  const done = new Set(await appliedChMigrations(ch))
  const steps = await completedSteps(ch)
  const ran: number[] = []
  for (const m of listChMigrations(dir)) {
    if (done.has(m.version)) continue
    const statements = renderMigration(fs.readFileSync(m.file, 'utf8'), { database: ch.database, cluster: ch.cluster })
    const completed = steps.get(m.version) ?? new Set<number>()
    for (const [step, query] of statements.entries()) {
      if (completed.has(step)) continue
      if ((await renameDone(ch, query)) !== true) await ch.client.command({ query })
      hooks.afterStatement?.(m, step)
      if (statements.length > 1)
        await ch.client.insert({ table: 'schema_migration_steps', values: [{ version: m.version, step }], format: 'JSONEachRow' })
    }
    await ch.client.insert({ table: 'schema_migrations', values: [{ version: m.version, name: m.name }], format: 'JSONEachRow' })
    ran.push(m.version)
  }
  return ran
}
