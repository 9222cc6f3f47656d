/**
 * Dữ liệu — data health for the IT department: last run and freshness per ETL job, the source's status,
 * rejected records with their reasons (filterable, paged), and the file import of source records.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { attempt } from '~/components/states/result'
import { Card, ResultView } from '~/components/states/States'
import { ExportLinks } from '~/components/table/ExportLinks'
import { Pager } from '~/components/data/Pager'
import { ImportForm } from '~/components/data/ImportForm'
import { ReconcileReport } from '~/components/data/ReconcileCard'
import { latestReconcile } from '../../db/clickhouse/reads/reconcile.ts'
import { detailText, labelsOf, reasonText } from '~/components/data/rejects'
import { jobTable, listRejects, parseRejectFilter, probeSource, rejectReasons, runStatus } from '~/dashboard/data-health.server'
import { RunProgress } from '~/components/data/RunProgress'
import { CommuneFreshnessTable } from '~/components/data/CommuneFreshnessTable'
import { communeFreshness, silentHoursParam } from '~/dashboard/commune-freshness.server'
import { unmappedCount } from '~/dashboard/source-codes.server'
import { listUnknownUnits, mappingPairs, provinceCommunes, rerunUnitRejects, saveUnitMappings } from '~/dashboard/unit-mapping.server'
import { formObject } from '~/dashboard/forms'
import { UnitMapping, type UnitActionResult } from '~/components/data/UnitMapping'
import { useFormBusy } from '~/components/forms/FormBits'
import { isJobBusy } from '../../db/job-control.ts'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt, fmtNum } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Dữ liệu — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'data.read')
  const stores = await getStores()
  const url = new URL(request.url)
  const filter = parseRejectFilter(url.searchParams)
  const silentHours = silentHoursParam(url.searchParams, stores.config.COMMUNE_SILENT_HOURS)
  const [shell, jobs, reasons, rejects, source, reconcile, fresh] = await Promise.all([
    loadShell(stores),
    attempt('data:jobs', () => jobTable(stores)),
    attempt('data:reasons', () => rejectReasons(stores)),
    attempt('data:rejects', () => listRejects(stores, filter)),
    probeSource(stores),
    attempt('data:reconcile', () => latestReconcile(stores.ch, { limit: 20 }, 'route:data')),
    attempt('data:communes', () => communeFreshness(stores, silentHours)),
  ])
  const canEditCodes = can(user, 'sources.edit')
  const unmapped = canEditCodes ? await unmappedCount(stores) : 0
  const communes = canEditCodes ? await provinceCommunes(stores) : []
  const units = canEditCodes ? await attempt('data:units', () => listUnknownUnits(stores, communes)) : null
  const labels = labelsOf(stores.jobs?.list() ?? [])
  // Runs to follow: the one just asked for (?ran=) and any going on in this server.
  const names = (stores.jobs?.list() ?? []).map((j) => j.name)
  const ran = url.searchParams.get('ran')
  const follow = names.filter((n) => n === ran || stores.jobs?.live(n))
  const runs = await Promise.all(follow.map((n) => runStatus(stores, n)))
  return {
    runs,
    fresh,
    silentHours,
    shell,
    jobs,
    reasons,
    rejects,
    source,
    reconcile,
    filter,
    canImport: can(user, 'data.import'),
    canEditCodes,
    unmapped,
    labels,
    units,
    communes,
  }
}

/** IT maps old units to communes (audited like the code tables) and runs the kept `unknown_unit` rejects again (ADR 035). */
export async function action({ request }: ActionFunctionArgs): Promise<UnitActionResult> {
  const { user, form } = await requireAction(request, 'sources.edit')
  const stores = await getStores()
  const data = formObject(form)
  const intent = data.intent === 'rejects.rerun' ? 'rejects.rerun' : 'units.save'
  const pairs = mappingPairs(data)
  const codes = new Set((await provinceCommunes(stores)).map((c) => c.code))
  if (pairs.some((p) => p.target && !codes.has(p.target))) return { ok: false, intent, error: 'units.badTarget' }
  const changed = await saveUnitMappings(stores, pairs, user.email)
  for (const c of changed)
    await auditRequest(request, user, 'source_code.save', `contract/unit/${c.unit}`, { before: c.before, after: c.after })
  if (intent === 'units.save') return { ok: true, intent, saved: changed.length }
  try {
    const rerun = await rerunUnitRejects(stores)
    await auditRequest(request, user, 'rejects.rerun', 'dossiers/unknown_unit', rerun)
    return { ok: true, intent, saved: changed.length, rerun }
  } catch (e) {
    if (isJobBusy(e)) return { ok: false, intent, error: 'units.busy' }
    throw e
  }
}

export default function DataHealth() {
  const {
    shell,
    jobs,
    reasons,
    rejects,
    source,
    reconcile,
    filter,
    canImport,
    canEditCodes,
    unmapped,
    labels,
    units,
    communes,
    runs,
    fresh,
    silentHours,
  } = useLoaderData<typeof loader>()
  const unitResult = useActionData<typeof action>()
  const busy = useFormBusy()
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const jobNames = reasons.ok ? [...new Set(reasons.data.map((r) => r.job))] : []
  const reasonNames = reasons.ok ? [...new Set(reasons.data.filter((r) => !filter.job || r.job === filter.job).map((r) => r.reason))] : []
  return (
    <Layout shell={shell} title={t('nav.data')} subtitle={t('data.subtitle')} needsData={false}>
      <Card title={t('data.jobsTitle')} id="jobs" actions={<ExportLinks href={`/export/data?table=jobs`} />}>
        {runs.map((r) => (
          <RunProgress key={`${r.job}-${r.running}-${r.last?.id ?? 0}`} initial={r} />
        ))}
        <ResultView result={jobs} what={t('data.jobsTitle')} isEmpty={(d) => d.length === 0}>
          {(rows) => (
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
                      <td>
                        {j.lastRun ? (
                          <span
                            className={`level level-${j.lastRun.status === 'ok' ? 'normal' : j.lastRun.status === 'failed' ? 'critical' : 'watch'}`}
                          >
                            {t.code(`data.status.${j.lastRun.status}`)}
                          </span>
                        ) : (
                          '—'
                        )}
                        {j.lastRun?.error ? <div className="field-error small">{j.lastRun.error}</div> : null}
                      </td>
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
          )}
        </ResultView>
      </Card>

      <Card title={t('fresh.title')} id="communes">
        <ResultView result={fresh} what={t('fresh.title')}>
          {(rows) => <CommuneFreshnessTable rows={rows} threshold={silentHours} />}
        </ResultView>
      </Card>

      <Card title={t('data.reconcileTitle')} id="reconcile">
        <ResultView result={reconcile} what={t('data.reconcileTitle')}>
          {(r) => <ReconcileReport summary={r.summary} differing={r.differing} />}
        </ResultView>
      </Card>

      <Card title={t('data.sourceTitle')} id="source">
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
      </Card>

      {units ? (
        <Card title={t('units.title')} id="units">
          <ResultView result={units} what={t('units.title')}>
            {(list) => <UnitMapping units={list} communes={communes} result={unitResult} busy={busy} />}
          </ResultView>
        </Card>
      ) : null}

      <Card title={t('data.importTitle')} id="import">
        {canImport ? <ImportForm /> : <p className="muted">{t('data.importNoPermission')}</p>}
      </Card>

      <Card
        title={t('data.rejectsTitle')}
        id="rejects"
        actions={<ExportLinks href={`/export/data${search ? search + '&' : '?'}table=rejects`} />}
      >
        <ResultView result={reasons} what={t('data.reasonsTitle')}>
          {(rs) =>
            rs.length === 0 ? (
              <p className="muted">{t('data.noRejects')}</p>
            ) : (
              <details>
                <summary>{t('data.reasonsTitle')}</summary>
                <table className="data" data-testid="reasons-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('data.job')}</th>
                      <th scope="col">{t('data.reason')}</th>
                      <th scope="col" className="num">
                        {t('data.count')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rs.map((r) => (
                      <tr key={`${r.job}/${r.reason}`}>
                        <th scope="row">{r.job}</th>
                        <td>
                          <Link to={`?job=${encodeURIComponent(r.job)}&reason=${encodeURIComponent(r.reason)}#rejects`}>
                            {reasonText(t, r.reason)}
                          </Link>
                        </td>
                        <td className="num">{fmtInt(r.count, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )
          }
        </ResultView>
        <Form method="get" className="filter-bar" role="search" aria-label={t('data.rejectFilter')} preventScrollReset>
          <label>
            <span>{t('data.job')}</span>
            <select name="job" defaultValue={filter.job ?? ''} key={`j${filter.job}`}>
              <option value="">{t('dash.allTypes')}</option>
              {jobNames.map((j) => (
                <option key={j} value={j}>
                  {j}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('data.reason')}</span>
            <select name="reason" defaultValue={filter.reason ?? ''} key={`r${filter.reason}`}>
              <option value="">{t('dash.allTypes')}</option>
              {reasonNames.map((r) => (
                <option key={r} value={r}>
                  {reasonText(t, r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('data.recordSearch')}</span>
            <input type="search" name="rq" defaultValue={filter.rq ?? ''} key={`q${filter.rq}`} />
          </label>
          <button type="submit" className="btn">
            {t('dash.apply')}
          </button>
        </Form>
        <ResultView result={rejects} what={t('data.rejectsTitle')} isEmpty={(d) => d.total === 0} empty={t('data.noRejectsMatch')}>
          {(r) => (
            <>
              <div className="table-wrap">
                <table className="data" data-testid="rejects-table">
                  <caption className="sr-only">{t('data.rejectsTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('data.at')}</th>
                      <th scope="col">{t('data.job')}</th>
                      <th scope="col">{t('data.reason')}</th>
                      <th scope="col">{t('data.recordId')}</th>
                      <th scope="col">{t('data.detail')}</th>
                      <th scope="col" className="hide-sm">
                        {t('data.raw')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rows.map((x) => (
                      <tr key={x.id}>
                        <td className="nowrap">{fmtDateTime(x.at, lang)}</td>
                        <td>{x.job}</td>
                        <th scope="row">{reasonText(t, x.reason)}</th>
                        <td>{x.recordId ?? '—'}</td>
                        <td>{detailText(t, labels[x.job], x.detail, x.reason, x.raw)}</td>
                        <td className="hide-sm">
                          <details>
                            <summary>{t('data.showRaw')}</summary>
                            <pre className="raw">{x.raw}</pre>
                          </details>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={r.page} pages={r.pages} total={r.total} param="rpage" />
            </>
          )}
        </ResultView>
      </Card>
    </Layout>
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
