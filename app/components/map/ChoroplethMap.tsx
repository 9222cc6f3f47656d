/**
 * The commune choropleth: one <path> per commune inside an SVG link (focusable, Enter/click opens the
 * commune page), an aria-label with the name and value, a tooltip on hover and focus, and a legend with
 * the class bounds and counts. Geometry comes projected from the server (see lib/charts/geo.server.ts).
 */
import { useState } from 'react'
import { useNavigate } from '@remix-run/react'
import { useT } from '~/root'
import { colourOf, legend, makeClasses, NO_DATA_COLOUR } from '~/lib/charts/classes'
import type { MapGeometry } from '~/lib/charts/map'
import { dataValue, metric, type MetricId } from '~/kpi/catalogue'
import { KpiInfo } from '../tiles/KpiInfo'

interface Props {
  geometry: MapGeometry
  values: Record<string, number | null>
  names: Record<string, string>
  kpiLabel: string
  higherIsBetter: boolean
  format: (v: number | null) => string
  /** Query string kept when opening a commune (the period). */
  linkSearch?: string
  thresholds?: number[]
  /** Where a shape leads (default: its commune page); a national map leads to the province (ADR 033). */
  hrefFor?: (code: string) => string
  /** The shapes are provinces (a national map): the legend says a click opens the province. */
  provinces?: boolean
  /** The catalogue figure shown: its ⓘ by the legend, and each shape marked `data-kpi` / `data-value` (ADR 032). */
  kpi?: MetricId
}

/** A shape's mark for the consistency test (ADR 032): only numeric figures — a level is text — as in the tables. */
const markOf = (kpi: MetricId | undefined, values: Record<string, number | null>) => (code: string) =>
  kpi && metric(kpi).format !== 'text' ? { 'data-kpi': kpi, 'data-value': dataValue(values[code]), 'data-commune': code } : {}

function LegendTitle({ label, kpi }: { label: string; kpi?: MetricId }) {
  return (
    <div className="legend-title">
      {label} {kpi ? <KpiInfo kpi={kpi} /> : null}
    </div>
  )
}

export function ChoroplethMap({
  geometry,
  values,
  names,
  kpiLabel,
  higherIsBetter,
  format,
  linkSearch = '',
  thresholds,
  hrefFor,
  provinces,
  kpi,
}: Props) {
  const href = hrefFor ?? ((code: string) => `/communes/${code}${linkSearch}`)
  const t = useT()
  const navigate = useNavigate()
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null)
  const all = geometry.shapes.map((s) => values[s.code] ?? null)
  const classes = makeClasses(
    all,
    thresholds ? { method: 'threshold', thresholds, higherIsBetter } : { method: 'quantile', k: 5, higherIsBetter },
  )
  const { items, missing } = legend(classes, all)
  const label = (code: string) => `${names[code] ?? code}: ${format(values[code] ?? null)}`
  const mark = markOf(kpi, values)
  return (
    <figure className="choropleth" data-testid="choropleth">
      <div className="map-frame">
        <svg
          viewBox={`0 0 ${geometry.width} ${geometry.height}`}
          role="group"
          aria-label={`${t('dash.map')}: ${kpiLabel}`}
          className="map-svg"
        >
          {geometry.shapes.map((s) => (
            <a
              key={s.code}
              href={href(s.code)}
              aria-label={label(s.code)}
              {...mark(s.code)}
              onClick={(e) => {
                e.preventDefault()
                navigate(href(s.code))
              }}
              onMouseEnter={() => setHover({ code: s.code, x: s.cx, y: s.cy })}
              onMouseLeave={() => setHover(null)}
              onFocus={() => setHover({ code: s.code, x: s.cx, y: s.cy })}
              onBlur={() => setHover(null)}
            >
              <path d={s.d} fill={colourOf(classes, values[s.code])} data-code={s.code} className="commune-shape">
                <title>{label(s.code)}</title>
              </path>
            </a>
          ))}
        </svg>
        {hover ? (
          <div
            className="map-tooltip"
            role="tooltip"
            style={{ left: `${(hover.x / geometry.width) * 100}%`, top: `${(hover.y / geometry.height) * 100}%` }}
          >
            <strong>{names[hover.code] ?? hover.code}</strong>
            <br />
            {kpiLabel}: <span {...mark(hover.code)}>{format(values[hover.code] ?? null)}</span>
          </div>
        ) : null}
      </div>
      <figcaption>
        <LegendTitle label={kpiLabel} kpi={kpi} />
        <ul className="legend" aria-label={t('dash.legend')}>
          {(higherIsBetter ? [...items].reverse() : items).map((it, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: it.colour }} aria-hidden="true" />
              {it.from === null && it.to === null
                ? t('dash.allValues')
                : it.from === null
                  ? `< ${format(it.to)}`
                  : it.to === null
                    ? `≥ ${format(it.from)}`
                    : `${format(it.from)} – < ${format(it.to)}`}{' '}
              <span className="muted">({it.count})</span>
            </li>
          ))}
          {missing ? (
            <li>
              <span className="swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
              {t('noData')} <span className="muted">({missing})</span>
            </li>
          ) : null}
        </ul>
        <p className="muted small">
          {provinces
            ? t(higherIsBetter ? 'nation.mapDarkerWorseLow' : 'nation.mapDarkerWorseHigh')
            : t(higherIsBetter ? 'dash.mapDarkerWorseLow' : 'dash.mapDarkerWorseHigh')}
        </p>
      </figcaption>
    </figure>
  )
}
