/**
 * Điều động nhân sự — the staffing planner (Home Affairs): constraints → a proposal with its predicted effect
 * per commune and for the province → edit it (what-if, re-evaluated at once) → accept it with a reason, which
 * writes the assignments and the audit entry.
 * access: page kpi.read (province-wide); propose/save/discard staffing.edit; accept reallocation.accept.
 */
import { RecentPlans } from '~/planning/ui/RecentPlans'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useFormBusy } from '~/components/forms/FormBits'
import { auditRequest, clientIp, refuse, requireAction, requirePermission } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { attempt } from '~/components/states/result'
import { Card, ResultView } from '~/components/states/States'
import { evaluatePlan } from '~/planning/evaluate'
import {
  communeNames,
  defaultProposeForm,
  instanceOf,
  planView,
  proposeAndSave,
  ProposeForm,
  slimEvaluation,
} from '~/planning/planner.server'
import {
  acceptStaffingPlan,
  discardStaffingPlan,
  getStaffingPlan,
  listStaffingPlans,
  MovesSchema,
  planFailure,
  PlanIdSchema,
  updateStaffingPlan,
} from '~/planning/plans.server'
import { PlanCard } from '~/planning/ui/PlanCard'
import { worseCommunes } from '~/planning/decision'
import { ProposeFormView } from '~/planning/ui/ProposeFormView'
import { usePage } from '~/components/layout/use-page'
import { fmtDateTime } from '~/i18n/format'
import type { ActionResult } from '~/dashboard/forms'

export const meta: MetaFunction = () => [{ title: 'Điều động nhân sự — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const raw = new URL(request.url).searchParams.get('plan')
  const id = raw === null ? null : PlanIdSchema.safeParse(raw)
  if (id && !id.success) throw new Response('Not found', { status: 404 })
  const [shell, plans, names, defaults] = await Promise.all([
    loadShell(stores),
    attempt('staffing-plans', () => listStaffingPlans(stores)),
    communeNames(stores),
    defaultProposeForm(stores),
  ])
  const view = id?.success ? await attempt('staffing-plan', () => planView(stores, id.data)) : null
  if (view && !view.ok && /not found/.test(view.error)) throw new Response('Not found', { status: 404 })
  // From /staffing's selected commune: the proposal is titled for it (the planner still balances the province).
  const focus = new URL(request.url).searchParams.get('commune')
  const focusName = focus ? (names.find((c) => c.code === focus)?.name ?? null) : null
  return {
    shell,
    plans,
    view,
    focusName,
    defaults: focusName ? { ...defaults, title: `Điều động cho ${focusName}` } : defaults,
    names: Object.fromEntries(names.map((c) => [c.code, c.name])),
    canEdit: can(user, 'staffing.edit'),
    canAccept: can(user, 'reallocation.accept'),
  }
}

type Result = ActionResult<{ evaluation?: ReturnType<typeof slimEvaluation> }>

export async function action({ request }: ActionFunctionArgs): Promise<Result | Response> {
  const { user, form } = await requireAction(request, 'kpi.read')
  const stores = await getStores()
  const intent = String(form.get('intent') ?? '')
  const need = intent === 'accept' ? 'reallocation.accept' : intent === 'evaluate' ? 'kpi.read' : 'staffing.edit'
  if (!can(user, need)) throw refuse(request, 403)
  try {
    if (intent === 'propose') {
      const f = ProposeForm.safeParse(Object.fromEntries(form))
      if (!f.success) return { ok: false, intent, error: f.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }
      const id = await proposeAndSave(stores, f.data, user.email)
      await auditRequest(request, user, 'reallocation.propose', `staffing_plan:${id}`, { constraints: f.data })
      return redirect(`/staffing/plan?plan=${id}`)
    }
    const id = PlanIdSchema.parse(form.get('plan'))
    if (intent === 'evaluate' || intent === 'save') {
      const moves = MovesSchema.parse(JSON.parse(String(form.get('moves') ?? '[]')))
      const saved = await getStaffingPlan(stores, id)
      const { instance } = await instanceOf(stores, id, saved.params)
      const evaluation = evaluatePlan(instance, moves)
      if (intent === 'evaluate') return { ok: true, intent, evaluation: slimEvaluation(evaluation) }
      await updateStaffingPlan(stores, id, moves, evaluation)
      await auditRequest(request, user, 'reallocation.edit', `staffing_plan:${id}`, { moves: moves.length })
      return { ok: true, intent, message: 'pl.saved' }
    }
    if (intent === 'accept') {
      const reason = String(form.get('reason') ?? '')
      // A plan that makes any commune worse is accepted only once the acceptor has seen which (the page lists them).
      const worse = worseCommunes((await planView(stores, id)).evaluation)
      if (worse.length && form.get('acknowledgeWorse') !== 'on') return { ok: false, intent, error: 'plan.worseUnacknowledged' }
      const r = await acceptStaffingPlan(stores, id, { actor: user.email, reason, ip: clientIp(request) })
      return { ok: true, intent, message: r.snapshotError ? 'plan.snapshotFailed' : 'plan.accepted', error: r.snapshotError ?? undefined }
    }
    if (intent === 'discard') {
      await discardStaffingPlan(stores, id, user.email, clientIp(request))
      return { ok: true, intent, message: 'plan.discarded' }
    }
  } catch (e) {
    if (e instanceof SyntaxError) return { ok: false, intent, error: 'form.invalid' }
    return planFailure(e, intent)
  }
  return { ok: false, intent, error: 'form.invalid' }
}

export default function StaffingPlanPage() {
  const {
    data: { shell, plans, view, defaults, names, canEdit, canAccept, focusName },
    result,
    t,
    lang,
  } = usePage<typeof loader, typeof action>()
  const busy = useFormBusy()
  return (
    <Layout shell={shell} title={t('plan.title')} subtitle={t('plan.subtitle')}>
      {result && 'intent' in result && result.intent !== 'evaluate' ? (
        <div className={`flash ${result.ok ? 'flash-ok' : 'flash-error'}`} role={result.ok ? 'status' : 'alert'} data-testid="flash">
          {result.message ? t(result.message) : null}{' '}
          {result.error ? (result.ok ? `: ${result.error}` : `${t('pl.conflict')}: ${t.code(result.error)}`) : null}
        </div>
      ) : null}
      {shell.synthetic ? <p className="muted small">{t('pl.synthetic')}</p> : null}
      {view ? (
        <ResultView result={view} what={t('plan.title')}>
          {(v) => <PlanCard v={v} names={names} canEdit={canEdit} canAccept={canAccept} busy={busy} />}
        </ResultView>
      ) : canEdit ? (
        <Card title={t('plan.constraints')} id="constraints">
          {focusName ? (
            <p data-testid="plan-focus">
              {t('plan.forCommune')} <strong>{focusName}</strong>
            </p>
          ) : null}
          <ProposeFormView defaults={defaults} busy={busy} />
        </Card>
      ) : (
        <p className="muted">{t('plan.role')}</p>
      )}
      <RecentPlans
        title={t('plan.recent')}
        plans={plans}
        testId="plans"
        href={(id) => `/staffing/plan?plan=${id}`}
        head={
          <>
            <th scope="col">{t('pl.status')}</th>
            <th scope="col">{t('pl.createdBy')}</th>
            <th scope="col">{t('pl.createdAt')}</th>
          </>
        }
        cells={(p) => (
          <>
            <td>{t.code(`pl.status.${p.status}`)}</td>
            <td>{p.createdBy ?? '—'}</td>
            <td>{fmtDateTime(p.createdAt, lang)}</td>
          </>
        )}
      />
    </Layout>
  )
}
