/**
 * ClickHouse: the official @clickhouse/client, against a server (CLICKHOUSE_URL) or the embedded chDB
 * engine under DATA_DIR/chdb. Same SQL either way. chDB ignores the client's `database` option, so the
 * session switches with `USE` once after creating the database.
 */
import fs from 'node:fs'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { dataChanged } from './query-runtime.ts'

export type ChKind = 'chdb' | 'server'

export interface ChStore {
  client: ClickHouseClient
  kind: ChKind
  database: string
  cluster?: string
  /**
   * Every commune of the deployment (its PROVINCE_CODE's, every commune for `all`), set once the reference data
   * is loaded (prepareStores): a read whose scope is exactly these filters nothing (IN_SCOPE, query.ts).
   */
  deploymentCommunes?: ReadonlySet<string>
  close(): Promise<void>
}

export interface ChOptions {
  url?: string
  user?: string
  password?: string
  database: string
  cluster?: string
  /** chDB data directory or ':memory:' (tests). */
  dataDir?: string
}

/**
 * Settings of every query on a cluster (ADR 028). A query over a Distributed table whose `IN (SELECT …)` or
 * `JOIN` reads another Distributed table is refused by default (distributed_product_mode = 'deny', "double-
 * distributed subqueries"); 'global' runs such a subquery once, on the node that received the query, and sends its
 * result to every shard (GLOBAL IN / GLOBAL JOIN) — exact whatever the tables' sharding keys, so the queries run
 * unchanged on one node and on a cluster.
 */
export const CLUSTER_SETTINGS = { distributed_product_mode: 'global' } as const

export async function openClickHouse(opts: ChOptions): Promise<ChStore> {
  if (opts.url) {
    const bootstrap = createClient({ url: opts.url, username: opts.user, password: opts.password })
    const onCluster = opts.cluster ? ` ON CLUSTER ${opts.cluster}` : ''
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${opts.database}${onCluster}` })
    await bootstrap.close()
    const client = createClient({
      url: opts.url,
      username: opts.user,
      password: opts.password,
      database: opts.database,
      clickhouse_settings: { date_time_input_format: 'best_effort', ...(opts.cluster ? CLUSTER_SETTINGS : {}) },
    })
    observeWrites(client)
    return { client, kind: 'server', database: opts.database, cluster: opts.cluster, close: () => client.close() }
  }
  const { createChdbConnection } = await import('chdb/connection')
  const path = opts.dataDir ?? ':memory:'
  if (path !== ':memory:') fs.mkdirSync(path, { recursive: true })
  const client = createClient({
    connection: createChdbConnection({ path }) as unknown as never,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  })
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${opts.database}` })
  await client.command({ query: `USE ${opts.database}` })
  observeWrites(client)
  return { client, kind: 'chdb', database: opts.database, close: () => client.close() }
}

/**
 * Every write through the client (insert, command, exec: the ETL's loads, the rollups, migrations, the
 * calendar) moves the data generation when it starts and when it ends, so no answer read meanwhile stays
 * cached (db/clickhouse/query-runtime.ts, ADR 027).
 */
function observeWrites(client: ClickHouseClient): void {
  for (const method of ['insert', 'command', 'exec'] as const) {
    const write = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>
    Object.defineProperty(client, method, {
      configurable: true,
      value: async (...args: unknown[]) => {
        dataChanged()
        try {
          return await write(...args)
        } finally {
          dataChanged()
        }
      },
    })
  }
}
