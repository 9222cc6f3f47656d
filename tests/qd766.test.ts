import { describe, expect, it } from 'vitest'
import { GROUPS_766, MAX_TOTAL_766, METRICS_766, sameCoverage766, score766, target766, type Score766Input } from '../app/kpi/qd766'
import { round } from '../app/kpi/numbers'
import { translate } from '../app/i18n/messages'

const r = (numerator: number | null, denominator: number | null) => ({ numerator, denominator })

/** A complete input (Quảng Trị-like figures, docs/design.md §5) where every computable group has data. */
const full: Score766Input = {
  PUBLISH_ON_TIME: r(1, 1), //                       6 × 1                       = 6
  PUBLIC_UPDATE_ON_TIME: r(22, 25), //               4 × 0.88                    = 3.52
  PUBLIC_CONTENT_FULL: r(25, 25), //                 2 × 1                       = 2
  DOSSIER_SYNC: r(250_000, 256_133), //              6 × 0.976055…  = 5.8563…    → 5.86
  TDGQ: r(221_154, 256_133), //                      20 × 0.863438… = 17.2688…   → 17.27
  PAYMENT_ONLINE: r(897, 1000), //                   6 × 0.897      = 5.382      → 5.38
  PAYMENT_FORMALITY: r(120, 200), //                 min(2, 2.5 × 0.6) = 1.5
  PAYMENT_FEE_SYNC: r(150, 200), //                  2.5 × 0.75     = 1.875      → 1.88
  ORIGINAL_RESULT_AVAILABLE: r(818, 1000), //        6 × 0.818      = 4.908      → 4.91
  SO_HOA_GIAY_TO_GIAI_QUYET: r(280, 1000), //        4 × 0.28                    = 1.12
  REUSED_DIGITIZED_DATA: r(300, 1000), //            2 × 0.3 / 0.8               = 0.75
  SYNCED_WITH_DVCQG_PERSONAL_STORAGE: r(0, 1000), // 0
  CITIZEN_DATA_CONNECTED_DOSSIER: r(541, 1000), //   2 × 0.541      = 1.082      → 1.08
  CITIZEN_DATA_CONNECTED_FORMALITY: r(40, 80), //    2 × 0.5                     = 1
  ELECTRONIC_CERTIFIED_COPY: r(78, 78), //           2
  DOSSIER_RECEIVING_SATISFACTION: r(221_089, 256_133), // min(6, 6 × 0.863181… / 0.9) = 5.7545… → 5.75
  PETITION_PROCESSING_ON_TIME: r(91, 185), //        6 × 0.491891…  = 2.9513…    → 2.95
  PETITION_HANDLING_SATISFACTION: r(120, 150), //    6 × 0.8                     = 4.8
}

describe('score766 — worked figures', () => {
  const s = score766(full)

  it('TDGQ 221,154 / 256,133 → 17.27', () => {
    expect(s.metrics.TDGQ).toBe(17.27)
    expect(s.groups.TDGQ).toBe(17.27)
  })
  it('DOSSIER_RECEIVING_SATISFACTION 221,089 / 256,133 → 5.75', () => {
    expect(s.metrics.DOSSIER_RECEIVING_SATISFACTION).toBe(5.75)
  })
  it('PETITION_PROCESSING_ON_TIME 91 / 185 → 2.95', () => {
    expect(s.metrics.PETITION_PROCESSING_ON_TIME).toBe(2.95)
  })
  it('PUBLIC_UPDATE_ON_TIME 22 / 25 → 3.52', () => {
    expect(s.metrics.PUBLIC_UPDATE_ON_TIME).toBe(3.52)
  })

  it('groups are sums of rounded metric points; total is the sum of groups', () => {
    expect(s.groups).toEqual({
      CKMB: 17.38, //  6 + 3.52 + 2 + 5.86
      TDGQ: 17.27,
      ONLINE: null,
      TTTT: 8.76, //   5.38 + 1.5 + 1.88
      MDSH: 10.86, //  4.91 + 1.12 + 0.75 + 0 + 1.08 + 1 + 2
      MDHL: 13.5, //   5.75 + 2.95 + 4.8
    })
    // 17.38 + 17.27 + 8.76 + 10.86 + 13.5 = 67.77
    expect(s.total).toBe(67.77)
    expect(s.maxComputed).toBe(88) // 100 − ONLINE's 12
    expect(s.notComputed).toEqual(['ONLINE'])
    expect(s.missingMetrics).toEqual([])
  })

  it('rounds each metric before summing (1/7 rates: 5.53, not 5.52)', () => {
    const g = score766({
      PUBLISH_ON_TIME: r(1, 7), //       6/7 = 0.857… → 0.86
      PUBLIC_UPDATE_ON_TIME: r(22, 25), //             3.52
      PUBLIC_CONTENT_FULL: r(1, 7), //   2/7 = 0.285… → 0.29
      DOSSIER_SYNC: r(1, 7), //          6/7 = 0.857… → 0.86
    })
    // unrounded sum 0.857142 + 3.52 + 0.285714 + 0.857142 = 5.52; portal sum 0.86 + 3.52 + 0.29 + 0.86 = 5.53
    expect(g.groups.CKMB).toBe(5.53)
    expect(g.total).toBe(5.53)
    expect(g.maxComputed).toBe(18)
  })
})

describe('score766 — rules', () => {
  it('zero complaints give both complaint metrics full points', () => {
    const s = score766({
      DOSSIER_RECEIVING_SATISFACTION: r(95, 100), // 6 × 0.95 / 0.9 = 6.33 → capped at 6
      PETITION_PROCESSING_ON_TIME: r(0, 0),
      PETITION_HANDLING_SATISFACTION: r(0, 0),
    })
    expect(s.metrics.PETITION_PROCESSING_ON_TIME).toBe(6)
    expect(s.metrics.PETITION_HANDLING_SATISFACTION).toBe(6)
    expect(s.metrics.DOSSIER_RECEIVING_SATISFACTION).toBe(6)
    expect(s.groups.MDHL).toBe(18)
  })

  it('a missing metric is null (never 0) and its group is the sum of the others, out of their maxima', () => {
    // Was: the whole group null (MDHL and CKMB dropped: 36.89 / 52). Issue #14 / ADR 024: a group is never dropped.
    const { PETITION_HANDLING_SATISFACTION: _dropped, ...rest } = full
    const s = score766({ ...rest, DOSSIER_SYNC: r(null, 256_133) })
    expect(s.metrics.PETITION_HANDLING_SATISFACTION).toBeNull()
    expect(s.metrics.DOSSIER_SYNC).toBeNull()
    expect(s.groups.MDHL).toBe(8.7) // 5.75 + 2.95, out of 12
    expect(s.groupMax.MDHL).toBe(12)
    expect(s.groups.CKMB).toBe(11.52) // 6 + 3.52 + 2, out of 12
    expect(s.groupMax.CKMB).toBe(12)
    // 11.52 + 17.27 + 8.76 + 10.86 + 8.7 = 57.11 out of 12 + 20 + 10 + 22 + 12 = 76
    expect(s.total).toBe(57.11)
    expect(s.maxComputed).toBe(76)
    expect(s.share).toBeCloseTo(57.11 / 76, 12)
    expect(s.notComputed).toEqual(['ONLINE'])
    expect(s.missingMetrics).toEqual(['DOSSIER_SYNC', 'PETITION_HANDLING_SATISFACTION'])
  })

  it('a group is null only when none of its metrics is computed', () => {
    const s = score766({ PAYMENT_ONLINE: r(1, 2), ORIGINAL_RESULT_AVAILABLE: r(3, 4), SO_HOA_GIAY_TO_GIAI_QUYET: r(null, 4) })
    expect(s.groups).toEqual({ CKMB: null, TDGQ: null, ONLINE: null, TTTT: 3, MDSH: 4.5, MDHL: null })
    expect(s.groupMax).toEqual({ CKMB: null, TDGQ: null, ONLINE: null, TTTT: 6, MDSH: 6, MDHL: null })
    expect(s.total).toBe(7.5)
    expect(s.maxComputed).toBe(12)
  })

  it('Cửa Việt (issue #14): 91.5 % on time, one complaint handled on time and not rated → 18.3 + 18, out of 38, not 20', () => {
    const s = score766({
      TDGQ: r(183, 200), //                              20 × 0.915 = 18.3
      DOSSIER_RECEIVING_SATISFACTION: r(183, 200), //    min(6, 6 × 0.915 / 0.9) = 6
      PETITION_PROCESSING_ON_TIME: r(1, 1), //           6
      PETITION_HANDLING_SATISFACTION: r(0, 0), //    nobody answered: nothing to count → 6 (ADR 024)
    })
    expect(s.groups.MDHL).toBe(18)
    expect(s.total).toBe(36.3)
    expect(s.maxComputed).toBe(38)
    expect(s.share).toBeCloseTo(0.955263, 6)
  })

  it('a zero denominator outside complaints is "nothing to measure" → null', () => {
    const s = score766({ TDGQ: r(0, 0), PETITION_PROCESSING_ON_TIME: r(0, 0) })
    expect(s.metrics.TDGQ).toBeNull()
    expect(s.groups.TDGQ).toBeNull()
    // The complaint metric's "none" value still counts: 6 out of 6.
    expect(s.groups.MDHL).toBe(6)
    expect(s.total).toBe(6)
    expect(s.maxComputed).toBe(6)
    expect(score766({ TDGQ: r(0, 0) }).total).toBeNull() // no group computable at all
    expect(score766({ TDGQ: r(0, 0) }).maxComputed).toBe(0)
  })

  it('the target is scaled to the computable points: 70 of 100 → 40.6 of 58, 26.6 of 38', () => {
    expect(target766(70, 58)).toBe(40.6)
    expect(target766(70, 38)).toBe(26.6)
    expect(target766(70, 100)).toBe(70)
    expect(target766(null, 58)).toBeNull()
    expect(target766(70, 0)).toBeNull()
  })

  it('two periods are comparable only when the same metrics were computed', () => {
    const a = score766({ TDGQ: r(1, 2), PAYMENT_ONLINE: r(1, 2) })
    const b = score766({ TDGQ: r(2, 2), PAYMENT_ONLINE: r(0, 2) })
    const c = score766({ TDGQ: r(2, 2), PAYMENT_ONLINE: r(0, 0) }) // no fee-bearing dossier: TTTT not computed
    expect(sameCoverage766(a, b)).toBe(true)
    expect(sameCoverage766(a, c)).toBe(false)
  })

  it('caps the payment group at 10 and clamps rates to [0, 1]', () => {
    const s = score766({
      PAYMENT_ONLINE: r(1000, 1000), //   6
      PAYMENT_FORMALITY: r(50, 50), //    min(2, 2.5) = 2
      PAYMENT_FEE_SYNC: r(60, 50), //     rate clamped to 1 → 2.5
    })
    expect(s.metrics.PAYMENT_FEE_SYNC).toBe(2.5)
    expect(s.groups.TTTT).toBe(10) // 10.5 capped
    expect(score766({ PAYMENT_FORMALITY: r(70, 100) }).metrics.PAYMENT_FORMALITY).toBe(1.75) // 2.5 × 0.7
  })

  it('REUSED_DIGITIZED_DATA reaches full points at 80 %', () => {
    expect(score766({ REUSED_DIGITIZED_DATA: r(80, 100) }).metrics.REUSED_DIGITIZED_DATA).toBe(2)
    expect(score766({ REUSED_DIGITIZED_DATA: r(40, 100) }).metrics.REUSED_DIGITIZED_DATA).toBe(1)
  })

  it('ONLINE is always null, whatever is passed', () => {
    const s = score766({ ...full, ONLINE: r(10, 10) } as Score766Input)
    expect(s.groups.ONLINE).toBeNull()
    expect(s.notComputed).toContain('ONLINE')
  })

  it('rejects negative or non-finite counts', () => {
    expect(() => score766({ TDGQ: r(-1, 10) })).toThrow(RangeError)
    expect(() => score766({ TDGQ: r(1, Number.NaN) })).toThrow(RangeError)
  })

  it('round rounds half up despite binary noise', () => {
    expect(round(1.005, 2)).toBe(1.01)
    expect(round(1.875, 2)).toBe(1.88)
    expect(round(2.9449999, 2)).toBe(2.94)
  })
})

describe('766 metadata', () => {
  it('group maxima add to 100 and metric maxima to their group (TTTT capped)', () => {
    expect(GROUPS_766.reduce((a, g) => a + g.max, 0)).toBe(MAX_TOTAL_766)
    const sum = (g: string) => METRICS_766.filter((x) => x.group === g).reduce((a, x) => a + x.max, 0)
    expect(sum('CKMB')).toBe(18)
    expect(sum('TDGQ')).toBe(20)
    expect(sum('MDSH')).toBe(22)
    expect(sum('MDHL')).toBe(18)
    expect(sum('TTTT')).toBe(10.5) // 6 + 2 + 2.5, group capped at 10
    expect(sum('ONLINE')).toBe(0) // no published formula, no metrics
    for (const x of METRICS_766)
      expect(translate('vi', `q766.metric.${x.code}`).length * translate('en', `q766.metric.${x.code}`).length).toBeGreaterThan(0)
  })
})
