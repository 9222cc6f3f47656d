/**
 * A KPI tile: the value, its change vs the comparison period and its position vs the target (coloured by
 * whether that is good for this KPI), and a link to the rows behind it.
 */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { prepareTile, type Direction } from '~/lib/charts/tile'
import type { Result } from '../states/result'
import { dataValue, formatMetric, metric, metricLabel, type MetricId } from '~/kpi/catalogue'
import { KpiInfo } from './KpiInfo'

export interface TileData {
  value: number | null
  previous?: number | null
  target?: number | null
  /** A score out of its computable points (766): shown "X / Y điểm tính được"; the target is on that basis. */
  outOf?: number | null
  /** The comparison period was scored out of other computable points: no trend, and this says why. */
  previousOutOf?: number | null
}

interface Props {
  id: string
  /** The figure in the metric catalogue: its label, ⓘ, direction and format unless given here (ADR 032). */
  kpi?: MetricId
  label?: string
  result: Result<TileData>
  direction?: Direction
  format?: (v: number | null) => string
  /** Formats a change (e.g. percentage points for a rate). */
  formatDelta?: (v: number) => string
  href?: string
  hint?: string
}

const arrow = { up: '▲', down: '▼', flat: '■' } as const

export function KpiTile(props: Props) {
  const { kpi } = props
  const lang = useLang()
  const label = props.label ?? (kpi ? metricLabel(lang, kpi) : props.id)
  const direction: Direction = props.direction ?? (kpi ? metric(kpi).direction : 'neutral')
  const format = props.format ?? ((v: number | null) => (kpi ? formatMetric(kpi, v, lang) : String(v ?? '—')))
  const tile = <Tile {...props} label={label} direction={direction} format={format} />
  if (!kpi) return tile
  return (
    <div className="tile-box">
      {tile}
      <KpiInfo kpi={kpi} className="tile-info" />
    </div>
  )
}

function Tile({
  id,
  kpi,
  label,
  result,
  direction,
  format,
  formatDelta,
  href,
  hint,
}: Props & { label: string; direction: Direction; format: (v: number | null) => string }) {
  const t = useT()
  if (!result.ok)
    return (
      <div className="tile tile-error" data-kpi={id} role="group" aria-label={label}>
        <div className="tile-label">{label}</div>
        <div className="tile-value" role="alert">
          {t('dash.errorShort')}
        </div>
        <div className="tile-meta muted small">{t('dash.errorHint')}</div>
      </div>
    )
  const v = prepareTile({ ...result.data, direction })
  const { outOf, previousOutOf } = result.data
  const fd = formatDelta ?? ((d: number) => format(d))
  const body = (
    <>
      <div className="tile-label">{label}</div>
      <div className="tile-value" data-kpi={kpi} data-value={kpi ? dataValue(v.value) : (v.value ?? '')}>
        {format(v.value)}
        {outOf != null && v.value !== null ? (
          <span className="tile-outof" data-out-of={outOf}>
            {' '}
            / {format(outOf)} <span className="small muted">{t('q766.computable')}</span>
          </span>
        ) : null}
      </div>
      <div className="tile-meta small">
        {v.trend ? (
          <span className={`delta delta-${v.trendVerdict}`} title={t('dash.vsPrevious')}>
            <span aria-hidden="true">{arrow[v.trend]}</span>{' '}
            {v.delta !== null ? (v.delta > 0 ? '+' : v.delta < 0 ? '−' : '±') + fd(Math.abs(v.delta)) : ''}{' '}
            {direction !== 'neutral' || v.trend === 'flat' ? (
              <span className="sr-only">{t(v.trend === 'flat' ? 'dash.verdict.neutral' : `dash.verdict.${v.trendVerdict}`)}</span>
            ) : null}
            <span className="muted">{t('dash.vsPreviousShort')}</span>
          </span>
        ) : previousOutOf != null && outOf != null ? (
          <span className="muted" data-no-trend="coverage">
            {t('q766.noTrendCoverage', { prev: format(previousOutOf), cur: format(outOf) })}
          </span>
        ) : (
          <span className="muted">{t('dash.noComparison')}</span>
        )}
        {v.target !== null ? (
          <span className={`target target-${v.targetVerdict}`}>
            {t('dash.target')}: {format(v.target)}
            {outOf != null ? ` / ${format(outOf)}` : ''}
            <span className="sr-only"> — {t(`dash.verdict.${v.targetVerdict}`)}</span>
          </span>
        ) : null}
      </div>
      {hint ? <div className="tile-hint muted small">{hint}</div> : null}
    </>
  )
  return href ? (
    <Link to={href} className={`tile tile-${v.targetVerdict}`} data-kpi={id}>
      {body}
    </Link>
  ) : (
    <div className={`tile tile-${v.targetVerdict}`} data-kpi={id} role="group" aria-label={label}>
      {body}
    </div>
  )
}
