/**
 * A small migrator: applies db/clickhouse/migrations/NNNN_name.sql in order, once each, and records
 * what ran in `schema_migrations`. Applying twice is a no-op.
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

/** Returns the versions applied by this call. */
export async function migrateClickHouse(ch: ChStore, dir = chMigrationsDir): Promise<number[]> {
  const onCluster = ch.cluster ? ` ON CLUSTER ${ch.cluster}` : ''
  const engine = ch.cluster
    ? `ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/${ch.database}/schema_migrations', '{replica}')`
    : 'ReplacingMergeTree'
  await ch.client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations${onCluster} (version UInt32, name String, applied_at DateTime DEFAULT now()) ENGINE = ${engine} ORDER BY version`,
  })
  const done = new Set(await appliedChMigrations(ch))
  const ran: number[] = []
  for (const m of listChMigrations(dir)) {
    if (done.has(m.version)) continue
    const statements = renderMigration(fs.readFileSync(m.file, 'utf8'), { database: ch.database, cluster: ch.cluster })
    for (const query of statements) await ch.client.command({ query })
    await ch.client.insert({ table: 'schema_migrations', values: [{ version: m.version, name: m.name }], format: 'JSONEachRow' })
    ran.push(m.version)
  }
  return ran
}
