/**
 * The query layer (ADR 013): a query is a typed function whose SQL only takes fragments, whose parameters
 * are checked before ClickHouse sees them, whose rows are parsed by zod, and whose log_comment names the
 * caller and the query. No file of the KPI engine outside app/kpi/queries/ holds SQL.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { openClickHouse, type ChStore } from '../db/clickhouse/client.ts'
import { defineQuery, defineStatement, num, sql, ymd } from '../db/clickhouse/query.ts'

let ch: ChStore
beforeAll(async () => {
  ch = await openClickHouse({ database: 'query_layer_test', dataDir: ':memory:' })
  await ch.client.command({ query: 'CREATE TABLE t (d Date, n UInt64) ENGINE = MergeTree ORDER BY d' })
})
afterAll(async () => ch?.close())

const insert = defineStatement({
  name: 'insert t',
  params: z.object({ d: ymd, n: z.number().int() }),
  sql: sql`INSERT INTO t SELECT {d:Date}, {n:UInt64}`,
})
const total = defineQuery({
  name: 'total of t',
  params: z.object({ from: ymd }),
  row: z.object({ days: num, total: num, last: z.string() }),
  sql: sql`SELECT count() AS days, sum(n) AS total, toString(max(d)) AS last FROM t WHERE d >= {from:Date}`,
})

describe('the query layer', () => {
  it('runs a statement and a query with server-side parameters; rows come back parsed (64-bit sums as numbers)', async () => {
    await insert(ch, { d: '2026-03-02', n: 7 }, 'test:query-layer')
    await insert(ch, { d: '2026-03-03', n: 5 }, 'test:query-layer')
    expect(await total(ch, { from: '2026-03-03' }, 'test:query-layer')).toEqual([{ days: 1, total: 5, last: '2026-03-03' }])
    expect(total.definition.name).toBe('total of t')
  })

  it('refuses bad parameters before ClickHouse sees them', async () => {
    await expect(total(ch, { from: "2026-03-03' OR 1=1 --" }, 'test:query-layer')).rejects.toThrow(/YYYY-MM-DD/)
  })

  it('refuses to splice anything but a fragment into the SQL', () => {
    const value = "x'; DROP TABLE t; --" as unknown as ReturnType<typeof sql>
    expect(() => sql`SELECT ${value}`).toThrow(/only sql fragments/)
    expect(sql`SELECT ${sql`1`} + ${sql.raw('2')}`.text).toBe('SELECT 1 + 2')
  })

  it('a row that does not match its schema is an error, not a silent zero', async () => {
    const wrong = defineQuery({ name: 'wrong row', params: z.object({}), row: z.object({ missing: num }), sql: sql`SELECT 1 AS other` })
    await expect(wrong(ch, {}, 'test:query-layer')).rejects.toThrow()
  })

  it('no file of the KPI engine outside app/kpi/queries/ holds SQL', () => {
    const root = path.resolve(import.meta.dirname, '../app/kpi')
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('queries'))
    const offenders = files.filter((f) =>
      /\b(SELECT|INSERT INTO)\b[\s\S]*\bFROM\b|\bclient\.(query|command)\b/.test(fs.readFileSync(path.join(root, f), 'utf8')),
    )
    expect(files.length).toBeGreaterThan(20)
    expect(offenders).toEqual([])
  })
})
