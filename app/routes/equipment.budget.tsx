/**
 * Thiết bị & ngân sách — the equipment budget planner (Finance): a ceiling and priority weights → the optimal
 * allocation beside an equal split and a need-proportional split → save one as a draft plan → approve it →
 * download it as an XLSX workbook.
 * access: page kpi.read (province-wide); save/approve budget.edit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useFormBusy } from '~/components/forms/FormBits'
import { z } from 'zod'
import { clientIp, requireAction, requirePermission } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { attempt } from '~/components/states/result'
import { Card, ResultView } from '~/components/states/States'
import { budgetComparison, budgetDefaults, equipmentTypeNames, parseBudgetParams } from '~/planning/budget-page.server'
import { approveBudgetPlan, getBudgetPlan, listBudgetPlans, saveBudgetPlan } from '~/planning/budget-plans.server'
import { PlanIdSchema, planFailure } from '~/planning/plans.server'
import { PlanFlash } from '~/planning/ui/PlanFlash'
import { RecentBudgetPlans, SavedBudgetPlanCard } from '~/planning/ui/BudgetPlans'
import { BudgetComparisonView, BudgetParamsForm } from '~/planning/ui/BudgetViews'
import { usePage } from '~/components/layout/use-page'
import type { ActionResult } from '~/dashboard/forms'

export const meta: MetaFunction = () => [{ title: 'Kế hoạch ngân sách thiết bị — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const url = new URL(request.url)
  const rawPlan = url.searchParams.get('plan')
  const planId = rawPlan === null ? null : PlanIdSchema.safeParse(rawPlan)
  if (planId && !planId.success) throw new Response('Not found', { status: 404 })
  const params = parseBudgetParams(url.searchParams)
  const [shell, plans, typeNames] = await Promise.all([
    loadShell(stores),
    attempt('budget-plans', () => listBudgetPlans(stores)),
    equipmentTypeNames(stores),
  ])
  const saved = planId?.success ? await attempt('budget-plan', () => getBudgetPlan(stores, planId.data)) : null
  if (saved && !saved.ok && /not found/.test(saved.error)) throw new Response('Not found', { status: 404 })
  const comparison = params?.ok
    ? await attempt('budget-comparison', async () => {
        const { allocations: _a, ...view } = await budgetComparison(stores, params.data)
        return view
      })
    : null
  return {
    shell,
    plans,
    saved,
    comparison,
    typeNames,
    defaults: budgetDefaults(),
    params: params?.ok ? params.data : null,
    paramsError: params && !params.ok ? params.error : null,
    search: url.search,
    canEdit: can(user, 'budget.edit'),
  }
}

type Result = ActionResult

export async function action({ request }: ActionFunctionArgs): Promise<Result | Response> {
  const { user, form } = await requireAction(request, 'budget.edit')
  const stores = await getStores()
  const intent = String(form.get('intent') ?? '')
  try {
    if (intent === 'save') {
      const params = parseBudgetParams(new URLSearchParams(String(form.get('search') ?? '').replace(/^\?/, '')))
      if (!params?.ok) return { ok: false, intent, error: params?.error ?? 'form.invalid' }
      const method = z.enum(['optimal', 'equal', 'proportional']).parse(form.get('method'))
      const c = await budgetComparison(stores, params.data)
      const chosen = c.allocations[method]
      const title = String(form.get('title') ?? '').trim() || `Kế hoạch thiết bị năm ${params.data.year}`
      const id = await saveBudgetPlan(stores, {
        title,
        year: params.data.year,
        ceilingVnd: Math.round(params.data.ceiling),
        allocation: chosen,
        createdBy: user.email,
        ip: clientIp(request),
        summary: { params: params.data, weights: c.weights, comparison: c.summaries, gapVnd: c.gapVnd },
      })
      return redirect(`/equipment/budget?plan=${id}`)
    }
    if (intent === 'approve') {
      const id = PlanIdSchema.parse(form.get('plan'))
      await approveBudgetPlan(stores, id, { actor: user.email, ip: clientIp(request) })
      return { ok: true, intent, message: 'budget.approved' }
    }
  } catch (e) {
    return planFailure(e, intent)
  }
  return { ok: false, intent, error: 'form.invalid' }
}

export default function BudgetPage() {
  const {
    data: { shell, plans, saved, comparison, typeNames, defaults, params, paramsError, search, canEdit },
    result,
    t,
  } = usePage<typeof loader, typeof action>()
  const busy = useFormBusy()
  return (
    <Layout shell={shell} title={t('budget.title')} subtitle={t('budget.subtitle')}>
      <PlanFlash result={result} />
      {saved ? (
        <ResultView result={saved} what={t('budget.plan')}>
          {(v) => <SavedBudgetPlanCard v={v} canEdit={canEdit} busy={busy} />}
        </ResultView>
      ) : null}
      <Card title={t('budget.compute')} id="params">
        <BudgetParamsForm defaults={defaults} params={params} typeNames={typeNames} />
        {paramsError ? (
          <p className="field-error" role="alert" data-testid="params-error">
            {t.code(paramsError)}
          </p>
        ) : null}
      </Card>
      {comparison ? (
        <ResultView result={comparison} what={t('budget.title')}>
          {(c) => <BudgetComparisonView c={c} search={search} canEdit={canEdit} busy={busy} year={params?.year ?? defaults.year} />}
        </ResultView>
      ) : null}
      {!canEdit ? <p className="muted small">{t('budget.role')}</p> : null}
      <RecentBudgetPlans plans={plans} />
    </Layout>
  )
}
