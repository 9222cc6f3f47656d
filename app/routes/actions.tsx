/**
 * Việc cần làm — actions opened from KPI breaches (open alerts, communes under target), assigned to a
 * department with an owner and a due date; the list shows the KPI when opened and now.
 * access: page kpi.read (a commune user sees their commune only); create / change status actions.edit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useFormBusy } from '~/components/forms/FormBits'
import { z } from 'zod'
import { canAccessCommune, clientIp, refuse, requireAction, requirePermission, scopeCommunes } from '~/auth/guard.server'
import { can, reach } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { attempt } from '~/components/states/result'
import { Card, ResultView } from '~/components/states/States'
import { ACTION_STATUSES } from '~/planning/actions-model'
import {
  actionCommune,
  createAction,
  listActions,
  listBreaches,
  NewActionSchema,
  setActionStatus,
  type NewAction,
} from '~/planning/actions.server'
import { ALERT_KPI_UNIT } from '~/kpi/alerts.server'
import { ALERT_KPIS } from '~/kpi/alert-values.server'
import { fmtInt } from '~/i18n/format'
import { alertKpiName } from '~/i18n/messages'
import { planFailure } from '~/planning/plans.server'
import { PlanFlash } from '~/planning/ui/PlanFlash'
import { ParamSelect } from '~/components/forms/ParamSelect'
import { ActionsTable, BreachesTable } from '~/planning/ui/ActionsViews'
import { useLang, useT } from '~/root'
import type { ActionResult } from '~/dashboard/forms'

export const meta: MetaFunction = () => [{ title: 'Việc cần làm — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const scope = scopeCommunes(user)
  const url = new URL(request.url)
  const status = z
    .enum(ACTION_STATUSES)
    .optional()
    .safeParse(url.searchParams.get('status') || undefined)
  const kpi = z
    .enum(ALERT_KPIS)
    .optional()
    .safeParse(url.searchParams.get('kpi') || undefined)
  const commune = url.searchParams.get('commune') || undefined
  const narrowed = commune ? (scope === 'all' || scope.includes(commune) ? [commune] : []) : scope
  const [shell, actions, breaches] = await Promise.all([
    loadShell(stores),
    attempt('actions', async () =>
      (await listActions(stores, narrowed)).filter((a) => !status.success || !status.data || a.status === status.data),
    ),
    attempt('breaches', async () => (await listBreaches(stores, narrowed)).filter((b) => !kpi.success || !kpi.data || b.kpi === kpi.data)),
  ])
  return { shell, actions, breaches, units: ALERT_KPI_UNIT, canEdit: can(user, 'actions.edit') }
}

type Result = ActionResult

export async function action({ request }: ActionFunctionArgs): Promise<Result> {
  const { user, form } = await requireAction(request, 'actions.edit', { communeFields: ['communeCode'] })
  const stores = await getStores()
  const intent = String(form.get('intent') ?? '')
  const who = { actor: user.email, ip: clientIp(request) }
  try {
    if (intent === 'create') {
      const input = NewActionSchema.safeParse(Object.fromEntries(form))
      if (!input.success) return { ok: false, intent, error: 'form.invalid' }
      await createAction(stores, Object.fromEntries(form) as NewAction, who)
      return { ok: true, intent, message: 'actions.created' }
    }
    if (intent === 'status') {
      const id = z.coerce.number().int().positive().parse(form.get('id'))
      const status = z.enum(ACTION_STATUSES).parse(form.get('status'))
      const code = await actionCommune(stores, id)
      // A province-wide action (no commune) is changed only by someone whose actions.edit reaches the province:
      // a commune user may change their own commune's actions and nothing else.
      const allowed = code === null ? reach(user, 'actions.edit') === 'all' : canAccessCommune(user, code, 'actions.edit')
      if (!allowed) throw refuse(request, 403)
      await setActionStatus(stores, id, status, { ...who, note: String(form.get('note') ?? '').trim() || undefined })
      return { ok: true, intent, message: 'actions.updated' }
    }
  } catch (e) {
    return planFailure(e, intent)
  }
  return { ok: false, intent, error: 'form.invalid' }
}

export default function ActionsPage() {
  const { shell, actions, breaches, units, canEdit } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [search] = useSearchParams()
  const t = useT()
  const lang = useLang()
  const busy = useFormBusy()
  /** A GET filter that keeps the page's other filters (auto-submits; a button without JavaScript). */
  const filter = (name: string, label: string, options: { value: string; label: string }[]) => (
    <ParamSelect
      param={name}
      label={label}
      options={options}
      selected={search.get(name) ?? ''}
      className="inline-form"
      allLabel={t('actions.all')}
    />
  )
  return (
    <Layout shell={shell} title={t('actions.title')} subtitle={t('actions.subtitle')}>
      <PlanFlash result={result} />
      <Card
        title={t('actions.list')}
        id="actions"
        actions={filter(
          'status',
          t('actions.filterStatus'),
          ACTION_STATUSES.map((x) => ({ value: x, label: t(`actions.status.${x}`) })),
        )}
      >
        <p className="muted small">{t('actions.windowNote')}</p>
        <ResultView result={actions} what={t('actions.list')} isEmpty={(d) => d.length === 0} empty={t('actions.noActions')}>
          {(rows) => <ActionsTable rows={rows} units={units} canEdit={canEdit} busy={busy} />}
        </ResultView>
      </Card>
      <Card
        title={breaches.ok ? `${t('actions.breaches')} (${fmtInt(breaches.data.length, lang)})` : t('actions.breaches')}
        id="breaches"
        actions={filter(
          'kpi',
          t('actions.kpi'),
          Object.keys(units).map((k) => ({ value: k, label: alertKpiName(lang, k) })),
        )}
      >
        <ResultView result={breaches} what={t('actions.breaches')} isEmpty={(d) => d.length === 0} empty={t('actions.noBreaches')}>
          {(rows) => <BreachesTable rows={rows} units={units} canEdit={canEdit} busy={busy} />}
        </ResultView>
      </Card>
    </Layout>
  )
}
