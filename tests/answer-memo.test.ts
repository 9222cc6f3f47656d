/**
 * The loaders' answer memo (app/lib/answer-memo.server.ts, ADR 039) on real chDB + PGlite with the test
 * week of dossiers in Phường Đồng Hới: the cached overview equals the uncached one exactly and computes
 * nothing; every caller gets its own copy; a write that may change a figure — a Postgres target, a ClickHouse
 * insert — makes the next answer computed again, a bookkeeping write (a session's idle deadline) does not.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOverview, scopedCommunes } from '../app/dashboard/overview.server.ts'
import { answerMemoStats, memoAnswer } from '../app/lib/answer-memo.server.ts'
import { parseFilters, resolvePeriod } from '../app/lib/url-filters.ts'
import { configureQueryRuntime } from '../db/clickhouse/query-runtime.ts'
import { mayChangeFigures } from '../db/lib/pg-generation.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { insertDossiers, QT } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, [
    { id: 'M01', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:00' },
    { id: 'M02', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:01' },
    { id: 'M03', commune: H, received: '2026-03-10 08:00', due: '2026-03-16 17:00' },
  ])
  await refreshRollups(s, { fromDay: '2026-03-01', toDay: '2026-03-31' })
})
afterAll(async () => {
  configureQueryRuntime({ cache: true, maxQueries: 4 })
  await s?.dispose()
})

const period = resolvePeriod(parseFilters(new URLSearchParams('period=custom&from=2026-03-09&to=2026-03-13')))

describe('answer memo', () => {
  it('the cached overview equals the uncached one, exactly, and computes nothing', async () => {
    configureQueryRuntime({ cache: false })
    const communes = await scopedCommunes(s, 'all', 'all')
    const uncached = await loadOverview(s, communes, period)
    configureQueryRuntime({ cache: true })
    const cold = await loadOverview(s, communes, period)
    const before = answerMemoStats()
    const warm = await loadOverview(s, communes, period)
    expect(answerMemoStats().computed).toBe(before.computed)
    expect(answerMemoStats().hits).toBe(before.hits + 1)
    expect(cold).toEqual(uncached)
    expect(warm).toEqual(uncached)
    const hoi = warm.rows.find((r) => r.code === H)!
    expect([hoi.received, hoi.processed, hoi.processedOnTime, hoi.lateCount]).toEqual([3, 2, 1, 1])
  })

  it('gives every caller its own copy', async () => {
    configureQueryRuntime({ cache: true })
    const a = await memoAnswer('t.copy', 1, async () => ({ rows: [{ n: 1 }] }))
    a.rows[0]!.n = 99
    const b = await memoAnswer('t.copy', 1, async () => ({ rows: [{ n: 2 }] }))
    expect(b).toEqual({ rows: [{ n: 1 }] })
  })

  it('a figure write in either store makes the answer old; a session touch does not', async () => {
    configureQueryRuntime({ cache: true })
    let runs = 0
    const ask = () => memoAnswer('t.writes', 'k', async () => ++runs)
    expect(await ask()).toBe(1)
    expect(await ask()).toBe(1)
    await s.pg.rows(sql`update sessions set expires_at = expires_at`)
    await s.pg.rows(sql`insert into audit_log (actor, action) select 'test', 'noop' where false`)
    expect(await ask()).toBe(1)
    await s.pg.rows(sql`update kpi_targets set target = target`)
    expect(await ask()).toBe(2)
    await insertDossiers(s.ch, [{ id: 'M04', commune: H, received: '2026-03-11 08:00', due: '2026-03-18 17:00' }])
    expect(await ask()).toBe(3)
    expect(await ask()).toBe(3)
  })

  it('tells reads and bookkeeping writes from figure writes', () => {
    expect(mayChangeFigures('select 1')).toBe(false)
    expect(mayChangeFigures('update "sessions" set "expires_at" = $1 where "id" = $2')).toBe(false)
    expect(mayChangeFigures('insert into "audit_log" ("actor") values ($1)')).toBe(false)
    expect(mayChangeFigures('update "kpi_targets" set "target" = $1')).toBe(true)
    expect(mayChangeFigures('delete from "alerts" where true')).toBe(true)
    expect(mayChangeFigures('with x as (delete from alerts returning 1) select * from x')).toBe(true)
    expect(mayChangeFigures('commit')).toBe(true)
  })
})
