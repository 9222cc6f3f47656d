/**
 * Issue #14 item 3, "766 scored fairly", on real engines: Xã Cửa Việt (91.5 % on time, one complaint handled
 * on time that nobody rated) is scored on every computable metric, communes rank on the share of computable
 * points, the target is scaled to them, and a period scored on other metrics gives no trend (ADR 024).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get766, inputs766ByCommune, explain766, tile766 } from '../app/kpi/qd766.server.ts'
import { rank766 } from '../app/dashboard/qd766.server.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { insertComplaints, insertDossiers, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const CV = '19496' // Xã Cửa Việt
const H = QT.dongHoi
const march = { from: '2026-03-01', to: '2026-03-31' }
const base = { received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-04 10:00' }

/** March: 183 of 200 on time (91.5 %), 10 with a fee (5 paid online); February: 10 on time, no fee (TTTT not
 * computable); January: 10 on time, 2 with a fee, both paid online. */
function cuaViet(): DossierFixture[] {
  const out: DossierFixture[] = []
  for (let i = 0; i < 200; i++)
    out.push({
      id: `CV${i}`,
      commune: CV,
      ...base,
      ...(i >= 183 ? { finished: '2026-03-09 10:00' } : {}),
      ...(i < 10 ? { fee: 10_000, paidOnline: i < 5 ? (1 as const) : (0 as const) } : {}),
    })
  const feb = { received: '2026-02-02 08:00', due: '2026-02-06 17:00', finished: '2026-02-04 10:00' }
  const jan = { received: '2026-01-05 08:00', due: '2026-01-09 17:00', finished: '2026-01-07 10:00' }
  for (let i = 0; i < 10; i++) out.push({ id: `CVF${i}`, commune: CV, ...feb })
  for (let i = 0; i < 10; i++) out.push({ id: `CVJ${i}`, commune: CV, ...jan, ...(i < 2 ? { fee: 10_000, paidOnline: 1 as const } : {}) })
  // Đồng Hới: 4 dossiers on time, nothing digitised, no fee.
  for (let i = 0; i < 4; i++) out.push({ id: `H${i}`, commune: H, ...base })
  return out
}

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, cuaViet())
  // One complaint, handled on time, that nobody rated.
  await insertComplaints(s.ch, [
    {
      id: 'CVC1',
      commune: CV,
      class: 'quy_dinh',
      category: 'khac',
      received: '2026-03-10 09:00',
      due: '2026-03-31 17:00',
      handled: '2026-03-12 10:00',
    },
  ])
  await refreshRollups(s, { fromDay: '2026-01-01', toDay: '2026-04-30' })
})
afterAll(async () => s?.dispose())

const line = (r: Awaited<ReturnType<typeof get766>>, code: string) => r.lines.find((l) => l.code === code)!

describe('766 scored fairly (issue #14)', () => {
  it('Cửa Việt: 91.5 % on time and one complaint handled on time, not rated → 39.3 / 58, not 18.3 / 20', async () => {
    const r = await get766(s, { ...march, commune: CV })
    expect([line(r, 'TDGQ').numerator, line(r, 'TDGQ').denominator, line(r, 'TDGQ').points]).toEqual([183, 200, 18.3])
    expect([line(r, 'PETITION_PROCESSING_ON_TIME').numerator, line(r, 'PETITION_PROCESSING_ON_TIME').denominator]).toEqual([1, 1])
    // Handled but unrated: nothing to count → the rule's "none" value, 6 (ADR 024); the old code dropped MDHL.
    expect(line(r, 'PETITION_HANDLING_SATISFACTION')).toMatchObject({ numerator: 0, denominator: 0, rate: null, points: 6 })
    expect(r.groups).toEqual({ CKMB: null, TDGQ: 18.3, ONLINE: null, TTTT: 3, MDSH: 0, MDHL: 18 })
    expect(r.total).toBe(39.3)
    expect(r.maxComputed).toBe(58)
  })

  it('ranks on the share of computable points, not on the total', async () => {
    const inputs = await inputs766ByCommune(s, [H, CV], march.from, march.to)
    const rows = [H, CV].map((code) => ({ code, ...explain766(inputs.get(code)!) }))
    const ranks = rank766(rows)
    // Đồng Hới 20 + 0 (MDSH) + 18 = 38 / 52 = 73.1 % ranks above Cửa Việt 39.3 / 58 = 67.8 %, whose total is higher.
    expect(rows.map((r) => [r.code, r.total, r.maxComputed, ranks.get(r)])).toEqual([
      [H, 38, 52, 1],
      [CV, 39.3, 58, 2],
    ])
  })

  it('no trend against a period scored on other metrics; the target is scaled to the computable points', async () => {
    const cur = await get766(s, { ...march, commune: CV })
    const feb = await get766(s, { from: '2026-02-01', to: '2026-02-28', commune: CV })
    // February: 10 on time, no fee-bearing dossier → TTTT not computable: 20 + 0 + 18 = 38 / 52.
    expect([feb.total, feb.maxComputed, feb.groups.TTTT]).toEqual([38, 52, null])
    // The old tile showed 39.3 ▲ +1.3 vs 38: a false trend.
    expect(tile766(cur, feb, 70)).toEqual({ value: 39.3, outOf: 58, previous: null, target: 40.6, previousOutOf: 52 })
    const jan = await get766(s, { from: '2026-01-01', to: '2026-01-31', commune: CV })
    // January: 2 fee-bearing dossiers, both paid online: 20 + 6 + 0 + 18 = 44 / 58 — same coverage, a real trend.
    expect([jan.total, jan.maxComputed]).toEqual([44, 58])
    expect(tile766(cur, jan, 70)).toEqual({ value: 39.3, outOf: 58, previous: 44, target: 40.6, previousOutOf: null })
  })
})
