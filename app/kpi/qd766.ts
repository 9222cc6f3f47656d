/**
 * Decision 766/QĐ-TTg (23/6/2022) "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân,
 * doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công" — the score the national portal
 * (dichvucong.gov.vn) shows, recomputed from numerator/denominator pairs. Pure: no I/O.
 *
 * Every scored metric follows one rule:  points = min(max, max × clamp(num / den, 0, 1) / fullAt)
 *   - fullAt = 1   → linear, full points at 100 %;
 *   - fullAt < 1   → full points already at that rate (REUSED_DIGITIZED_DATA 80 %, counter satisfaction 90 %,
 *                    PAYMENT_FORMALITY 80 %, which is the same thing as min(2, 2.5 × B)).
 * The portal rounds each metric's points to 2 decimals; a group is the sum of its rounded metric points
 * (TTTT then capped at 10); the total is the sum of the computed groups.
 *
 * Missing data is never a zero: a metric whose input is absent or has a null numerator/denominator is null
 * ("not computed"). A zero denominator means "nothing to measure" → null, except for the two complaint (PAKN)
 * metrics, whose rule gives full points (6) when there is nothing to count: no complaints, or (ADR 024) no
 * answered satisfaction question about their handling. A group is the sum of its computed metrics and can
 * reach the sum of their maxima (`groupMax`); it is null only when none of its metrics is computed — never
 * dropped because one metric is missing (docs/design.md §3, ADR 024). The 12-point online-services group
 * (ONLINE) has no published formula and is always null ("not computed"); we do not invent one.
 * Totals are "X / Y computable points": rank on the share X / Y, scale targets to Y, and compare two periods
 * only when the same metrics were computed in both (`sameCoverage766`).
 */
import { round } from './numbers.ts'

export type GroupCode = 'CKMB' | 'TDGQ' | 'ONLINE' | 'TTTT' | 'MDSH' | 'MDHL'
export type MetricCode =
  | 'PUBLISH_ON_TIME'
  | 'PUBLIC_UPDATE_ON_TIME'
  | 'PUBLIC_CONTENT_FULL'
  | 'DOSSIER_SYNC'
  | 'TDGQ'
  | 'PAYMENT_ONLINE'
  | 'PAYMENT_FORMALITY'
  | 'PAYMENT_FEE_SYNC'
  | 'ORIGINAL_RESULT_AVAILABLE'
  | 'SO_HOA_GIAY_TO_GIAI_QUYET'
  | 'REUSED_DIGITIZED_DATA'
  | 'SYNCED_WITH_DVCQG_PERSONAL_STORAGE'
  | 'CITIZEN_DATA_CONNECTED_DOSSIER'
  | 'CITIZEN_DATA_CONNECTED_FORMALITY'
  | 'ELECTRONIC_CERTIFIED_COPY'
  | 'DOSSIER_RECEIVING_SATISFACTION'
  | 'PETITION_PROCESSING_ON_TIME'
  | 'PETITION_HANDLING_SATISFACTION'

/** How sure we are of a weight/formula: see the table comments. */
export type WeightBasis = 'portal' | 'reconstructed' | 'reconstructed-unverified'

/** A metric of the catalogue; its name is the message `q766.metric.<code>` (app/i18n/dict/qd766.ts). */
export interface MetricMeta {
  code: MetricCode
  group: GroupCode
  /** Maximum points of this metric (PAYMENT_FEE_SYNC: 2.5, the TTTT group is capped at 10). */
  max: number
  /** Rate at which the metric reaches `max` (1 = linear to 100 %). */
  fullAt: number
  /** Points when the denominator is 0: 'full' (no complaints → full points) or null (nothing to measure). */
  zeroDenominator: 'full' | null
  basis: WeightBasis
}

/** A group of the catalogue; its name is the message `q766.group.<code>` (app/i18n/dict/qd766.ts). */
export interface GroupMeta {
  code: GroupCode
  max: number
  /** false: no published formula, always null. */
  computed: boolean
}

/*
 * ─── THE WEIGHT TABLE ─────────────────────────────────────────────────────────────────────────────────────
 * Sources:
 *  [P]  Per-metric maximum points as the portal itself returns them (`maxScore` in the responses of
 *       dichvucong.gov.vn/api/v1/reporting/evaluation/{transparency,dossier-digitized,handling-satisfaction}),
 *       as captured in the public repository ChippedTopaz/qd766 (docs/metrics.m0.json = sheet METRICS of
 *       "Công thức 766.xlsx"; tools/validate_m0.py; docs/FORMULA_MAXIMUMS_20261006.md): transparency 6/4/2/6,
 *       digitisation 6/4/2/4/2/2/2, satisfaction 6/6/6. Checked against the brief's worked figure
 *       PUBLIC_UPDATE_ON_TIME 22/25 → 3.52 (max 4). The group maxima 18/20/12/10/22/18 are those of docs/design.md §3.
 *  [R]  RECONSTRUCTED, not published: the shape of the formula (linear; full points at 80 % / 90 %; the
 *       payment combination 6·A + min(2, 2.5·B) + 2.5·C capped at 10) was fitted to scores the portal shows
 *       (docs/design.md §3; ChippedTopaz/qd766 docs/SCORING_ANALYSIS_M0.md and docs/scoring-formula-analysis.m0.json,
 *       984 payment and 492–984 per-metric observations within 0.015 points). No legal text publishes them.
 *  [U]  Reconstructed and UNVERIFIED: SYNCED_WITH_DVCQG_PERSONAL_STORAGE's max 4 is the portal's, but every
 *       observation had rate 0, so the linear slope is an assumption.
 * The TDGQ formula 20 × on-time / received is docs/design.md §3 (indicator "Tiến độ giải quyết"), also matched [R].
 * ─────────────────────────────────────────────────────────────────────────────────────────────────────────
 */
export const METRICS_766: readonly MetricMeta[] = [
  // CKMB — Công khai, minh bạch (18). Max [P], linear [R]. Mostly a provincial property (docs/design.md §3).
  m('PUBLISH_ON_TIME', 'CKMB', 6, 1, null, 'portal'),
  m('PUBLIC_UPDATE_ON_TIME', 'CKMB', 4, 1, null, 'portal'),
  m('PUBLIC_CONTENT_FULL', 'CKMB', 2, 1, null, 'portal'),
  m('DOSSIER_SYNC', 'CKMB', 6, 1, null, 'portal'),
  // TDGQ — Tiến độ giải quyết (20) = 20 × on-time / received (docs/design.md §3).
  m('TDGQ', 'TDGQ', 20, 1, null, 'portal'),
  // TTTT — Thanh toán trực tuyến (10) = 6·A + min(2, 2.5·B) + 2.5·C, capped at 10. [R] (docs/design.md §3)
  m('PAYMENT_ONLINE', 'TTTT', 6, 1, null, 'reconstructed'),
  m('PAYMENT_FORMALITY', 'TTTT', 2, 0.8, null, 'reconstructed'),
  m('PAYMENT_FEE_SYNC', 'TTTT', 2.5, 1, null, 'reconstructed'),
  // MDSH — Mức độ số hóa hồ sơ (22). Max [P]; linear [R]; REUSED full at 80 % [R] (docs/design.md §3).
  m('ORIGINAL_RESULT_AVAILABLE', 'MDSH', 6, 1, null, 'portal'),
  m('SO_HOA_GIAY_TO_GIAI_QUYET', 'MDSH', 4, 1, null, 'portal'),
  m('REUSED_DIGITIZED_DATA', 'MDSH', 2, 0.8, null, 'reconstructed'),
  m('SYNCED_WITH_DVCQG_PERSONAL_STORAGE', 'MDSH', 4, 1, null, 'reconstructed-unverified'),
  m('CITIZEN_DATA_CONNECTED_DOSSIER', 'MDSH', 2, 1, null, 'portal'),
  m('CITIZEN_DATA_CONNECTED_FORMALITY', 'MDSH', 2, 1, null, 'portal'),
  m('ELECTRONIC_CERTIFIED_COPY', 'MDSH', 2, 1, null, 'portal'),
  // MDHL — Mức độ hài lòng (18 = 3 × 6). Max [P]; 90 % threshold and "no complaints → 6" [R] (docs/design.md §3).
  m('DOSSIER_RECEIVING_SATISFACTION', 'MDHL', 6, 0.9, null, 'reconstructed'),
  m('PETITION_PROCESSING_ON_TIME', 'MDHL', 6, 1, 'full', 'reconstructed'),
  m('PETITION_HANDLING_SATISFACTION', 'MDHL', 6, 1, 'full', 'reconstructed'),
]

export const GROUPS_766: readonly GroupMeta[] = [
  { code: 'CKMB', max: 18, computed: true },
  { code: 'TDGQ', max: 20, computed: true },
  { code: 'ONLINE', max: 12, computed: false },
  { code: 'TTTT', max: 10, computed: true },
  { code: 'MDSH', max: 22, computed: true },
  { code: 'MDHL', max: 18, computed: true },
]
export const MAX_TOTAL_766 = 100

function m(
  code: MetricCode,
  group: GroupCode,
  max: number,
  fullAt: number,
  zeroDenominator: 'full' | null,
  basis: WeightBasis,
): MetricMeta {
  return { code, group, max, fullAt, zeroDenominator, basis }
}

export interface Ratio766 {
  numerator: number | null
  denominator: number | null
}
export type Score766Input = Partial<Record<MetricCode, Ratio766>>

export interface Score766Result {
  metrics: Record<MetricCode, number | null>
  groups: Record<GroupCode, number | null>
  /** Points each group could reach from its computed metrics (TTTT capped at 10); null when the group is. */
  groupMax: Record<GroupCode, number | null>
  /** Sum of the non-null groups (2 decimals); null only when no group could be computed. */
  total: number | null
  /** Sum of `groupMax`: the computable points, "62.4 / 88". */
  maxComputed: number
  /** total / maxComputed, the figure communes are ranked on (null with the total). */
  share: number | null
  /** Groups that are null, in table order (always includes ONLINE). */
  notComputed: GroupCode[]
  /** Metrics that are null (absent input, null part, or zero denominator), in table order. */
  missingMetrics: MetricCode[]
}

function metricPoints(spec: MetricMeta, input: Ratio766 | undefined): number | null {
  if (!input || input.numerator === null || input.denominator === null) return null
  const { numerator: num, denominator: den } = input
  for (const v of [num, den]) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${spec.code}: invalid count ${v}`)
  }
  if (den === 0) return spec.zeroDenominator === 'full' ? spec.max : null
  const rate = Math.min(1, num / den)
  return round(Math.min(spec.max, (spec.max * rate) / spec.fullAt))
}

/** A group: the sum of its computed metrics, out of the sum of their maxima (both capped at the group's max). */
function groupScore(g: GroupMeta, metricScores: Record<MetricCode, number | null>): { points: number | null; max: number | null } {
  if (!g.computed) return { points: null, max: null }
  const specs = METRICS_766.filter((s) => s.group === g.code && metricScores[s.code] !== null)
  if (specs.length === 0) return { points: null, max: null }
  const points = Math.min(g.max, round(specs.reduce((a, s) => a + (metricScores[s.code] ?? 0), 0)))
  return {
    points,
    max: Math.min(
      g.max,
      specs.reduce((a, s) => a + s.max, 0),
    ),
  }
}

/** Scores one unit (commune or province) for one period. */
export function score766(metrics: Score766Input): Score766Result {
  const metricScores = {} as Record<MetricCode, number | null>
  const groups = {} as Record<GroupCode, number | null>
  const groupMax = {} as Record<GroupCode, number | null>
  const missingMetrics: MetricCode[] = []
  for (const spec of METRICS_766) {
    const p = metricPoints(spec, metrics[spec.code])
    metricScores[spec.code] = p
    if (p === null) missingMetrics.push(spec.code)
  }
  let total = 0
  let maxComputed = 0
  const notComputed: GroupCode[] = []
  for (const g of GROUPS_766) {
    const { points, max } = groupScore(g, metricScores)
    groups[g.code] = points
    groupMax[g.code] = max
    if (points === null || max === null) notComputed.push(g.code)
    else {
      total += points
      maxComputed += max
    }
  }
  maxComputed = round(maxComputed)
  return {
    metrics: metricScores,
    groups,
    groupMax,
    total: maxComputed === 0 ? null : round(total),
    maxComputed,
    share: maxComputed === 0 ? null : round(total) / maxComputed,
    notComputed,
    missingMetrics,
  }
}

/** The target (out of 100) on the computable basis: 70 of 100 → 40.6 of 58 computable points. */
export function target766(target: number | null, maxComputed: number): number | null {
  if (target === null || !Number.isFinite(target) || maxComputed <= 0) return null
  return round((target * maxComputed) / MAX_TOTAL_766)
}

/** Two periods can be compared only when the same metrics were computed in both (same computable points). */
export function sameCoverage766(a: { missingMetrics: readonly MetricCode[] }, b: { missingMetrics: readonly MetricCode[] }): boolean {
  return a.missingMetrics.length === b.missingMetrics.length && a.missingMetrics.every((c, i) => b.missingMetrics[i] === c)
}
