/**
 * Current alerts: level (nghiêm trọng / theo dõi, styled apart), commune, KPI, value against the threshold,
 * how many dossiers are behind it, since when; links to the commune; "tạo hành động" in place when the
 * viewer may assign actions. The loader sorts them: nghiêm trọng first, then the larger (ADR 024).
 * `byCommune` (the overview): one line per commune holding all its alerts, the worst level first.
 */
import { Fragment } from 'react'
import { isMetricId } from '~/kpi/catalogue'
import { KpiInfo } from '../tiles/KpiInfo'
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'
import { sayAlert } from '~/i18n/messages'
import { CreateActionForm, type CreateActionOptions } from '../forms/CreateActionForm'

export interface AlertItem {
  id: number
  commune: string
  communeName: string
  kpi: string
  level: 'watch' | 'critical'
  since: string
  /** The figure against its threshold, written as `unit` says (the words: `sayAlert`). */
  value: number
  threshold: number
  unit: 'ratio' | 'count'
  /** Dossiers (ratings, complaints) behind the alert. */
  size?: number | null
  sizeUnit?: 'dossiers' | 'ratings' | 'complaints'
  /** The days the value was computed on (ADR 032: the figure is marked for the consistency test). */
  windowFrom?: string
  windowTo?: string
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
  createAction,
}: {
  alerts: AlertItem[]
  linkSearch?: string
  limit?: number
  byCommune?: boolean
  /** Set when the viewer may assign actions: each alert offers "tạo hành động" in place. */
  createAction?: CreateActionOptions
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
          {t('overview.alertCommunes', { n: groups.length })} ({t('overview.alertCount', { n: alerts.length })})
        </p>
      ) : null}
      <ul className="alerts" data-testid="alerts">
        {groups.slice(0, limit).map((g) => (
          <li key={g.alerts[0]!.id} className={`alert alert-${g.level}`} data-commune={g.commune} data-level={g.level}>
            <span className={`level level-${g.level}`}>{t(`alert.${g.level}`)}</span>{' '}
            <Link to={`/communes/${g.commune}${linkSearch}`}>{g.communeName}</Link>:{' '}
            {g.alerts.map((a, i) => (
              <Fragment key={a.id}>
                {i > 0 ? '; ' : ''}
                <span data-kpi={a.kpi} data-value={a.value} data-commune={a.commune} data-from={a.windowFrom} data-to={a.windowTo}>
                  {sayAlert(lang, a)}
                </span>
                <span className="muted small" data-testid="alert-window">
                  {' '}
                  · {t('metric.window.last_30_days_short')}
                </span>
                {isMetricId(a.kpi) ? (
                  <>
                    {' '}
                    <KpiInfo kpi={a.kpi} />
                  </>
                ) : null}
                {a.size != null ? (
                  <span className="muted small" data-size={a.size}>
                    {' '}
                    · {t(`alert.unit.${a.sizeUnit ?? 'dossiers'}`, { n: a.size })}
                  </span>
                ) : null}
                {createAction ? (
                  <>
                    {' '}
                    <CreateActionForm
                      communeCode={a.commune}
                      kpi={a.kpi}
                      alertId={a.id}
                      title={`${a.communeName}: ${sayAlert(lang, a)}`}
                      options={createAction}
                    />
                  </>
                ) : null}
              </Fragment>
            ))}{' '}
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
