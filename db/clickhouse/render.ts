/**
 * Renders a migration file for a single node or for a cluster.
 *
 * Files are written for one node with two markers: `{{LOCAL}}` after the table name and `{{ON_CLUSTER}}`.
 * Header comments `-- @table NAME` and `-- @shard EXPR` name the table and its sharding key.
 *
 * Single node: markers vanish; the statement runs as written.
 * Cluster: the table becomes `NAME_local` created `ON CLUSTER`, its engine `XMergeTree(args)` becomes
 * `ReplicatedXMergeTree('/clickhouse/tables/{shard}/DB/NAME_local', '{replica}', args)`, and a
 * `Distributed` table `NAME` over it is added, so queries and inserts keep using `NAME`.
 *
 * A statement that starts with `{{CLUSTER_ONLY}}` runs on a cluster only (e.g. re-creating a Distributed table
 * after its local tables were swapped, 0302); there `{{CLUSTER}}` and `{{DATABASE}}` become the cluster's and
 * the database's names.
 */
export interface RenderOptions {
  database: string
  cluster?: string
}

const CLUSTER_ONLY = '{{CLUSTER_ONLY}}'

export function renderMigration(sqlText: string, opts: RenderOptions): string[] {
  const table = /^--\s*@table\s+(\w+)/m.exec(sqlText)?.[1]
  const shard = /^--\s*@shard\s+(.+)$/m.exec(sqlText)?.[1]?.trim()
  const all = splitStatements(sqlText)
  if (!opts.cluster) {
    return all
      .filter((s) => !s.startsWith(CLUSTER_ONLY))
      .map((s) => s.replaceAll('{{LOCAL}}', '').replaceAll(' {{ON_CLUSTER}}', '').replaceAll('{{ON_CLUSTER}}', ''))
  }
  const cluster = opts.cluster
  const statements = all.map((s) =>
    (s.startsWith(CLUSTER_ONLY) ? s.slice(CLUSTER_ONLY.length).trim() : s)
      .replaceAll('{{CLUSTER}}', cluster)
      .replaceAll('{{DATABASE}}', opts.database),
  )
  const out = statements.map((s) =>
    s
      .replaceAll('{{LOCAL}}', '_local')
      .replaceAll('{{ON_CLUSTER}}', `ON CLUSTER ${cluster}`)
      .replace(/ENGINE\s*=\s*(\w*MergeTree)\(([^)]*)\)/, (_m, engine: string, args: string) => {
        const path = `'/clickhouse/tables/{shard}/${opts.database}/${table}_local', '{replica}'`
        return `ENGINE = Replicated${engine}(${path}${args.trim() ? ', ' + args.trim() : ''})`
      }),
  )
  if (table && /CREATE TABLE/i.test(sqlText)) {
    if (!shard) throw new Error(`migration for ${table} has no "-- @shard" line; a cluster needs a sharding key`)
    out.push(
      `CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER ${cluster} AS ${table}_local\n` +
        `ENGINE = Distributed(${cluster}, ${opts.database}, ${table}_local, ${shard})`,
    )
  }
  return out
}

/** Splits on `;` at line ends, dropping comment-only chunks. */
export function splitStatements(sqlText: string): string[] {
  return sqlText
    .split(/;\s*(?:\n|$)/)
    .map((s) =>
      s
        .split('\n')
        .filter((l) => !/^\s*--/.test(l))
        .join('\n')
        .trim(),
    )
    .filter((s) => s.length > 0)
}
