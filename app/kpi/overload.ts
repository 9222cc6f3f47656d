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

export type OverloadLevel = 'normal' | 'watch' | 'overload'
/** Capacity signals: they make the overload level. */
export type OverloadSignal = 'UTILISATION' | 'WAIT_OVER_TARGET' | 'NEARLY_DUE_OVER_CAPACITY' | 'BACKLOG_GROWTH' | 'FORECAST_GROWTH'
/** The performance signal: graded on its own, never part of the overload level (issue #14). */
export type PerformanceSignal = 'OVERDUE_SHARE'

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
  /** The other figures its message shows (`overload.reason.<code>` in app/i18n/dict/kpi.ts). */
  params?: Record<string, number | string>
}
export interface OverloadAssessment {
  level: OverloadLevel
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

  const check = (
    code: OverloadSignal | PerformanceSignal,
    value: number | null,
    band: Band,
    strict: boolean,
    params?: (level: Exclude<OverloadLevel, 'normal'>) => Record<string, number | string>,
  ) => {
    if (value === null) return void (code !== 'OVERDUE_SHARE' && skipped.push(code))
    const g = grade(value, band, strict)
    if (g.level === 'normal' || g.threshold === null) return
    reasons.push({ code, level: g.level, value, threshold: g.threshold, ...(params ? { params: params(g.level) } : {}) })
  }
  /** A change in percent as a direction and a size: "tăng 25%" / "up 25%" in the message. */
  const change = (percent: number) => ({ direction: percent < 0 ? 'down' : 'up', change: Math.abs(percent) })

  check('UTILISATION', has(input.utilisation) ? input.utilisation : null, t.utilisation, false)
  check('WAIT_OVER_TARGET', has(input.probWaitOverTarget) ? input.probWaitOverTarget : null, t.probWaitOverTarget, false)

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
      (lv) => ({ days: days(lv) }),
    )
  } else skipped.push('NEARLY_DUE_OVER_CAPACITY')

  const backlog = has(input.backlogTrendPct) ? input.backlogTrendPct : null
  check('BACKLOG_GROWTH', backlog, t.backlogGrowthPct, true, () => change(backlog ?? 0))
  const forecast = has(input.forecastGrowthPct) ? input.forecastGrowthPct : null
  check('FORECAST_GROWTH', forecast, t.forecastGrowthPct, true, () => change(forecast ?? 0))

  const { overdue, open } = input
  check('OVERDUE_SHARE', has(overdue) && has(open) && open > 0 ? overdue / open : null, t.overdueShare, false, () => ({
    overdue: overdue ?? 0,
    open: open ?? 0,
  }))

  // The overdue share is performance, not capacity: taken out of the reasons into its own figure.
  const perfAt = reasons.findIndex((r) => r.code === 'OVERDUE_SHARE')
  const perfReason = perfAt >= 0 ? reasons.splice(perfAt, 1)[0]! : null
  const share = has(overdue) && has(open) && open > 0 ? overdue / open : null
  const performance = share === null ? null : { overdueShare: share, level: perfReason?.level ?? ('normal' as const), reason: perfReason }
  // Stable sort: overload reasons first, table order kept within a level.
  reasons.sort((a, b) => RANK[b.level] - RANK[a.level])
  const level: OverloadLevel = reasons.length ? reasons[0].level : 'normal'
  return { level, reasons, skipped, performance }
}
