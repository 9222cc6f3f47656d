/**
 * A job's run after "Chạy ngay" (IT): while it goes on, records read (of the total when the source knows it), pages
 * and seconds so far, followed live by polling GET /data/run/status about once a second; then its result in words,
 * and the page's tables reload. Without JavaScript the page refreshes itself every 2 s while the run goes on.
 */
import { useEffect, useState } from 'react'
import { useRevalidator } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt, fmtNum } from '~/i18n/format'
import type { RunStatus } from '~/dashboard/data-health.server'

const POLL_MS = 1000

export function RunProgress({ initial }: { initial: RunStatus }) {
  const t = useT()
  const lang = useLang()
  const revalidator = useRevalidator()
  const [s, setS] = useState(initial)
  const { job, running } = s
  useEffect(() => {
    if (!running) return
    let stopped = false
    const timer = setInterval(() => {
      fetch(`/data/run/status?job=${encodeURIComponent(job)}`, { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<RunStatus>) : null))
        .then((next) => {
          if (!next || stopped) return
          setS(next)
          if (!next.running) {
            clearInterval(timer)
            revalidator.revalidate()
          }
        })
        .catch(() => undefined) // a lost poll: the next one tries again
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one poller per run; revalidator changes every render
  }, [job, running])

  if (s.live) {
    const l = s.live
    const read = l.total
      ? t('run.readOf', { read: fmtInt(l.read, lang), total: fmtInt(l.total, lang) })
      : t('run.read', { read: fmtInt(l.read, lang) })
    return (
      <div className="flash flash-info" role="status" aria-live="polite" data-testid="run-progress" data-job={job} data-state="running">
        <strong>{t('run.running', { job })}</strong>:{' '}
        {/* A job that reports no progress (rollups, snapshots) shows its time only, never a "0 read". */}
        {l.pages > 0 ? `${read} · ${t('run.pages', { n: fmtInt(l.pages, lang) })} · ` : ''}
        {t('run.elapsed', { s: fmtNum(l.elapsedS, 0, lang) })}
        {l.total ? <progress max={l.total} value={l.read} aria-label={t('run.progress')} /> : null}
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      </div>
    )
  }
  const r = s.last
  if (!r) return null
  const vars = {
    job,
    at: fmtDateTime(r.finishedAt ?? r.startedAt, lang),
    s: fmtNum(r.durationS ?? 0, 1, lang),
    read: fmtInt(r.read, lang),
    loaded: fmtInt(r.loaded, lang),
    rejected: fmtInt(r.rejected, lang),
    error: r.error ?? '',
  }
  const failed = r.status === 'failed'
  return (
    <div
      className={`flash ${failed ? 'flash-error' : r.rejected ? 'flash-warn' : 'flash-ok'}`}
      role="status"
      data-testid="run-progress"
      data-job={job}
      data-state={failed ? 'failed' : 'done'}
    >
      {t(failed ? 'run.failed' : 'run.done', vars)}
    </div>
  )
}
