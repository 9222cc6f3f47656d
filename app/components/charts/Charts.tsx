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

/** Suffix of the dashed copy of a series that draws the partial buckets (see `splitPartial`). */
const PARTIAL = '__partial'

/**
 * Partial buckets (a week or month the period covers only in part) are drawn dashed: each series keeps its
 * values on whole buckets, and a copy (`<key>__partial`) carries the partial ones plus their whole neighbours,
 * so the dashed segment joins the solid line.
 */
export function splitPartial(data: Record<string, unknown>[], keys: string[], isPartial: (i: number) => boolean) {
  return data.map((row, i) => {
    const out: Record<string, unknown> = { ...row }
    const touches = isPartial(i) || (i > 0 && isPartial(i - 1)) || (i + 1 < data.length && isPartial(i + 1))
    for (const k of keys) {
      out[k + PARTIAL] = touches ? row[k] : null
      if (isPartial(i)) out[k] = null
    }
    return out
  })
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
  partialX = [],
  partialLabel = '',
}: Common & {
  markX?: { x: string; label: string }
  /** x values of partial buckets: dashed, a star on their tick, a line naming them. */
  partialX?: string[]
  partialLabel?: string
}) {
  const partial = new Set(partialX)
  const rows = partial.size
    ? splitPartial(
        data,
        series.map((s) => s.key),
        (i) => partial.has(String(data[i]?.[xKey])),
      )
    : data
  const fx = (v: string) => `${formatX ? formatX(v) : v}${partial.has(v) ? '*' : ''}`
  return (
    <Frame label={label} height={height}>
      {(w) => (
        <LineChart width={w} height={height} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e5e8ec" vertical={false} />
          <XAxis dataKey={xKey} tickFormatter={fx} minTickGap={24} fontSize={12} />
          <YAxis tickFormatter={formatY} fontSize={12} width={56} />
          <Tooltip formatter={(v) => (typeof v === 'number' && formatY ? formatY(v) : String(v))} labelFormatter={(l) => fx(String(l))} />
          <Legend />
          {partialX.map((x) => (
            <ReferenceLine
              key={`p${x}`}
              x={x}
              stroke="#9aa5b1"
              strokeDasharray="2 3"
              label={{ value: partialLabel, position: 'insideTopRight', fontSize: 11, fill: '#5b6675' }}
            />
          ))}
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
          {partial.size
            ? series.map((s, i) => (
                <Line
                  key={s.key + PARTIAL}
                  dataKey={s.key + PARTIAL}
                  name={`${s.label} (${partialLabel})`}
                  stroke={colourFor(i, s)}
                  strokeDasharray="3 4"
                  strokeOpacity={0.8}
                  dot={{ r: 3 }}
                  legendType="none"
                  isAnimationActive={false}
                  connectNulls={false}
                  strokeWidth={2}
                />
              ))
            : null}
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
              <YAxis type="category" dataKey={xKey} width={140} fontSize={12} tickFormatter={formatX} interval={0} />
            </>
          ) : (
            <>
              {/* Every bar is a category and keeps its label (interval 0: recharts would otherwise drop crowded ones). */}
              <XAxis dataKey={xKey} tickFormatter={formatX} fontSize={12} interval={0} />
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
