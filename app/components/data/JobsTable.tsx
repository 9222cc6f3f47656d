/** The ETL jobs' table on the data page: each job's last run, its freshness and counts, and "run now" for IT. */
import { Form, Link, useNavigation } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt, fmtNum } from '~/i18n/format'
import type { JobRow } from '~/dashboard/data-health.server'

export function JobsTable({ rows, canImport }: { rows: JobRow[]; canImport: boolean }) {
  const t = useT()
  const lang = useLang()
  return (
    <div className="table-wrap">
      <table className="data" data-testid="jobs-table">
        <caption className="sr-only">{t('data.jobsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('data.job')}</th>
            <th scope="col">{t('data.schedule')}</th>
            <th scope="col">{t('data.lastStatus')}</th>
            <th scope="col">{t('data.lastRunAt')}</th>
            <th scope="col">{t('data.lastSuccessAt')}</th>
            <th scope="col">{t('data.freshness')}</th>
            <th scope="col" className="num">
              {t('data.read')}
            </th>
            <th scope="col" className="num">
              {t('data.loaded')}
            </th>
            <th scope="col" className="num">
              {t('data.rejected')}
            </th>
            <th scope="col" className="num hide-sm">
              {t('data.duration')}
            </th>
            <th scope="col" className="num hide-sm">
              {t('data.failed24h')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((j) => (
            <tr key={j.job} data-job={j.job}>
              <th scope="row">
                {j.job}
                <div className="muted small">{j.description}</div>
                {canImport ? <RunNow job={j.job} /> : null}
              </th>
              <td>
                <code>{j.schedule}</code>
              </td>
              <LastRunStatus run={j.lastRun} />
              <td className="nowrap">{fmtDateTime(j.lastRunAt, lang)}</td>
              <td className="nowrap">{fmtDateTime(j.lastSuccessAt, lang)}</td>
              <td>
                {j.late ? (
                  <span className="level level-watch">{t('data.lateBadge')}</span>
                ) : (
                  <span className="level level-normal">{t('data.onTimeBadge')}</span>
                )}
              </td>
              <td className="num">{fmtInt(j.lastRun?.read, lang)}</td>
              <td className="num">{fmtInt(j.lastRun?.loaded, lang)}</td>
              <td className="num">
                {j.lastRun && j.lastRun.rejected > 0 ? (
                  <Link to={`?job=${encodeURIComponent(j.job)}#rejects`}>{fmtInt(j.lastRun.rejected, lang)}</Link>
                ) : (
                  fmtInt(j.lastRun?.rejected, lang)
                )}
              </td>
              <td className="num hide-sm">{j.lastRun?.durationS != null ? `${fmtNum(j.lastRun.durationS, 1, lang)} s` : '—'}</td>
              <td className="num hide-sm">{fmtInt(j.failed24h, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The last run's status as a coloured badge (ok, failed, anything else) with its error below; — before any run. */
function LastRunStatus({ run }: { run: JobRow['lastRun'] }) {
  const t = useT()
  return (
    <td>
      {run ? (
        <span className={`level level-${run.status === 'ok' ? 'normal' : run.status === 'failed' ? 'critical' : 'watch'}`}>
          {t.code(`data.status.${run.status}`)}
        </span>
      ) : (
        '—'
      )}
      {run?.error ? <div className="field-error small">{run.error}</div> : null}
    </td>
  )
}

/** "Run now" for one job (IT): posts to /data/run; the table shows the run's status when the page comes back. */
function RunNow({ job }: { job: string }) {
  const t = useT()
  const nav = useNavigation()
  const busy = nav.state !== 'idle' && nav.formData?.get('job') === job
  return (
    <Form method="post" action="/data/run" className="inline-form no-print">
      <CsrfInput />
      <input type="hidden" name="job" value={job} />
      <button type="submit" className="btn btn-small" disabled={busy} data-testid={`run-${job}`}>
        {busy ? t('data.running') : t('data.runNow')}
      </button>
    </Form>
  )
}
