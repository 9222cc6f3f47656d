/**
 * A figure written inline in a sentence — "Tỷ lệ hài lòng ⓘ: 89,4%" — with the catalogue's label, ⓘ and
 * format, its value marked `data-kpi` / `data-value` (ADR 032).
 */
import { dataValue, formatMetric, metricLabel, type MetricId } from '~/kpi/catalogue'
import { useLang } from '~/root'
import { KpiInfo } from './KpiInfo'

export function KpiFigure({ kpi, value, label = true }: { kpi: MetricId; value: number | null | undefined; label?: boolean }) {
  const lang = useLang()
  return (
    <span className="kpi-figure">
      {label ? (
        <>
          {metricLabel(lang, kpi)} <KpiInfo kpi={kpi} />:{' '}
        </>
      ) : null}
      <strong data-kpi={kpi} data-value={dataValue(value)}>
        {formatMetric(kpi, value, lang)}
      </strong>
    </span>
  )
}
