/**
 * A figure's ⓘ (issue 14 item 1, ADR 032): its definition, the window it covers and its numerator and
 * denominator, from the metric catalogue. A native <details>/<summary>: opens with a tap, Enter or Space,
 * needs no JavaScript; on a phone the text opens as a sheet at the bottom of the screen (never wider than it).
 */
import { metricInfo, type MetricId } from '~/kpi/catalogue'
import { useLang, useT } from '~/root'

export function KpiInfo({ kpi, className }: { kpi: MetricId; className?: string }) {
  const lang = useLang()
  const t = useT()
  const i = metricInfo(lang, kpi)
  return (
    <details className={`kpi-info ${className ?? ''}`} data-kpi-info={kpi}>
      <summary aria-label={`${t('metric.info')}: ${i.label}`} title={`${t('metric.info')}: ${i.label}`}>
        <span aria-hidden="true" className="kpi-info-i">
          i
        </span>
      </summary>
      <div className="kpi-info-pop" role="note">
        <strong>{i.label}</strong>
        <span>{i.definition}</span>
        {i.numerator && i.denominator ? (
          <span>
            {t('metric.numerator')}: {i.numerator}. {t('metric.denominator')}: {i.denominator}.
          </span>
        ) : null}
        <span className="muted">
          {t('metric.window')}: {i.window}
        </span>
        {/* On a phone the sheet may cover the ⓘ that opened it: a button closes it. */}
        <button type="button" className="kpi-info-close" onClick={(e) => e.currentTarget.closest('details')?.removeAttribute('open')}>
          {t('metric.close')}
        </button>
      </div>
    </details>
  )
}
