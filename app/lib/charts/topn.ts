/** Top N of a list by a value, with the rest folded into one "and N more" entry (sum of their values). */

export interface TopN<T> {
  top: T[]
  rest: { count: number; value: number } | null
}

export function prepareTopN<T>(items: readonly T[], n: number, value: (t: T) => number | null | undefined): TopN<T> {
  const scored = items
    .map((t, i) => ({ t, v: value(t), i }))
    .filter((x): x is { t: T; v: number; i: number } => typeof x.v === 'number' && Number.isFinite(x.v))
    // Stable: equal values keep input order.
    .sort((a, b) => b.v - a.v || a.i - b.i)
  const top = scored.slice(0, n).map((x) => x.t)
  const restItems = scored.slice(n)
  return {
    top,
    rest: restItems.length ? { count: restItems.length, value: restItems.reduce((s, x) => s + x.v, 0) } : null,
  }
}
