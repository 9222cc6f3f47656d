/**
 * Nhân sự (Home Affairs): load per officer, required vs assigned staff and the overload ranking per
 * commune; and, for users who may edit staffing, the officers and their assignments (every change is
 * validated, audited, and re-snapshotted so the KPIs follow).
 */
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
import { Card, ErrorState, ResultView } from '~/components/states/States'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { Flash } from '~/components/forms/FormBits'
import { OfficerEditor } from '~/components/staffing/OfficerEditor'
import { StaffingTiles } from '~/components/staffing/StaffingTiles'
import { StaffingGapChart, StaffingRankingCard } from '~/components/staffing/StaffingRanking'
import { attempt } from '~/components/states/result'
import { loadStaffing } from '~/dashboard/staffing.server'
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
import { fmtDate } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Nhân sự — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const url = new URL(request.url)
  const period = resolvePeriod(parseFilters(url.searchParams))
  const { lang } = langFromRequest(request)
  const canEdit = can(user, 'staffing.edit')
  const communes = (await listCommunes(stores.pg.db, stores.config.PROVINCE_CODE)).map((c) => ({ code: c.code, name: c.name }))
  const oc = z
    .string()
    .regex(/^\d{5}$/)
    .catch(communes[0]?.code ?? '')
    .parse(url.searchParams.get('oc') ?? '')
  const [shell, data, officers] = await Promise.all([
    loadShell(stores),
    loadStaffing(stores, period),
    canEdit ? attempt('staffing:officers', () => listOfficers(stores, oc)) : Promise.resolve(null),
  ])
  const totals = data.rows ? computeTotals(staffingTable(lang, data.rows, [])) : null
  return { shell, period, data, totals, canEdit, officers, communes, oc, today: toLocalYmd(new Date()) }
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
    data: { shell, period, data, totals, canEdit, officers, communes, oc, today },
    result,
    t,
    lang,
  } = usePage<typeof loader, typeof action>()
  const { need, overload: ov } = data
  return (
    <Layout shell={shell} title={t('nav.staffing')} subtitle={t('staff.subtitle')}>
      <FilterBar resolved={period} />
      <StaffingTiles data={data} />
      {need.ok ? (
        <p className="muted small" data-testid="staffing-model-note">
          {t('staff.modelNote')} {fmtDate(need.data.modelAsOf, lang)}.
        </p>
      ) : null}
      {data.rows === null ? (
        <ErrorState what={t('nav.staffing')} error={[need, ov, data.load].map((r) => (r.ok ? '' : r.error)).join('; ')} />
      ) : (
        <>
          <StaffingGapChart rows={data.rows} />
          <StaffingRankingCard data={data} rows={data.rows} totals={totals} period={period} />
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
