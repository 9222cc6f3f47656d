/**
 * Thin recharts wrappers: explicit width/height from the measured container, no animation (stable
 * screenshots), Vietnamese number formats on axes and tooltips. Data arrives prepared (lib/charts/*).
 * recharts 3 renders nothing on the server: the frame keeps its height so the page does not jump.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { useEffect, useState } from 'react'
import { useT } from '~/root'
import { colourFor, type SeriesConfig } from './config'
import { useWidth } from './useWidth'

function useHydrated(): boolean {
  const [h, setH] = useState(false)
  useEffect(() => setH(true), [])
  return h
}

interface Common {
  data: Record<string, unknown>[]
  series: SeriesConfig[]
  xKey: string
  height?: number
  formatX?: (v: string) => string
  formatY?: (v: number) => string
  /** Accessible summary (charts are images to a screen reader; the table below carries the figures). */
  label: string
}

function Frame({ label, height, children }: { label: string; height: number; children: (w: number) => React.ReactNode }) {
  const [ref, width] = useWidth<HTMLDivElement>()
  const hydrated = useHydrated()
  const t = useT()
  return (
    <div ref={ref} className="chart-frame" style={{ minHeight: height }} role="img" aria-label={label}>
      {hydrated ? children(width) : <span className="muted small">{t('dash.loadingChart')}</span>}
    </div>
  )
}

export function TrendChart({
  data,
  series,
  xKey,
  height = 260,
  formatX,
  formatY,
  label,
  markX,
}: Common & { markX?: { x: string; label: string } }) {
  return (
    <Frame label={label} height={height}>
      {(w) => (
        <LineChart width={w} height={height} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e5e8ec" vertical={false} />
          <XAxis dataKey={xKey} tickFormatter={formatX} minTickGap={24} fontSize={12} />
          <YAxis tickFormatter={formatY} fontSize={12} width={56} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' && formatY ? formatY(v) : String(v))}
            labelFormatter={(l) => (formatX ? formatX(String(l)) : String(l))}
          />
          <Legend />
          {markX ? (
            <ReferenceLine
              x={markX.x}
              stroke="#666"
              strokeDasharray="4 3"
              label={{ value: markX.label, position: 'insideTopRight', fontSize: 11 }}
            />
          ) : null}
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={colourFor(i, s)}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
              strokeWidth={2}
            />
          ))}
        </LineChart>
      )}
    </Frame>
  )
}

export function BarsChart({ data, series, xKey, height = 260, formatX, formatY, label, horizontal }: Common & { horizontal?: boolean }) {
  return (
    <Frame label={label} height={height}>
      {(w) => (
        <BarChart
          width={w}
          height={height}
          data={data}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
        >
          <CartesianGrid stroke="#e5e8ec" horizontal={!horizontal} vertical={!!horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={formatY} fontSize={12} />
              <YAxis type="category" dataKey={xKey} width={140} fontSize={12} tickFormatter={formatX} />
            </>
          ) : (
            <>
              <XAxis dataKey={xKey} tickFormatter={formatX} fontSize={12} minTickGap={8} />
              <YAxis tickFormatter={formatY} fontSize={12} width={56} />
            </>
          )}
          <Tooltip formatter={(v) => (typeof v === 'number' && formatY ? formatY(v) : String(v))} />
          {series.length > 1 ? <Legend /> : null}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={colourFor(i, s)} stackId={s.stack} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </Frame>
  )
}
