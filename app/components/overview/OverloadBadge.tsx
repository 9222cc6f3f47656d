/**
 * The overload level as a badge (bình thường / cần theo dõi / quá tải), with its reasons as a tooltip, and the
 * predicted utilisation it grades (the /staffing figure, ADR 037) marked `data-kpi="utilisation"` when given.
 */
import { dataValue, formatMetric } from '~/kpi/catalogue'
import { useLang, useT } from '~/root'

export function OverloadBadge({
  level,
  noData,
  reasons,
  utilisation,
}: {
  level: 'normal' | 'watch' | 'overload' | null
  noData?: boolean
  reasons?: { vi: string; en: string }[]
  /** Predicted capacity utilisation; undefined = not shown. */
  utilisation?: number | null
}) {
  const t = useT()
  const lang = useLang()
  if (level === null) return <span className="muted">—</span>
  if (noData) return <span className="level muted">{t('overload.noData')}</span>
  const why = (reasons ?? []).map((r) => r[lang]).join('; ')
  return (
    <span className="nowrap">
      <span className={`level level-${level}`} title={why || undefined} data-level={level}>
        {t(`overload.${level}`)}
        {why ? <span className="sr-only">: {why}</span> : null}
      </span>
      {utilisation !== undefined ? (
        <span className="muted small" title={t('kpi.utilisation')}>
          {' '}
          <span data-kpi="utilisation" data-value={dataValue(utilisation)}>
            {formatMetric('utilisation', utilisation, lang)}
          </span>
        </span>
      ) : null}
    </span>
  )
}
