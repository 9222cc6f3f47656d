/**
 * Current alerts: commune, KPI, value against the threshold, since when; links to the commune.
 * `byCommune` (the overview): one line per commune holding all its alerts, the worst level first, so a late
 * commune's late-rate and on-time alerts take one line and the list shows as many communes as it has lines.
 */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt } from '~/i18n/format'

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

/** One commune's alerts in one line: the worst level, the earliest since, every alert's text. */
export interface AlertGroup {
  commune: string
  communeName: string
  level: 'watch' | 'critical'
  since: string
  alerts: AlertItem[]
}

/** Alerts grouped by commune, in the order of each commune's first alert (the loader sorts the worst first). */
export function groupByCommune(alerts: readonly AlertItem[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>()
  for (const a of alerts) {
    const g = groups.get(a.commune)
    if (!g) groups.set(a.commune, { commune: a.commune, communeName: a.communeName, level: a.level, since: a.since, alerts: [a] })
    else {
      g.alerts.push(a)
      if (a.level === 'critical') g.level = 'critical'
      if (a.since < g.since) g.since = a.since
    }
  }
  return [...groups.values()]
}

export function AlertsList({
  alerts,
  linkSearch = '',
  limit = 12,
  byCommune = false,
}: {
  alerts: AlertItem[]
  linkSearch?: string
  limit?: number
  byCommune?: boolean
}) {
  const t = useT()
  const lang = useLang()
  if (alerts.length === 0) return <p className="muted">{t('overview.noAlerts')}</p>
  const groups: AlertGroup[] = byCommune
    ? groupByCommune(alerts)
    : alerts.map((a) => ({ commune: a.commune, communeName: a.communeName, level: a.level, since: a.since, alerts: [a] }))
  return (
    <>
      {byCommune ? (
        <p className="muted small" data-testid="alerts-summary">
          {fmtInt(groups.length, lang)} {t('overview.alertCommunes')} ({fmtInt(alerts.length, lang)} {t('overview.alertCount')})
        </p>
      ) : null}
      <ul className="alerts" data-testid="alerts">
        {groups.slice(0, limit).map((g) => (
          <li key={g.alerts[0]!.id} className={`alert alert-${g.level}`} data-commune={g.commune}>
            <span className={`level level-${g.level}`}>{t(`alert.${g.level}`)}</span>{' '}
            <Link to={`/communes/${g.commune}${linkSearch}`}>{g.communeName}</Link>: {g.alerts.map((a) => a[lang]).join('; ')}{' '}
            <span className="muted small">
              ({t('overview.since')} {fmtDateTime(g.since, lang)})
            </span>
          </li>
        ))}
      </ul>
      {groups.length > limit ? (
        <p className="muted small">
          {t('overview.andMore')} {groups.length - limit}
          {byCommune ? ` ${t('overview.moreCommunes')}` : ''}
        </p>
      ) : null}
    </>
  )
}
