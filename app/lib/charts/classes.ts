/**
 * Choropleth classes: values → a few colour classes (quantile or fixed thresholds) with a legend.
 * Palette: viridis (perceptually uniform, readable with the common colour-vision deficiencies and in
 * greyscale print). The darkest class is always the WORST end, whichever direction the KPI runs.
 */

export const PALETTE = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const
export const NO_DATA_COLOUR = '#d9d9d9'

export interface ClassBreaks {
  /** Upper bounds between classes, ascending: k classes have k−1 breaks. */
  breaks: number[]
  colours: string[]
  /** true: high values are good (lightest colour at the top). */
  higherIsBetter: boolean
}

export interface LegendItem {
  colour: string
  /** Inclusive lower / exclusive upper bound; null = open end. */
  from: number | null
  to: number | null
  count: number
}

/** Quantile breaks over the finite values; ties collapse so no class is empty by construction. */
export function quantileBreaks(values: readonly (number | null | undefined)[], k = 5): number[] {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return []
  // Few distinct values: one class each (quantiles would merge them).
  const distinct = [...new Set(xs)]
  if (distinct.length <= k) return distinct.slice(1)
  const out: number[] = []
  for (let i = 1; i < k; i++) {
    // Nearest-rank quantile: the first value of the upper group.
    const b = xs[Math.min(xs.length - 1, Math.ceil((i * xs.length) / k))]!
    if (b > xs[0]! && (out.length === 0 || b > out[out.length - 1]!)) out.push(b)
  }
  return out
}

export function makeClasses(
  values: readonly (number | null | undefined)[],
  opts: { method?: 'quantile' | 'threshold'; k?: number; thresholds?: number[]; higherIsBetter: boolean },
): ClassBreaks {
  const breaks = opts.method === 'threshold' ? [...(opts.thresholds ?? [])].sort((a, b) => a - b) : quantileBreaks(values, opts.k ?? 5)
  const n = breaks.length + 1
  // Spread n classes over the palette, light = good.
  const idx = Array.from({ length: n }, (_, i) => (n === 1 ? 0 : Math.round((i * (PALETTE.length - 1)) / (n - 1))))
  const ordered = idx.map((i) => PALETTE[i]!)
  // Colours indexed by ascending value: for higher-is-better the highest class gets the lightest colour.
  const colours = opts.higherIsBetter ? ordered.reverse() : ordered
  return { breaks, colours, higherIsBetter: opts.higherIsBetter }
}

/** Class index of a value (0 … breaks.length), or null when there is no value. */
export function classOf(c: ClassBreaks, v: number | null | undefined): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null
  let i = 0
  while (i < c.breaks.length && v >= c.breaks[i]!) i++
  return i
}

export function colourOf(c: ClassBreaks, v: number | null | undefined): string {
  const i = classOf(c, v)
  return i === null ? NO_DATA_COLOUR : c.colours[i]!
}

export function legend(c: ClassBreaks, values: readonly (number | null | undefined)[]): { items: LegendItem[]; missing: number } {
  const counts = new Array(c.breaks.length + 1).fill(0) as number[]
  let missing = 0
  for (const v of values) {
    const i = classOf(c, v)
    if (i === null) missing++
    else counts[i]!++
  }
  const items = counts.map((count, i) => ({
    colour: c.colours[i]!,
    from: i === 0 ? null : c.breaks[i - 1]!,
    to: i === c.breaks.length ? null : c.breaks[i]!,
    count,
  }))
  return { items, missing }
}
