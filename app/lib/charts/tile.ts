/**
 * A KPI tile's comparisons: change vs the previous period and position vs the target, with a verdict
 * that knows the KPI's direction (for a late rate, going down is good).
 */

export type Direction = 'higher_better' | 'lower_better' | 'neutral'
export type Verdict = 'good' | 'bad' | 'neutral' | 'unknown'

export interface TileInput {
  value: number | null
  previous?: number | null
  target?: number | null
  direction: Direction
}

export interface TileView {
  value: number | null
  /** value − previous (null when either is missing). */
  delta: number | null
  /** (value − previous) / |previous|; null when previous is 0 or missing. */
  deltaRatio: number | null
  trend: 'up' | 'down' | 'flat' | null
  trendVerdict: Verdict
  target: number | null
  /** value − target. */
  gap: number | null
  targetVerdict: Verdict
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

function verdict(diff: number, direction: Direction, eps: number): Verdict {
  if (direction === 'neutral' || Math.abs(diff) <= eps) return 'neutral'
  return diff > 0 === (direction === 'higher_better') ? 'good' : 'bad'
}

export function prepareTile({ value, previous, target, direction }: TileInput, eps = 1e-9): TileView {
  const v = finite(value) ? value : null
  const p = finite(previous) ? previous : null
  const t = finite(target) ? target : null
  const delta = v !== null && p !== null ? v - p : null
  const deltaRatio = delta !== null && p !== null && p !== 0 ? delta / Math.abs(p) : null
  const trend = delta === null ? null : Math.abs(delta) <= eps ? 'flat' : delta > 0 ? 'up' : 'down'
  const gap = v !== null && t !== null ? v - t : null
  return {
    value: v,
    delta,
    deltaRatio,
    trend,
    trendVerdict: delta === null ? 'unknown' : verdict(delta, direction, eps),
    target: t,
    gap,
    // Meeting the target exactly is good.
    targetVerdict: gap === null ? 'unknown' : Math.abs(gap) <= eps ? 'good' : verdict(gap, direction, eps),
  }
}
