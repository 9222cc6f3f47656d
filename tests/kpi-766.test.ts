/**
 * The 766 index per commune and for the province, built from hand-written dossiers (March 2026): every
 * metric we can derive, with its numerator, denominator and points; the others null ("not computed").
 * Groups are the sums of their computed metrics out of the points those can reach (ADR 024), so expected
 * totals changed with issue #14: Đồng Hới 38 / 38 → 50.13 / 58 (TTTT and MDSH were dropped whole before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get766, inputs766ByCommune, explain766 } from '../app/kpi/qd766.server.ts'
import { translateCode } from '../app/i18n/messages.ts'
import { rank766 } from '../app/dashboard/qd766.server.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { insertDossiers, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
const S = QT.dongSon
const march = { from: '2026-03-01', to: '2026-03-31' }
const base = { received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-04 10:00' }

// prettier-ignore
const dossiers: DossierFixture[] = [
  // Đồng Hới: 4 dossiers, all resolved on time.
  { id: 'H1', commune: H, ...base, eResult: true, digitised: true, dataReused: true, populationData: true, fee: 50_000, paidOnline: 1 },
  { id: 'H2', commune: H, ...base, eResult: true, digitised: true, populationData: true, fee: 20_000, paidOnline: 0 },
  { id: 'H3', commune: H, ...base, eResult: true, populationData: true },
  { id: 'H4', commune: H, ...base, populationData: true },
  // Đồng Sơn: 2 dossiers, one late; one withdrawn (not in the e-result denominator).
  { id: 'S1', commune: S, ...base, finished: '2026-03-09 10:00', eResult: true },
  { id: 'S2', commune: S, received: '2026-03-02 08:00', due: '2026-03-06 17:00', status: 7, updated: '2026-03-03 09:00' },
]

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, dossiers)
  await refreshRollups(s, { fromDay: '2026-02-01', toDay: '2026-04-30' })
})
afterAll(async () => s?.dispose())

const line = (r: Awaited<ReturnType<typeof get766>>, code: string) => r.lines.find((l) => l.code === code)!

describe('766 per commune', () => {
  it('builds every derivable metric from the data, with the line-by-line breakdown', async () => {
    const r = await get766(s, { ...march, commune: H })
    const pick = (code: string) => {
      const l = line(r, code)
      return [l.numerator, l.denominator, l.points]
    }
    expect(pick('TDGQ')).toEqual([4, 4, 20])
    expect(pick('DOSSIER_RECEIVING_SATISFACTION')).toEqual([4, 4, 6])
    expect(pick('PETITION_PROCESSING_ON_TIME')).toEqual([0, 0, 6]) // no complaints → full points
    expect(pick('PETITION_HANDLING_SATISFACTION')).toEqual([0, 0, 6])
    expect(pick('ORIGINAL_RESULT_AVAILABLE')).toEqual([3, 4, 4.5]) // 6 × 3/4
    expect(pick('SO_HOA_GIAY_TO_GIAI_QUYET')).toEqual([2, 4, 2]) // 4 × 2/4
    expect(pick('REUSED_DIGITIZED_DATA')).toEqual([1, 4, 0.63]) // 2 × 0.25 / 0.8 = 0.625 → 0.63
    expect(pick('CITIZEN_DATA_CONNECTED_DOSSIER')).toEqual([4, 4, 2])
    expect(pick('PAYMENT_ONLINE')).toEqual([1, 2, 3]) // 6 × 1/2
    expect(translateCode('vi', line(r, 'TDGQ').source)).toContain('cần giải quyết')
  })

  it('metrics our data cannot give are null — never 0 — and a group is the sum of its computed metrics', async () => {
    const r = await get766(s, { ...march, commune: H })
    for (const code of [
      'PUBLISH_ON_TIME',
      'PUBLIC_UPDATE_ON_TIME',
      'PUBLIC_CONTENT_FULL',
      'DOSSIER_SYNC',
      'PAYMENT_FORMALITY',
      'PAYMENT_FEE_SYNC',
      'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
      'CITIZEN_DATA_CONNECTED_FORMALITY',
      'ELECTRONIC_CERTIFIED_COPY',
    ])
      expect(line(r, code), code).toMatchObject({ numerator: null, denominator: null, points: null })
    // Was { TTTT: null, MDSH: null } and 38 / 38: a group was dropped when one metric was missing (issue #14).
    // TTTT 3 (of PAYMENT_ONLINE's 6); MDSH 4.5 + 2 + 0.63 + 2 = 9.13 (of 6 + 4 + 2 + 2 = 14).
    expect(r.groups).toEqual({ CKMB: null, TDGQ: 20, ONLINE: null, TTTT: 3, MDSH: 9.13, MDHL: 18 })
    expect(r.groupMax).toEqual({ CKMB: null, TDGQ: 20, ONLINE: null, TTTT: 6, MDSH: 14, MDHL: 18 })
    expect(r.total).toBe(50.13)
    expect(r.maxComputed).toBe(58)
    expect(r.notComputed).toEqual(['CKMB', 'ONLINE'])
  })

  it('a withdrawn dossier is processed (on time here) but is not in the e-result denominator', async () => {
    const r = await get766(s, { ...march, commune: S })
    expect([line(r, 'TDGQ').numerator, line(r, 'TDGQ').denominator, line(r, 'TDGQ').points]).toEqual([1, 2, 10])
    expect([line(r, 'ORIGINAL_RESULT_AVAILABLE').numerator, line(r, 'ORIGINAL_RESULT_AVAILABLE').denominator]).toEqual([1, 1])
    // S1 is late → dissatisfied: 1 / 2 → 6 × 0.5 / 0.9 = 3.33.
    expect(line(r, 'DOSSIER_RECEIVING_SATISFACTION').points).toBe(3.33)
    expect(r.groups.MDHL).toBe(15.33)
  })

  it('a commune with no dossiers: TDGQ and dossier satisfaction not computed (0 / 0); complaints full, 12 / 12; not ranked', async () => {
    const r = await get766(s, { ...march, commune: QT.minhHoa })
    expect(r.groups.TDGQ).toBeNull()
    expect(line(r, 'PETITION_PROCESSING_ON_TIME').points).toBe(6)
    expect(r.groups.MDHL).toBe(12) // was null: its dossier-satisfaction metric has nothing to measure
    expect(r.groupMax.MDHL).toBe(12)
    expect(r.total).toBe(12)
    expect(r.maxComputed).toBe(12)
    expect(
      rank766([{ share: r.share, groups: r.groups }])
        .values()
        .next().value,
    ).toBeNull()
  })
})

describe('766 ranking', () => {
  it('ranks on the share of computable points; a commune with nothing to process is not ranked', async () => {
    const inputs = await inputs766ByCommune(s, [H, S, QT.minhHoa], march.from, march.to)
    const rows = [H, S, QT.minhHoa].map((code) => ({ code, ...explain766(inputs.get(code)!) }))
    const ranks = rank766(rows)
    // Đồng Hới 50.13 / 58 = 86.4 %; Đồng Sơn 10 + 6 (MDSH) + 15.33 = 31.33 / 52 = 60.3 % (no fee: no TTTT).
    expect(rows.map((r) => [r.code, r.total, r.maxComputed, ranks.get(r)])).toEqual([
      [H, 50.13, 58, 1],
      [S, 31.33, 52, 2],
      [QT.minhHoa, 12, 12, null],
    ])
  })
})

describe('766 for the province', () => {
  it('is scored on the summed inputs (ratios of sums), not on an average of commune scores', async () => {
    const r = await get766(s, march)
    // TDGQ 5/6 → 20 × 0.8333 = 16.67 (the commune scores 20 and 10 would average 15).
    expect([line(r, 'TDGQ').numerator, line(r, 'TDGQ').denominator, line(r, 'TDGQ').points]).toEqual([5, 6, 16.67])
    // Satisfaction 5/6 → min(6, 6 × 0.8333 / 0.9) = 5.56.
    expect(line(r, 'DOSSIER_RECEIVING_SATISFACTION').points).toBe(5.56)
    expect(r.groups.MDHL).toBe(17.56)
    // MDSH e-result 4/5 → 4.8, digitised 2/6 → 1.33, reused 1/6 → 0.42, population 4/6 → 1.33 = 7.88 of 14;
    // TTTT paid online 1/2 → 3 of 6. Was 34.23 / 38 with both groups dropped (issue #14).
    expect(r.groups.MDSH).toBe(7.88)
    expect(r.groups.TTTT).toBe(3)
    expect(r.total).toBe(45.11) // 16.67 + 3 + 7.88 + 17.56
    expect(r.maxComputed).toBe(58)
  })

  it('per-commune inputs for rankings agree with the one-commune call', async () => {
    const all = await inputs766ByCommune(s, [H, S], march.from, march.to)
    expect(explain766(all.get(H)!).total).toBe((await get766(s, { ...march, commune: H })).total)
    expect(explain766(all.get(S)!).total).toBe((await get766(s, { ...march, commune: S })).total)
  })
})
