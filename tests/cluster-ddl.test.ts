import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listChMigrations } from '../db/clickhouse/migrate.ts'
import { renderMigration } from '../db/clickhouse/render.ts'

const dossiers = () => fs.readFileSync(listChMigrations().find((m) => m.name === 'dossiers')!.file, 'utf8')

describe('ClickHouse DDL rendering', () => {
  it('single node: the statement as written, markers removed', () => {
    const [stmt, ...rest] = renderMigration(dossiers(), { database: 'kpi' })
    expect(rest).toEqual([])
    expect(stmt).toMatch(/^CREATE TABLE IF NOT EXISTS dossiers\n\(/)
    expect(stmt).toContain('ENGINE = ReplacingMergeTree(updated_at)')
    expect(stmt).not.toContain('{{')
    expect(stmt).not.toContain('--')
  })

  it('cluster: a replicated local table ON CLUSTER plus a Distributed table sharded by commune', () => {
    const [local, dist, ...rest] = renderMigration(dossiers(), { database: 'kpi', cluster: 'kpi_cluster' })
    expect(rest).toEqual([])
    expect(local).toMatch(/^CREATE TABLE IF NOT EXISTS dossiers_local ON CLUSTER kpi_cluster\n\(/)
    expect(local).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/kpi/dossiers_local', '{replica}', updated_at)",
    )
    expect(local).toContain('ORDER BY (commune_code, dossier_id)')
    expect(dist).toBe(
      'CREATE TABLE IF NOT EXISTS dossiers ON CLUSTER kpi_cluster AS dossiers_local\n' +
        'ENGINE = Distributed(kpi_cluster, kpi, dossiers_local, cityHash64(commune_code))',
    )
  })

  it('every migration renders for a cluster with a replicated engine and a sharding key', () => {
    for (const m of listChMigrations()) {
      const text = fs.readFileSync(m.file, 'utf8')
      const out = renderMigration(text, { database: 'kpi', cluster: 'c' })
      for (const s of out) expect(s).not.toContain('{{')
      if (/^--\s*@table/m.test(text) && /CREATE TABLE/.test(text)) {
        expect(out[0], m.name).toMatch(/ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/kpi\//)
        expect(out.at(-1), m.name).toMatch(/ENGINE = Distributed\(c, kpi, \w+_local, .+\)$/)
      }
    }
  })

  it('the swap to the id key (0302): single node renames; a cluster also re-shards the Distributed table by the id', () => {
    const text = fs.readFileSync(listChMigrations().find((m) => m.name === 'dossiers_swap')!.file, 'utf8')
    const one = renderMigration(text, { database: 'kpi' })
    expect(one).toContain('RENAME TABLE dossiers TO dossiers_by_commune, dossiers_by_id TO dossiers')
    expect(one.some((s) => s.includes('Distributed'))).toBe(false)
    const many = renderMigration(text, { database: 'kpi', cluster: 'c' })
    expect(many).toContain('RENAME TABLE dossiers_local TO dossiers_by_commune_local, dossiers_by_id_local TO dossiers_local ON CLUSTER c')
    expect(many).toContain(
      'CREATE TABLE IF NOT EXISTS dossiers ON CLUSTER c AS dossiers_local\nENGINE = Distributed(c, kpi, dossiers_local, cityHash64(dossier_id))',
    )
    expect(many.at(-1)).toMatch(
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS dossier_communes_mv_local ON CLUSTER c TO dossier_communes_local AS/,
    )
  })

  it('an engine with no arguments gets only the replication arguments', () => {
    const sql =
      '-- @table t\n-- @shard rand()\nCREATE TABLE IF NOT EXISTS t{{LOCAL}} {{ON_CLUSTER}} (a UInt8) ENGINE = MergeTree() ORDER BY a;'
    expect(renderMigration(sql, { database: 'd', cluster: 'c' })[0]).toContain(
      "ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/d/t_local', '{replica}')",
    )
  })
})
