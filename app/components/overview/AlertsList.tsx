/** Current alerts: commune, KPI, value against the threshold, since when; links to the commune. */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

export interface AlertItem {
  id: number
  commune: string
  communeName: string
  kpi: string
  level: 'watch' | 'critical'
  since: string
  vi: string
  en: string
}

export function AlertsList({ alerts, linkSearch = '', limit = 12 }: { alerts: AlertItem[]; linkSearch?: string; limit?: number }) {
  const t = useT()
  const lang = useLang()
  if (alerts.length === 0) return <p className="muted">{t('overview.noAlerts')}</p>
  return (
    <>
      <ul className="alerts" data-testid="alerts">
        {alerts.slice(0, limit).map((a) => (
          <li key={a.id} className={`alert alert-${a.level}`}>
            <span className={`level level-${a.level}`}>{t(`alert.${a.level}`)}</span>{' '}
            <Link to={`/communes/${a.commune}${linkSearch}`}>{a.communeName}</Link>: {a[lang]}{' '}
            <span className="muted small">
              ({t('overview.since')} {fmtDateTime(a.since, lang)})
            </span>
          </li>
        ))}
      </ul>
      {alerts.length > limit ? (
        <p className="muted small">
          {t('overview.andMore')} {alerts.length - limit}
        </p>
      ) : null}
    </>
  )
}
