/** Shown on every page when an ETL job is late against its schedule (or freshness cannot be read). */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'
import type { Shell } from '~/dashboard/shell.server'

export function StaleBanner({ freshness }: { freshness: Shell['freshness'] }) {
  const t = useT()
  const lang = useLang()
  if (!freshness.ok)
    return (
      <div className="stale-banner" role="alert" data-testid="stale-banner">
        {t('dash.freshnessUnknown')} <Link to="/data">{t('nav.data')}</Link>
      </div>
    )
  const { late, schedulerOn, lastLoadAt } = freshness.data
  if (late.length === 0) return null
  return (
    <div className="stale-banner" role="status" data-testid="stale-banner">
      <strong>{t('dash.staleTitle')}</strong> {t('dash.staleJobs')}: {late.map((j) => j.job).join(', ')}.{' '}
      {lastLoadAt ? `${t('dash.lastLoad')}: ${fmtDateTime(lastLoadAt, lang)}.` : t('dash.neverLoaded')}{' '}
      {!schedulerOn ? t('dash.schedulerOff') : null} <Link to="/data">{t('dash.seeDataHealth')}</Link>
    </div>
  )
}
