/**
 * Nhân sự (Home Affairs): load per officer, required vs assigned staff and the overload ranking per
 * commune; and, for users who may edit staffing, the officers and their assignments (every change is
 * validated, audited, and re-snapshotted so the KPIs follow).
 */
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { z } from 'zod'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { listCommunes } from '~/models/communes.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { KpiTile } from '~/components/tiles/KpiTile'
import { Card, ErrorState, ResultView } from '~/components/states/States'
import { DataTable, type Column } from '~/components/table/DataTable'
import { reasonsColumn } from '~/components/table/reasons-column'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { BarsChart } from '~/components/charts/Charts'
import { OverloadBadge } from '~/components/overview/OverloadBadge'
import { Flash } from '~/components/forms/FormBits'
import { OfficerEditor } from '~/components/staffing/OfficerEditor'
import { formatter } from '~/components/format'
import { attempt } from '~/components/states/result'
import { loadStaffing, rankProvinceStaffing, staffingView, type StaffingRow } from '~/dashboard/staffing.server'
import { listProvinces } from '~/dashboard/provinces.server'
import { NATION } from '../../db/pg/reads/communes.ts'
import { ProvinceStaffingTable } from '~/components/staffing/ProvinceStaffingTable'
import { staffingTable } from '~/dashboard/staffing.tables'
import {
  addAssignment,
  AssignmentSchema,
  EditError,
  endAssignment,
  EndAssignmentSchema,
  listOfficers,
  OfficerSchema,
  saveOfficer,
} from '~/dashboard/staffing-edit.server'
import { editForm, fieldFailure, parseForm, type ActionResult } from '~/dashboard/forms'
import { computeTotals } from '~/lib/table-spec'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'

import { toLocalYmd } from '../../db/lib/workdays'
import { langFromRequest } from '~/i18n/lang.server'
import { usePage } from '~/components/layout/use-page'
import { fmtDate, fmtInt } from '~/i18n/format'
import { DrillLink } from '~/components/table/DrillLink'

export const meta: MetaFunction = () => [{ title: 'Nhân sự — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const url = new URL(request.url)
  const period = resolvePeriod(parseFilters(url.searchParams))
  const { lang } = langFromRequest(request)
  const canEdit = can(user, 'staffing.edit')
  const all = await listCommunes(stores.pg.db, stores.config.PROVINCE_CODE)
  const communes = all.map((c) => ({ code: c.code, name: c.name }))
  const oc = z
    .string()
    .regex(/^\d{5}$/)
    .catch(communes[0]?.code ?? '')
    .parse(url.searchParams.get('oc') ?? '')
  const national = stores.config.PROVINCE_CODE === NATION
  const [shell, full, officers, provinces] = await Promise.all([
    loadShell(stores),
    loadStaffing(stores, period),
    canEdit ? attempt('staffing:officers', () => listOfficers(stores, oc)) : Promise.resolve(null),
    national ? listProvinces(stores, NATION) : null,
  ])
  // Totals and the province ranking over every commune; the table ships one page of them (a nation's 3,321).
  const totals = full.rows ? computeTotals(staffingTable(lang, full.rows, [])) : null
  const provinceRows =
    provinces && full.rows ? rankProvinceStaffing(full.rows, new Map(all.map((c) => [c.code, c.provinceCode])), provinces) : null
  const data = staffingView(full, url.searchParams)
  return { shell, period, data, totals, provinceRows, canEdit, officers, communes, oc, today: toLocalYmd(new Date()) }
}

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, form } = await requireAction(request, 'staffing.edit')
  const stores = await getStores()
  const { data, intent, withRow } = editForm(form)
  try {
    if (intent === 'officer.save') {
      const p = parseForm(OfficerSchema, { ...data, skills: form.getAll('skills').map(String) }, intent)
      if (!p.ok) return withRow(p.result)
      const r = await saveOfficer(stores, p.data)
      await auditRequest(request, user, r.created ? 'staffing.officer_create' : 'staffing.officer_update', r.id, {
        before: r.before,
        after: p.data,
      })
      return { ok: true, intent, message: r.created ? 'staff.officerCreated' : 'staff.officerSaved' }
    }
    if (intent === 'assignment.add') {
      const p = parseForm(AssignmentSchema, data, intent)
      if (!p.ok) return withRow(p.result)
      const r = await addAssignment(stores, p.data, user.email)
      await auditRequest(request, user, 'staffing.assignment_add', p.data.communeCode, { assignment: r.id, closed: r.closed, ...p.data })
      return { ok: true, intent, message: 'staff.assignedOk' }
    }
    if (intent === 'assignment.end') {
      const p = parseForm(EndAssignmentSchema, data, intent)
      if (!p.ok) return withRow(p.result)
      const r = await endAssignment(stores, p.data)
      await auditRequest(request, user, 'staffing.assignment_end', r.communeCode, {
        assignment: p.data.assignmentId,
        officer: r.officerId,
        before: r.before,
        after: p.data.validTo,
      })
      return { ok: true, intent, message: 'staff.ended' }
    }
  } catch (e) {
    return fieldFailure(e, EditError, intent, data.id)
  }
  return { ok: false, intent, error: 'form.invalid', fieldErrors: {} }
}

export default function Staffing() {
  const {
    data: { shell, period, data, totals, provinceRows, canEdit, officers, communes, oc, today },
    result,
    t,
    lang,
  } = usePage<typeof loader, typeof action>()
  const { search, keep } = usePeriodSearch()
  const f = { int: formatter('int', lang), num: formatter('num', lang), pct: formatter('pct', lang), signed: formatter('signedInt', lang) }
  const rank = { overload: 3, watch: 2, normal: 1 } as const
  const columns: Column<StaffingRow>[] = [
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#staffing`}>{r.name}</Link>,
    },
    {
      key: 'level',
      kpi: 'overload',
      header: t('kpi.overload'),
      value: (r) => (r.level ? rank[r.level] - (r.noData ? 1 : 0) : null),
      render: (r) => <OverloadBadge level={r.level} noData={r.noData} reasons={r.reasons} />,
      firstDir: 'desc',
    },
    {
      key: 'required',
      kpi: 'staff_required',
      header: t('staff.required'),
      numeric: true,
      value: (r) => r.required,
      render: (r) => f.int(r.required),
    },
    {
      key: 'assigned',
      kpi: 'staff_assigned',
      header: t('staff.assigned'),
      numeric: true,
      value: (r) => r.assigned,
      render: (r) => f.int(r.assigned),
    },
    {
      key: 'gap',
      header: t('staff.gap'),
      numeric: true,
      value: (r) => r.gap,
      render: (r) => f.signed(r.gap),
    },
    {
      key: 'predictedLate',
      kpi: 'predicted_late',
      header: t('staff.predictedLate'),
      numeric: true,
      value: (r) => r.predictedLate,
      render: (r) => f.num(r.predictedLate),
    },
    {
      key: 'predictedWaitMinutes',
      kpi: 'predicted_wait',
      header: t('staff.predictedWait'),
      numeric: true,
      value: (r) => r.predictedWaitMinutes,
      render: (r) => f.num(r.predictedWaitMinutes),
      className: 'hide-sm',
    },
    {
      key: 'perOfficerPerDay',
      kpi: 'per_officer_per_day',
      header: t('kpi.per_officer_per_day'),
      numeric: true,
      value: (r) => r.perOfficerPerDay,
      render: (r) => f.num(r.perOfficerPerDay),
    },
    {
      key: 'weightedPerOfficerPerDay',
      header: t('staff.weightedPerOfficer'),
      numeric: true,
      value: (r) => r.weightedPerOfficerPerDay,
      render: (r) => f.num(r.weightedPerOfficerPerDay),
      className: 'hide-sm',
    },
    {
      key: 'utilisation',
      kpi: 'utilisation',
      header: t('kpi.utilisation'),
      numeric: true,
      value: (r) => r.utilisation,
      render: (r) => f.pct(r.utilisation),
      className: 'hide-sm',
    },
    {
      key: 'overdue',
      kpi: 'overdue_open',
      header: t('kpi.overdue_open'),
      numeric: true,
      value: (r) => r.overdue,
      render: (r) => (
        <DrillLink commune={r.code} range={period.current} cls="in_process_overdue">
          {f.int(r.overdue)}
        </DrillLink>
      ),
      className: 'hide-sm',
    },
    {
      key: 'overdueShare',
      kpi: 'overdue_share',
      header: t('kpi.overdue_share'),
      numeric: true,
      value: (r) => r.overdueShare,
      render: (r) => f.pct(r.overdueShare),
      className: 'hide-sm',
    },
    reasonsColumn(t('staff.reasons'), lang),
  ]
  const need = data.need
  const ov = data.overload
  // Only communes actually short (gap > 0) are ranked: the chart never fills up with balanced or overstaffed ones.
  const top = data.short
  return (
    <Layout shell={shell} title={t('nav.staffing')} subtitle={t('staff.subtitle')}>
      <FilterBar resolved={period} />
      <section className="tiles" aria-label={t('overview.tiles')}>
        <KpiTile
          id="required"
          kpi="staff_required"
          label={t('staff.required')}
          result={need.ok ? { ok: true, data: { value: need.data.required } } : need}
          direction="neutral"
          format={f.int}
          href="#ranking"
        />
        <KpiTile
          id="assigned"
          kpi="staff_assigned"
          label={t('staff.assigned')}
          result={need.ok ? { ok: true, data: { value: need.data.assigned } } : need}
          direction="neutral"
          format={f.int}
          href="#ranking"
        />
        <KpiTile
          id="shortage"
          kpi="staff_shortage"
          result={need.ok ? { ok: true, data: { value: need.data.shortage } } : need}
          direction="lower_better"
          format={f.int}
          href="#ranking"
        />
        <KpiTile
          id="surplus"
          kpi="staff_surplus"
          result={need.ok ? { ok: true, data: { value: need.data.surplus } } : need}
          direction="neutral"
          format={f.int}
          href="#ranking"
        />
        <KpiTile
          id="predictedLate"
          kpi="predicted_late"
          result={need.ok ? { ok: true, data: { value: need.data.predictedLate } } : need}
          direction="lower_better"
          format={f.num}
          hint={need.ok ? `${need.data.horizonDays} ${t('staff.workingDaysAhead')}` : undefined}
          href="#ranking"
        />
        <KpiTile
          id="predictedWait"
          kpi="predicted_wait"
          result={need.ok ? { ok: true, data: { value: need.data.predictedWaitMinutes } } : need}
          direction="lower_better"
          format={f.num}
        />
        <KpiTile
          id="modelAccuracy"
          kpi="model_error"
          result={
            data.model.error
              ? { ok: false, error: data.model.error }
              : { ok: true, data: { value: data.model.wape === null ? null : data.model.wape } }
          }
          direction="lower_better"
          format={f.pct}
          hint={
            data.model.computing
              ? t('staff.modelComputing')
              : data.model.windows === 0
                ? t('staff.modelNoHistory')
                : `${t('staff.modelAccuracyHint')}: ${f.num(data.model.predictedPerWindow)} / ${f.num(data.model.observedPerWindow)} (${data.model.windows ?? 0} × 4 ${t('staff.weeks')})`
          }
        />
        <KpiTile
          id="overload"
          kpi="overload_communes"
          result={ov.ok ? { ok: true, data: { value: ov.data.counts.overload } } : ov}
          direction="lower_better"
          format={f.int}
          hint={ov.ok ? `${t('overload.watch')}: ${fmtInt(ov.data.counts.watch, lang)}` : undefined}
          href="#ranking"
        />
        <KpiTile
          id="perOfficer"
          kpi="per_officer_per_day"
          result={data.load.ok ? { ok: true, data: { value: data.load.data.perOfficerPerWorkday } } : data.load}
          direction="neutral"
          format={f.num}
        />
      </section>
      {need.ok ? (
        <p className="muted small" data-testid="staffing-model-note">
          {t('staff.modelNote')} {fmtDate(need.data.modelAsOf, lang)}.
        </p>
      ) : null}
      {data.rows === null ? (
        <ErrorState what={t('nav.staffing')} error={[need, ov, data.load].map((r) => (r.ok ? '' : r.error)).join('; ')} />
      ) : (
        <>
          <Card title={`${t('staff.gapChart')} (${top?.top.length ?? 0})`} id="gap-chart">
            {top && top.top.length ? (
              <BarsChart
                data={top.top.map((r) => ({ name: r.name, required: r.required, assigned: r.assigned }))}
                xKey="name"
                horizontal
                height={Math.max(220, top.top.length * 26)}
                series={[
                  { key: 'required', label: t('staff.required') },
                  { key: 'assigned', label: t('staff.assigned') },
                ]}
                label={t('staff.gapChart')}
                formatY={(v) => fmtInt(v, lang)}
              />
            ) : (
              <p className="muted" data-testid="none-short">
                {t('staff.noneShort')}
              </p>
            )}
            {top?.rest ? (
              <p className="muted small">
                {t('overview.andMore')} {top.rest.count}
              </p>
            ) : null}
          </Card>
          {provinceRows ? (
            <Card title={t('nation.staffTable')} id="provinces">
              <ProvinceStaffingTable rows={provinceRows} />
            </Card>
          ) : null}
          <Card title={t('staff.tableTitle')} id="ranking">
            {[need, ov, data.load].some((r) => !r.ok) ? (
              <p className="state state-error" role="alert">
                {t('overview.someFailed')}
              </p>
            ) : null}
            <DataTable
              id="staffing-table"
              caption={t('staff.tableTitle')}
              columns={columns}
              rows={data.rows}
              rowKey={(r) => r.code}
              defaultSort={{ key: 'level', dir: 'desc' }}
              urlSync
              paging={data.paging}
              exportHref={`/export/staffing${search}`}
              footer={
                totals ? (
                  <tr data-testid="staffing-totals">
                    <th scope="row">{t('dash.total')}</th>
                    <td />
                    <td className="num" data-total="required">
                      {f.int(totals.required ?? null)}
                    </td>
                    <td className="num" data-total="assigned">
                      {f.int(totals.assigned ?? null)}
                    </td>
                    <td className="num" data-total="gap">
                      {f.int(totals.gap ?? null)}
                    </td>
                    <td className="num" data-total="predictedLate">
                      {f.num(totals.predictedLate ?? null)}
                    </td>
                    <td className="hide-sm" />
                    <td />
                    <td className="hide-sm" />
                    <td className="hide-sm" />
                    <td className="num hide-sm" data-total="overdue">
                      <DrillLink range={period.current} cls="in_process_overdue">
                        {f.int(totals.overdue ?? null)}
                      </DrillLink>
                    </td>
                    <td className="hide-sm" />
                    <td className="hide-sm" />
                  </tr>
                ) : undefined
              }
              rowProps={(r) => ({ 'data-commune': r.code })}
            />
          </Card>
        </>
      )}
      {canEdit ? (
        <Card title={t('staff.editTitle')} id="officers">
          <p className="muted small">{t('staff.editHint')}</p>
          {oc ? (
            <p>
              <Link to={`/staffing/plan?commune=${encodeURIComponent(oc)}#constraints`} data-testid="plan-for-commune">
                {t('staff.planFor')}
              </Link>
            </p>
          ) : null}
          <Flash result={result} />
          {officers ? (
            <ResultView result={officers} what={t('staff.editTitle')}>
              {(list) => <OfficerEditor officers={list} communes={communes} selected={oc} result={result} today={today} />}
            </ResultView>
          ) : null}
        </Card>
      ) : null}
    </Layout>
  )
}
