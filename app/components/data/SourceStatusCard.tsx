/** The dossiers' source on the data page: its kind, address, reachability, push queue or token, and the code tables' link. */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt } from '~/i18n/format'
import type { SourceStatus } from '~/dashboard/data-health.server'

export function SourceStatusCard({ source, canEditCodes, unmapped }: { source: SourceStatus; canEditCodes: boolean; unmapped: number }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <dl className="kv" data-testid="source-status">
        <dt>{t('data.sourceKind')}</dt>
        <dd>
          {source.kind === 'simulator'
            ? t('data.sourceSimulator')
            : source.kind === 'http'
              ? t('data.sourceHttp')
              : t(`codes.source.${source.kind}`)}
        </dd>
        <dt>{t('data.sourceUrl')}</dt>
        <dd>
          <code>{source.url}</code>
        </dd>
        <dt>{t('data.sourceReachable')}</dt>
        <dd>
          {source.reachable ? (
            <span className="level level-normal">
              {t('data.reachable')} ({source.status}, {fmtInt(source.latencyMs, lang)} ms)
            </span>
          ) : (
            <span className="level level-critical">
              {t('data.unreachable')}
              {source.status ? ` (HTTP ${source.status})` : ''}
            </span>
          )}
          {source.error ? <div className="field-error small">{source.error}</div> : null}
        </dd>
        {source.push ? (
          <>
            <dt>{t('push.pending')}</dt>
            <dd data-testid="push-pending">{fmtInt(source.push.pending, lang)}</dd>
            <dt>{t('push.lastReceived')}</dt>
            <dd>{fmtDateTime(source.push.lastReceivedAt, lang)}</dd>
          </>
        ) : (
          <>
            <dt>{t('data.token')}</dt>
            <dd>{source.tokenConfigured ? t('data.yes') : t('data.no')}</dd>
          </>
        )}
      </dl>
      {canEditCodes ? (
        <p>
          <Link to="/data/codes" data-testid="codes-link">
            {t('nav.codes')}
          </Link>
          {unmapped > 0 ? (
            <>
              {' '}
              <span className="level level-critical">
                {fmtInt(unmapped, lang)} {t('codes.unmapped').toLowerCase()}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
    </>
  )
}
