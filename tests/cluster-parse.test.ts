/**
 * The cluster proof as far as this machine allows (issue #15 "Beyond one machine", ADR 028): no ClickHouse server
 * can run here, so every statement the migrator would send to a 2-shard × 2-replica cluster, and every query of the
 * query layer, goes through ClickHouse's own parser (chDB's `formatQuery`), and the constructs a Distributed table
 * cannot do are looked for: FINAL on a table whose sharding key does not keep a key's versions on one shard,
 * mutations, OPTIMIZE/TRUNCATE, reads of per-node system tables; subqueries over a second Distributed table run
 * GLOBAL (CLUSTER_SETTINGS). docs/cluster/ (the operator's docker-compose) must name the cluster and the macros
 * the rendered DDL uses.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CLUSTER_SETTINGS, openClickHouse, type ChStore } from '../db/clickhouse/client.ts'
import { bookkeepingDdl, listChMigrations } from '../db/clickhouse/migrate.ts'
import { definedQueries } from '../db/clickhouse/query.ts'
import { renderMigration } from '../db/clickhouse/render.ts'

const CLUSTER = 'kpi_cluster'
const DATABASE = 'mot_cua_kpi'
const root = path.resolve(import.meta.dirname, '..')
let ch: ChStore

/** ClickHouse's parser: the statement formatted, or the parser's error. */
async function parse(statement: string): Promise<{ ok: true; formatted: string } | { ok: false; error: string }> {
  try {
    const rs = await ch.client.query({
      query: 'SELECT formatQuery({q:String}) AS f',
      query_params: { q: statement },
      format: 'JSONEachRow',
    })
    return { ok: true, formatted: z.array(z.object({ f: z.string() })).parse(await rs.json())[0]!.f }
  } catch (e) {
    return { ok: false, error: (e as Error).message.slice(0, 300) }
  }
}

/** Every module of app/, etl/ and db/ that defines a query or a statement, loaded so the registry holds them all. */
async function loadQueryLayer() {
  const files = ['app', 'etl', 'db']
    .flatMap((d) => (fs.readdirSync(path.join(root, d), { recursive: true }) as string[]).map((f) => path.join(root, d, f)))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith(path.join('clickhouse', 'query.ts')))
    .filter((f) => /\bdefine(Query|Statement)\(/.test(fs.readFileSync(f, 'utf8')))
  for (const f of files) await import(f)
  return files.map((f) => path.relative(root, f)).sort()
}

const rendered = () =>
  [
    ...bookkeepingDdl({ database: DATABASE, cluster: CLUSTER }).map((s, i) => ({ m: `bookkeeping ${i}`, s })),
    ...listChMigrations().flatMap((m) =>
      renderMigration(fs.readFileSync(m.file, 'utf8'), { database: DATABASE, cluster: CLUSTER }).map((s) => ({
        m: path.basename(m.file),
        s,
      })),
    ),
  ] as { m: string; s: string }[]

/** Each table's sharding key and sorting key, as the migrations leave them (a later CREATE of the same name wins). */
function tableKeys(): Map<string, { shard: string; orderBy: string[] }> {
  const out = new Map<string, { shard: string; orderBy: string[] }>()
  for (const m of listChMigrations()) {
    const text = fs.readFileSync(m.file, 'utf8')
    const table = /^--\s*@table\s+(\w+)/m.exec(text)?.[1]
    const shard = /^--\s*@shard\s+(.+)$/m.exec(text)?.[1]?.trim()
    const order = /^ORDER BY\s+\(?([^);\n]+)\)?/m.exec(text)?.[1]
    if (table && shard && order && /CREATE TABLE/.test(text)) out.set(table, { shard, orderBy: order.split(',').map((c) => c.trim()) })
  }
  // 0302 renames dossiers_by_id to dossiers and re-creates the Distributed `dossiers` sharded by the id.
  out.set('dossiers', out.get('dossiers_by_id')!)
  return out
}

const columnsOf = (expr: string) => [...expr.matchAll(/\b([a-z_][a-z0-9_]*)\b/g)].map((m) => m[1]!).filter((w) => !/^cityHash64$/i.test(w))

beforeAll(async () => {
  ch = await openClickHouse({ database: 'parse_only', dataDir: ':memory:' })
})
afterAll(async () => {
  await ch?.close()
})

describe('every migration, rendered for a 2-shard × 2-replica cluster, parses', () => {
  it('each statement through ClickHouse’s own parser (formatQuery), none refused', async () => {
    const all = rendered()
    const refused: string[] = []
    for (const { m, s } of all) {
      const r = await parse(s)
      if (!r.ok) refused.push(`${m}: ${r.error}\n${s}`)
    }
    expect(refused).toEqual([])
    expect(all.length).toBeGreaterThanOrEqual(40) // 40 when written (0001–0303); other migrations add to it
  })

  it('every local table is replicated under the {shard}/{replica} macros; every Distributed table names the cluster', () => {
    const creates = rendered().filter(({ s }) => /^CREATE TABLE/.test(s))
    const locals = creates.filter(({ s }) => /_local ON CLUSTER/.test(s.split('\n')[0]!))
    const distributed = creates.filter(({ s }) => /ENGINE = Distributed/.test(s))
    for (const { m, s } of locals)
      expect(s, m).toMatch(/ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/mot_cua_kpi\/\w+_local', '\{replica\}'/)
    for (const { m, s } of distributed)
      expect(s, m).toMatch(/ENGINE = Distributed\(kpi_cluster, mot_cua_kpi, \w+_local, cityHash64\(\w+\)\)$/)
    // One replicated local and one Distributed table per table migration; dossiers' Distributed table twice (0001, and 0302 re-sharding it by the id).
    const tables = listChMigrations().filter(
      (m) => /^--\s*@table/m.test(fs.readFileSync(m.file, 'utf8')) && /CREATE TABLE/.test(fs.readFileSync(m.file, 'utf8')),
    )
    expect([locals.length, distributed.length]).toEqual([tables.length, tables.length + 1])
    expect(locals.length).toBeGreaterThanOrEqual(13)
  })

  it('the migrator’s own tables are one replicated table across every node (any node knows what ran)', () => {
    for (const s of bookkeepingDdl({ database: DATABASE, cluster: CLUSTER }))
      expect(s).toMatch(
        /ON CLUSTER kpi_cluster .* ENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/all\/mot_cua_kpi\/schema_migration\w+', '\{replica\}'\)/,
      )
  })

  it('the parser catches what it should: a broken statement is refused', async () => {
    expect(await parse('CREATE TABLE x ON CLUSTER kpi_cluster (a UInt8) ENGINE = ')).toMatchObject({ ok: false })
  })
})

describe('every query of the query layer parses and avoids what a Distributed table cannot do', () => {
  let files: string[] = []
  beforeAll(async () => {
    files = await loadQueryLayer()
  })

  it('each defined query and statement through the parser', async () => {
    const refused: string[] = []
    for (const d of definedQueries()) {
      const r = await parse(d.sql.text)
      if (!r.ok) refused.push(`${d.name}: ${r.error}`)
    }
    expect(refused).toEqual([])
    // 19 modules and 30 definitions when written; later work adds to them.
    expect(files.length).toBeGreaterThanOrEqual(19)
    expect(definedQueries().length).toBeGreaterThanOrEqual(30)
  })

  it('FINAL only on tables whose sharding key is made of sorting-key columns: every version of a row is on one shard', () => {
    const keys = tableKeys()
    const finals = new Set(definedQueries().flatMap((d) => [...d.sql.text.matchAll(/\bFROM\s+(\w+)\s+FINAL\b/g)].map((m) => m[1]!)))
    const unsafe = [...finals].filter((t) => {
      const k = keys.get(t)
      return !k || !columnsOf(k.shard).every((c) => k.orderBy.includes(c))
    })
    expect(unsafe).toEqual([])
    expect([...finals].sort()).toEqual(
      expect.arrayContaining([
        'commune_day',
        'commune_day_procedure',
        'commune_hour_queue',
        'complaints',
        'dossiers',
        'equipment_daily',
        'queue_tickets',
        'ratings',
        'staffing_daily',
        'workdays',
      ]),
    )
  })

  it('no mutation, OPTIMIZE, TRUNCATE or per-node system table in a query', () => {
    const bad = definedQueries().filter((d) =>
      /\bALTER\s+TABLE\b|\bDELETE\s+FROM\b|\bUPDATE\s+\w+\s+SET\b|\bOPTIMIZE\b|\bTRUNCATE\b|\bsystem\.\w+/i.test(d.sql.text),
    )
    expect(bad.map((d) => d.name)).toEqual([])
  })

  it('subqueries over a second Distributed table (IN / JOIN) run GLOBAL on a cluster: distributed_product_mode', () => {
    const nested = definedQueries()
      .filter((d) => /\bIN\s*\(\s*SELECT\b|\bJOIN\s*\(\s*SELECT\b|\bJOIN\s*\(\s*\n/i.test(d.sql.text))
      .map((d) => d.name)
    expect(nested.length).toBeGreaterThan(0) // they exist: without the setting a cluster would refuse them
    expect(CLUSTER_SETTINGS).toEqual({ distributed_product_mode: 'global' })
  })
})

describe('docs/cluster: the operator’s compose names what the rendered DDL expects', () => {
  const dir = path.join(root, 'docs', 'cluster')
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8')

  it('remote_servers defines kpi_cluster with 2 shards × 2 replicas, internal replication on', () => {
    const xml = read('remote_servers.xml')
    const cluster = new RegExp(`<${CLUSTER}>([\\s\\S]*?)</${CLUSTER}>`).exec(xml)?.[1] ?? ''
    const shards = [...cluster.matchAll(/<shard>([\s\S]*?)<\/shard>/g)].map((m) => m[1]!)
    expect(shards).toHaveLength(2)
    for (const s of shards) {
      expect(s).toContain('<internal_replication>true</internal_replication>')
      expect([...s.matchAll(/<replica>\s*<host>([\w-]+)<\/host>/g)].map((m) => m[1])).toHaveLength(2)
    }
  })

  it('each ClickHouse node of the compose has macros {shard} and {replica} matching its place in remote_servers; the app names the cluster', () => {
    const compose = read('docker-compose.yml')
    const xml = read('remote_servers.xml')
    const cluster = new RegExp(`<${CLUSTER}>([\\s\\S]*?)</${CLUSTER}>`).exec(xml)![1]!
    const placement = [...cluster.matchAll(/<shard>([\s\S]*?)<\/shard>/g)].flatMap((m, i) =>
      [...m[1]!.matchAll(/<host>([\w-]+)<\/host>/g)].map((h, j) => ({ host: h[1]!, shard: String(i + 1), replica: `r${j + 1}` })),
    )
    expect(placement.map((p) => p.host)).toEqual(['ch-s1-r1', 'ch-s1-r2', 'ch-s2-r1', 'ch-s2-r2'])
    for (const p of placement) {
      expect(compose).toContain(`  ${p.host}:`)
      const macros = read(`macros-${p.host}.xml`)
      expect(macros, p.host).toContain(`<shard>${p.shard}</shard>`)
      expect(macros, p.host).toContain(`<replica>${p.host}</replica>`)
    }
    // What render.ts writes into every replicated engine: the two macros.
    const local = rendered().find(({ s }) => /_local ON CLUSTER/.test(s))!.s
    expect(local).toContain("'/clickhouse/tables/{shard}/")
    expect(local).toContain("'{replica}'")
    expect(compose).toContain(`CLICKHOUSE_CLUSTER: ${CLUSTER}`)
    expect(compose).toContain(`CLICKHOUSE_DATABASE: ${DATABASE}`)
    expect(compose).toMatch(/ch-keeper:/)
    expect(read('keeper.xml')).toMatch(/<keeper_server>/)
    expect(read('use-keeper.xml')).toMatch(/<host>ch-keeper<\/host>/)
  })
})
