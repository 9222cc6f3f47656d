import { reasonBoth, sayReason, translateCode } from '../app/i18n/messages.ts'
import { describe, expect, it } from 'vitest'
import { DEFAULT_OVERLOAD_THRESHOLDS, assessOverload, type OverloadAssessment, type OverloadReason } from '../app/kpi/overload'

/** An assessment as the pages show it: the level's name and each reason's words in both languages (app/i18n/dict/kpi.ts). */
const said = ({ params, ...r }: OverloadReason) => ({ ...r, ...reasonBoth('overload.reason', { ...r, params }) })
const levelName = (level: string) => ({ vi: translateCode('vi', `overload.${level}`), en: translateCode('en', `overload.${level}`) })
const shown = (a: OverloadAssessment) => ({
  ...a,
  label: levelName(a.level),
  reasons: a.reasons.map(said),
  performance: a.performance && { ...a.performance, reason: a.performance.reason && said(a.performance.reason) },
})

describe('assessOverload', () => {
  it('normal when every signal is under its watch threshold', () => {
    expect(
      shown(
        assessOverload({
          utilisation: 0.6,
          probWaitOverTarget: 0.05,
          backlogTrendPct: 5,
          nearlyDue: 10,
          capacityPerDay: 40,
          forecastGrowthPct: 3,
          overdue: 2,
          open: 200,
        }),
      ),
    ).toEqual({
      level: 'normal',
      label: { vi: 'bình thường', en: 'normal' },
      reasons: [],
      skipped: [],
      performance: { overdueShare: 0.01, level: 'normal', reason: null }, // 2/200, a figure apart (issue #14)
    })
  })

  it('overload driven by dossiers nearly due, with every watch reason explained', () => {
    const a = assessOverload({
      utilisation: 0.92,
      probWaitOverTarget: 0.35,
      backlogTrendPct: 25,
      nearlyDue: 120, // capacity 50/day × 2 days = 100 < 120 → overload
      capacityPerDay: 50,
      forecastGrowthPct: 10,
      overdue: 30, // 30 / 200 = 15 % → watch
      open: 200,
    })
    expect(shown(a)).toEqual({
      level: 'overload',
      label: { vi: 'quá tải', en: 'overload' },
      skipped: [],
      reasons: [
        {
          code: 'NEARLY_DUE_OVER_CAPACITY',
          level: 'overload',
          value: 120,
          threshold: 100,
          vi: '120 hồ sơ sắp đến hạn, vượt năng lực xử lý 2 ngày làm việc (100 hồ sơ).',
          en: '120 dossiers nearly due, more than 2 working days of capacity (100 dossiers).',
        },
        {
          code: 'UTILISATION',
          level: 'watch',
          value: 0.92,
          threshold: 0.85,
          vi: 'Mức sử dụng công suất dự báo 92% (ngưỡng cần theo dõi 85%).',
          en: 'Predicted capacity utilisation is 92% (watch threshold 85%).',
        },
        {
          code: 'WAIT_OVER_TARGET',
          level: 'watch',
          value: 0.35,
          threshold: 0.2,
          vi: 'Xác suất người dân phải chờ quá thời gian mục tiêu là 35% (ngưỡng cần theo dõi 20%).',
          en: 'Probability of waiting longer than the target is 35% (watch threshold 20%).',
        },
        {
          code: 'BACKLOG_GROWTH',
          level: 'watch',
          value: 25,
          threshold: 20,
          vi: 'Hồ sơ tồn đọng tăng 25% so với kỳ trước (ngưỡng cần theo dõi 20%).',
          en: 'Open dossiers up 25% on the previous period (watch threshold 20%).',
        },
      ],
      // Issue #14: the overdue share is performance, a figure of its own beside the capacity level.
      performance: {
        overdueShare: 0.15,
        level: 'watch',
        reason: {
          code: 'OVERDUE_SHARE',
          level: 'watch',
          value: 0.15,
          threshold: 0.1,
          vi: '30/200 hồ sơ đang xử lý đã quá hạn (15%; ngưỡng cần theo dõi 10%).',
          en: '30 of 200 open dossiers are overdue (15%; watch threshold 10%).',
        },
      },
    })
  })

  it('thresholds: ≥ for utilisation, waits and overdue share; > for nearly-due, backlog and forecast', () => {
    const a = assessOverload({
      utilisation: 0.85, //      = watch → watch
      probWaitOverTarget: 0.5, // = overload → overload
      backlogTrendPct: 20, //    not > 20 → normal
      nearlyDue: 100, //         > 50 (1 day) but not > 100 (2 days) → watch
      capacityPerDay: 50,
      forecastGrowthPct: 20, //  not > 20 → normal
      overdue: 20, //            20/200 = 10 % = watch → watch
      open: 200,
    })
    expect(a.level).toBe('overload')
    expect(a.reasons.map((r) => [r.code, r.level, r.threshold])).toEqual([
      ['WAIT_OVER_TARGET', 'overload', 0.5],
      ['UTILISATION', 'watch', 0.85],
      ['NEARLY_DUE_OVER_CAPACITY', 'watch', 50],
    ])
    expect(a.performance).toMatchObject({ overdueShare: 0.1, level: 'watch' }) // apart from the capacity level
    expect(sayReason('en', 'overload.reason', a.reasons[2])).toBe(
      '100 dossiers nearly due, more than 1 working day of capacity (50 dossiers).',
    )
    expect(sayReason('vi', 'overload.reason', a.reasons[0])).toBe(
      'Xác suất người dân phải chờ quá thời gian mục tiêu là 50% (ngưỡng quá tải 50%).',
    )
  })

  it('missing inputs are skipped, not treated as fine; an unstable queue is overload', () => {
    const a = assessOverload({ utilisation: 1.2, overdue: 5, open: 0, nearlyDue: 40 })
    expect(shown(a)).toEqual({
      level: 'overload',
      label: { vi: 'quá tải', en: 'overload' },
      reasons: [
        {
          code: 'UTILISATION',
          level: 'overload',
          value: 1.2,
          threshold: 1,
          vi: 'Mức sử dụng công suất dự báo 120% (ngưỡng quá tải 100%).',
          en: 'Predicted capacity utilisation is 120% (overload threshold 100%).',
        },
      ],
      skipped: ['WAIT_OVER_TARGET', 'NEARLY_DUE_OVER_CAPACITY', 'BACKLOG_GROWTH', 'FORECAST_GROWTH'],
      performance: null, // no open dossiers: no overdue share
    })
  })

  it('forecast growth alone can only reach watch; decimals use a comma in Vietnamese', () => {
    const a = assessOverload({ forecastGrowthPct: 62.5 })
    expect(a.level).toBe('watch')
    expect(sayReason('vi', 'overload.reason', a.reasons[0])).toBe('Dự báo lượng hồ sơ tiếp nhận tăng 62,5% (ngưỡng cần theo dõi 20%).')
    expect(sayReason('en', 'overload.reason', a.reasons[0])).toBe('Forecast intake up 62.5% (watch threshold 20%).')
  })

  it('accepts partial threshold overrides and formats thousands', () => {
    const a = assessOverload({ overdue: 1250, open: 5000, utilisation: 0.9 }, { overdueShare: { watch: 0.3, overload: 0.5 } })
    expect(a.level).toBe('watch') // 25 % overdue is now below watch; utilisation 0.9 still ≥ 0.85
    expect(a.reasons.map((r) => r.code)).toEqual(['UTILISATION'])
    const b = assessOverload({ overdue: 1250, open: 5000 })
    expect(b.level).toBe('normal') // 25 % overdue is performance, not overload (issue #14)
    expect(b.reasons).toEqual([])
    expect(b.performance!.level).toBe('overload')
    expect(sayReason('vi', 'overload.reason', b.performance!.reason!)).toBe(
      '1.250/5.000 hồ sơ đang xử lý đã quá hạn (25%; ngưỡng quá tải 20%).',
    )
    expect(sayReason('en', 'overload.reason', b.performance!.reason!)).toBe(
      '1,250 of 5,000 open dossiers are overdue (25%; overload threshold 20%).',
    )
    expect(DEFAULT_OVERLOAD_THRESHOLDS.utilisation).toEqual({ watch: 0.85, overload: 1 })
  })
})
