/**
 * Freshness per commune on the data page (issue #18, IT): each commune's newest dossier data, the communes silent
 * longer than the threshold flagged and listed first (never heard from, then the longest silence). Real chDB +
 * PGlite, hand-written dossier versions, a fixed clock, exact hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { communeFreshness, silentHoursParam } from '../app/dashboard/commune-freshness.server.ts'
import { insertDossiers, QT } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let s: TestStores
const NOW = Date.parse('2026-03-10T12:00:00+07:00')

beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, [
    { id: 'F1', commune: QT.dongHoi, received: '2026-03-09', updated: '2026-03-10 10:00' }, // 2 h
    { id: 'F2', commune: QT.dongSon, received: '2026-03-05', updated: '2026-03-06 08:00' }, // 100 h
    { id: 'F3', commune: QT.minhHoa, received: '2026-03-01', updated: '2026-03-02 04:00' }, // 200 h…
    { id: 'F3', commune: QT.minhHoa, received: '2026-03-01', updated: '2026-03-10 02:00' }, // …then a newer version: 10 h
  ])
})
afterAll(async () => s?.dispose())

describe('freshness per commune', () => {
  it('72 h: the communes never heard from first, then Đồng Sơn (100 h); Đồng Hới and Minh Hóa are fresh', async () => {
    const rows = await communeFreshness(s, 72, NOW)
    expect(rows).toHaveLength(78)
    expect(rows.filter((r) => r.silent)).toHaveLength(76)
    expect(rows.slice(0, 75).every((r) => r.lastAt === null && r.silentHours === null && r.silent)).toBe(true)
    expect(rows.slice(75).map((r) => [r.code, r.silentHours, r.silent, r.lastAt])).toEqual([
      [QT.dongSon, 100, true, '2026-03-06T01:00:00.000Z'],
      [QT.dongHoi, 2, false, '2026-03-10T03:00:00.000Z'],
      [QT.minhHoa, 10, false, '2026-03-09T19:00:00.000Z'],
    ])
    expect(rows[75]!.loadedAt).not.toBeNull()
  })

  it('120 h: Đồng Sơn is no longer flagged', async () => {
    const rows = await communeFreshness(s, 120, NOW)
    expect(rows.filter((r) => r.silent)).toHaveLength(75)
    expect(rows.find((r) => r.code === QT.dongSon)).toMatchObject({ silent: false, silentHours: 100 })
  })

  it('the page threshold: whole hours 1–720, else the configured default', () => {
    expect(silentHoursParam(new URLSearchParams('silent=24'), 72)).toBe(24)
    for (const bad of ['', 'silent=0', 'silent=721', 'silent=1.5', 'silent=abc'])
      expect(silentHoursParam(new URLSearchParams(bad), 72)).toBe(72)
  })
})
