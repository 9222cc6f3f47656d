/** A server-rendered sparkline (plain SVG; gaps stay gaps). */
import { prepareSparkline } from '~/lib/charts/sparkline'

export function Sparkline({
  values,
  label,
  width = 96,
  height = 24,
}: {
  values: (number | null)[]
  label: string
  width?: number
  height?: number
}) {
  const g = prepareSparkline(values, width, height)
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {g.segments.map((s, i) => (
        <polyline key={i} points={s} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
      ))}
      {g.last ? <circle cx={g.last.x} cy={g.last.y} r={2} fill="currentColor" /> : null}
    </svg>
  )
}
