/**
 * Dữ liệu — data health for the IT department: last run and freshness per ETL job, the source's status,
 * rejected records with their reasons (filterable, paged), and the file import of source records.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { attempt } from '~/components/states/result'
import { Card, ResultView } from '~/components/states/States'
import { ExportLinks } from '~/components/table/ExportLinks'
import { ImportForm } from '~/components/data/ImportForm'
import { ReconcileReport } from '~/components/data/ReconcileCard'
import { latestReconcile } from '../../db/clickhouse/reads/reconcile.ts'
import { labelsOf } from '~/components/data/rejects'
import { JobsTable } from '~/components/data/JobsTable'
import { ReasonsTable, RejectFilterForm, RejectsTable } from '~/components/data/RejectsPanel'
import { SourceStatusCard } from '~/components/data/SourceStatusCard'
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
import { useT } from '~/root'

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
  const { search } = useLocation()
  return (
    <Layout shell={shell} title={t('nav.data')} subtitle={t('data.subtitle')} needsData={false}>
      <Card title={t('data.jobsTitle')} id="jobs" actions={<ExportLinks href={`/export/data?table=jobs`} />}>
        {runs.map((r) => (
          <RunProgress key={`${r.job}-${r.running}-${r.last?.id ?? 0}`} initial={r} />
        ))}
        <ResultView result={jobs} what={t('data.jobsTitle')} isEmpty={(d) => d.length === 0}>
          {(rows) => <JobsTable rows={rows} canImport={canImport} />}
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
        <SourceStatusCard source={source} canEditCodes={canEditCodes} unmapped={unmapped} />
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
          {(rs) => <ReasonsTable reasons={rs} />}
        </ResultView>
        <RejectFilterForm filter={filter} reasons={reasons.ok ? reasons.data : []} />
        <ResultView result={rejects} what={t('data.rejectsTitle')} isEmpty={(d) => d.total === 0} empty={t('data.noRejectsMatch')}>
          {(r) => <RejectsTable r={r} labels={labels} />}
        </ResultView>
      </Card>
    </Layout>
  )
}
