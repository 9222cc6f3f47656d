/**
 * Sparklines as plain SVG polylines (no chart library: they render on the server, so a table of 78 rows
 * costs no hydration work). Gaps (null) break the line into segments instead of dropping to zero.
 */

export interface SparklineGeometry {
  width: number
  height: number
  /** One polyline `points` string per unbroken run of values. */
  segments: string[]
  /** The last point (highlighted dot), if the last value exists. */
  last: { x: number; y: number } | null
  min: number | null
  max: number | null
}

export function prepareSparkline(values: readonly (number | null | undefined)[], width = 96, height = 24, pad = 2): SparklineGeometry {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  if (finite.length === 0) return { width, height, segments: [], last: null, min: null, max: null }
  const min = Math.min(...finite)
  const max = Math.max(...finite)
  const span = max - min
  const n = values.length
  const x = (i: number) => (n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1))
  // A flat series sits in the middle.
  const y = (v: number) => (span === 0 ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad))
  const r = (v: number) => Math.round(v * 10) / 10
  const segments: string[] = []
  let cur: string[] = []
  values.forEach((v, i) => {
    if (typeof v === 'number' && Number.isFinite(v)) cur.push(`${r(x(i))},${r(y(v))}`)
    else if (cur.length) {
      segments.push(cur.join(' '))
      cur = []
    }
  })
  if (cur.length) segments.push(cur.join(' '))
  const lv = values[n - 1]
  const last = typeof lv === 'number' && Number.isFinite(lv) ? { x: r(x(n - 1)), y: r(y(lv)) } : null
  return { width, height, segments, last, min, max }
}
