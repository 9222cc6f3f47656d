/**
 * Overload level of a commune centre — "bình thường" / "cần theo dõi" / "quá tải" — WITH the reasons.
 *
 * Each signal is compared with a watch and an overload threshold; the centre's level is the worst signal's
 * level, and every signal at watch or overload becomes a reason carrying its value, the threshold it crossed
 * and one sentence in Vietnamese and one in English. A signal whose input is missing (null/undefined, or
 * open = 0 for the overdue share) is listed in `skipped`, never treated as fine or as zero.
 *
 * Default thresholds (editable, e.g. from the KPI thresholds table in Postgres):
 *   utilisation (ρ = A/N, Erlang)       watch ≥ 0.85   overload ≥ 1.00  (≥ 1: the queue never clears)
 *   P(wait > target)                    watch ≥ 0.20   overload ≥ 0.50
 *   dossiers nearly due vs capacity     watch > 1 day  overload > 2 working days of capacity
 *   backlog change vs previous period   watch > +20 %  overload > +50 %
 *   forecast intake change              watch > +20 %  (no overload on a forecast alone)
 *   overdue / open dossiers             watch ≥ 10 %   overload ≥ 20 %   (performance: graded apart, not in the level)
 * Units: utilisation, probabilities and the overdue share are fractions (0.15); *Pct inputs are percents (25).
 */
import type { Lang } from '../i18n/format.ts'

export type OverloadLevel = 'normal' | 'watch' | 'overload'
/** Capacity signals: they make the overload level. */
export type OverloadSignal = 'UTILISATION' | 'WAIT_OVER_TARGET' | 'NEARLY_DUE_OVER_CAPACITY' | 'BACKLOG_GROWTH' | 'FORECAST_GROWTH'
/** The performance signal: graded on its own, never part of the overload level (issue #14). */
export type PerformanceSignal = 'OVERDUE_SHARE'

export const OVERLOAD_LEVEL_LABELS: Record<OverloadLevel, { vi: string; en: string }> = {
  normal: { vi: 'bình thường', en: 'normal' },
  watch: { vi: 'cần theo dõi', en: 'watch' },
  overload: { vi: 'quá tải', en: 'overload' },
}

export interface OverloadInput {
  utilisation?: number | null
  probWaitOverTarget?: number | null
  /** Change of open dossiers vs the previous period, percent. */
  backlogTrendPct?: number | null
  /** Open dossiers due within the next 2 working days. */
  nearlyDue?: number | null
  /** Dossiers the staff can finish per working day. */
  capacityPerDay?: number | null
  forecastGrowthPct?: number | null
  overdue?: number | null
  open?: number | null
}

/** A null threshold disables that level for the signal. */
export interface Band {
  watch: number | null
  overload: number | null
}
export interface OverloadThresholds {
  utilisation: Band
  probWaitOverTarget: Band
  /** In working days of capacity. */
  nearlyDueCapacityDays: Band
  backlogGrowthPct: Band
  forecastGrowthPct: Band
  overdueShare: Band
}

export const DEFAULT_OVERLOAD_THRESHOLDS: OverloadThresholds = {
  utilisation: { watch: 0.85, overload: 1 },
  probWaitOverTarget: { watch: 0.2, overload: 0.5 },
  nearlyDueCapacityDays: { watch: 1, overload: 2 },
  backlogGrowthPct: { watch: 20, overload: 50 },
  forecastGrowthPct: { watch: 20, overload: null },
  overdueShare: { watch: 0.1, overload: 0.2 },
}

export interface OverloadReason {
  code: OverloadSignal | PerformanceSignal
  level: Exclude<OverloadLevel, 'normal'>
  value: number
  threshold: number
  vi: string
  en: string
}
export interface OverloadAssessment {
  level: OverloadLevel
  label: { vi: string; en: string }
  /** Worst first (overload before watch), then in the order of the table above. */
  reasons: OverloadReason[]
  /** Signals that could not be evaluated for lack of input. */
  skipped: OverloadSignal[]
  /**
   * Performance, a different figure with its own name ("tỷ lệ quá hạn", overdue share): overdue ÷ open, graded
   * against its own band; null without open dossiers. It never changes the capacity level above.
   */
  performance: { overdueShare: number; level: OverloadLevel; reason: OverloadReason | null } | null
}

// ── number formatting: vi uses a decimal comma and '.' for thousands; en the reverse ──────────────────
function num(x: number, lang: Lang, decimals = 1): string {
  const f = 10 ** decimals
  const r = Math.round(x * f) / f
  const fixed = Math.abs(r).toFixed(decimals)
  const [int, frac] = (fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed).split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',')
  return (r < 0 ? '−' : '') + grouped + (frac ? (lang === 'vi' ? ',' : '.') + frac : '')
}
const pct = (fraction: number, lang: Lang) => `${num(fraction * 100, lang)}%`
/** A change in percent as words: "tăng 25%" / "up 25%". */
const change = (percent: number, lang: Lang) =>
  `${percent < 0 ? (lang === 'vi' ? 'giảm' : 'down') : lang === 'vi' ? 'tăng' : 'up'} ${num(Math.abs(percent), lang)}%`
const thr = (level: Exclude<OverloadLevel, 'normal'>, lang: Lang) =>
  lang === 'vi'
    ? level === 'overload'
      ? 'ngưỡng quá tải'
      : 'ngưỡng cần theo dõi'
    : level === 'overload'
      ? 'overload threshold'
      : 'watch threshold'

type Msg = (lang: Lang, level: Exclude<OverloadLevel, 'normal'>, value: number, threshold: number) => string

/** Compares a value with a band; `strict` = crossing needs ">" rather than "≥". */
function grade(value: number, band: Band, strict: boolean): { level: OverloadLevel; threshold: number | null } {
  const hit = (t: number | null) => t !== null && (strict ? value > t : value >= t)
  if (hit(band.overload)) return { level: 'overload', threshold: band.overload }
  if (hit(band.watch)) return { level: 'watch', threshold: band.watch }
  return { level: 'normal', threshold: null }
}

const RANK: Record<OverloadLevel, number> = { normal: 0, watch: 1, overload: 2 }

export function assessOverload(input: OverloadInput, thresholds: Partial<OverloadThresholds> = {}): OverloadAssessment {
  const t: OverloadThresholds = { ...DEFAULT_OVERLOAD_THRESHOLDS, ...thresholds }
  const has = (x: number | null | undefined): x is number => typeof x === 'number' && !Number.isNaN(x)
  const reasons: OverloadReason[] = []
  const skipped: OverloadSignal[] = []

  const check = (code: OverloadSignal | PerformanceSignal, value: number | null, band: Band, strict: boolean, msg: Msg) => {
    if (value === null) return void (code !== 'OVERDUE_SHARE' && skipped.push(code))
    const g = grade(value, band, strict)
    if (g.level === 'normal' || g.threshold === null) return
    reasons.push({
      code,
      level: g.level,
      value,
      threshold: g.threshold,
      vi: msg('vi', g.level, value, g.threshold),
      en: msg('en', g.level, value, g.threshold),
    })
  }

  check('UTILISATION', has(input.utilisation) ? input.utilisation : null, t.utilisation, false, (l, lv, v, th) =>
    l === 'vi'
      ? `Công suất quầy đang sử dụng ${pct(v, l)} (${thr(lv, l)} ${pct(th, l)}).`
      : `Counter utilisation is ${pct(v, l)} (${thr(lv, l)} ${pct(th, l)}).`,
  )

  check('WAIT_OVER_TARGET', has(input.probWaitOverTarget) ? input.probWaitOverTarget : null, t.probWaitOverTarget, false, (l, lv, v, th) =>
    l === 'vi'
      ? `Xác suất người dân phải chờ quá thời gian mục tiêu là ${pct(v, l)} (${thr(lv, l)} ${pct(th, l)}).`
      : `Probability of waiting longer than the target is ${pct(v, l)} (${thr(lv, l)} ${pct(th, l)}).`,
  )

  // nearlyDue is compared with capacity × days: the band is rescaled to dossiers for this centre.
  if (has(input.nearlyDue) && has(input.capacityPerDay)) {
    const cap = input.capacityPerDay
    const band = t.nearlyDueCapacityDays
    const days = (lv: Exclude<OverloadLevel, 'normal'>) => (lv === 'overload' ? band.overload : band.watch) ?? 0
    check(
      'NEARLY_DUE_OVER_CAPACITY',
      input.nearlyDue,
      { watch: band.watch === null ? null : cap * band.watch, overload: band.overload === null ? null : cap * band.overload },
      true,
      (l, lv, v, th) =>
        l === 'vi'
          ? `${num(v, l)} hồ sơ sắp đến hạn, vượt năng lực xử lý ${num(days(lv), l)} ngày làm việc (${num(th, l)} hồ sơ).`
          : `${num(v, l)} dossiers nearly due, more than ${num(days(lv), l)} working day${days(lv) === 1 ? '' : 's'} of capacity (${num(th, l)} dossiers).`,
    )
  } else skipped.push('NEARLY_DUE_OVER_CAPACITY')

  check('BACKLOG_GROWTH', has(input.backlogTrendPct) ? input.backlogTrendPct : null, t.backlogGrowthPct, true, (l, lv, v, th) =>
    l === 'vi'
      ? `Hồ sơ tồn đọng ${change(v, l)} so với kỳ trước (${thr(lv, l)} ${num(th, l)}%).`
      : `Open dossiers ${change(v, l)} on the previous period (${thr(lv, l)} ${num(th, l)}%).`,
  )

  check('FORECAST_GROWTH', has(input.forecastGrowthPct) ? input.forecastGrowthPct : null, t.forecastGrowthPct, true, (l, lv, v, th) =>
    l === 'vi'
      ? `Dự báo lượng hồ sơ tiếp nhận ${change(v, l)} (${thr(lv, l)} ${num(th, l)}%).`
      : `Forecast intake ${change(v, l)} (${thr(lv, l)} ${num(th, l)}%).`,
  )

  const { overdue, open } = input
  check('OVERDUE_SHARE', has(overdue) && has(open) && open > 0 ? overdue / open : null, t.overdueShare, false, (l, lv, v, th) =>
    l === 'vi'
      ? `${num(overdue ?? 0, l)}/${num(open ?? 0, l)} hồ sơ đang xử lý đã quá hạn (${pct(v, l)}; ${thr(lv, l)} ${pct(th, l)}).`
      : `${num(overdue ?? 0, l)} of ${num(open ?? 0, l)} open dossiers are overdue (${pct(v, l)}; ${thr(lv, l)} ${pct(th, l)}).`,
  )

  // The overdue share is performance, not capacity: taken out of the reasons into its own figure.
  const perfAt = reasons.findIndex((r) => r.code === 'OVERDUE_SHARE')
  const perfReason = perfAt >= 0 ? reasons.splice(perfAt, 1)[0]! : null
  const share = has(overdue) && has(open) && open > 0 ? overdue / open : null
  const performance = share === null ? null : { overdueShare: share, level: perfReason?.level ?? ('normal' as const), reason: perfReason }
  // Stable sort: overload reasons first, table order kept within a level.
  reasons.sort((a, b) => RANK[b.level] - RANK[a.level])
  const level: OverloadLevel = reasons.length ? reasons[0].level : 'normal'
  return { level, label: OVERLOAD_LEVEL_LABELS[level], reasons, skipped, performance }
}
