/**
 * "Errors are responses, not zeros": with ClickHouse gone (the real chDB client closed), the overview's
 * KPI families come back as errors — tiles in an error state, commune figures blank (null) — while the
 * Postgres parts (communes, targets, alerts) still load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestStores, type TestStores } from './support/stores.ts'
import { loadOverview, scopedCommunes } from '../app/dashboard/overview.server.ts'
import { loadCommune } from '../app/dashboard/commune.server.ts'
import { resolvePeriod } from '../app/lib/url-filters.ts'

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
})
afterAll(async () => s?.dispose())

describe('a store that cannot be read', () => {
  it('gives error states, never zeros', async () => {
    const communes = await scopedCommunes(s, 'all', 'all')
    expect(communes).toHaveLength(78)
    await s.ch.close()
    const p = resolvePeriod({ period: '30d', compare: 'previous' }, '2026-11-24')
    const ov = await loadOverview(s, communes, p)
    for (const k of ['backlog', 'overdue', 'onTime', 'satisfied', 'qd766'] as const) expect(ov.tiles[k].ok).toBe(false)
    expect(ov.failed).toEqual(expect.arrayContaining(['backlog', 'satisfaction', 'qd766']))
    expect(ov.rows).toHaveLength(78)
    expect(ov.rows.every((r) => r.received === null && r.backlog === null && r.onTimeRate === null && r.qd766Total === null)).toBe(true)
    expect(ov.alerts.ok).toBe(true) // alerts live in Postgres
    const c = await loadCommune(s, communes[0]!.code, p)
    expect([c.summary.ok, c.trend.ok, c.history.ok]).toEqual([false, false, false])
  })
})
