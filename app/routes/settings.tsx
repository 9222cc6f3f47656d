/**
 * Cài đặt (admin): KPI targets and alert thresholds — the province default and per-commune overrides.
 * Validated on the server with clear messages; every change is written to the audit log.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { Flash, useFormBusy } from '~/components/forms/FormBits'
import { editForm, fieldFailure, parseForm, type ActionResult } from '~/dashboard/forms'
import {
  deleteOverride,
  listSettings,
  saveTarget,
  saveThreshold,
  SettingsError,
  TargetSchema,
  ThresholdSchema,
} from '~/dashboard/settings.server'
import { useT } from '~/root'
import { TargetsCard, ThresholdsCard } from '~/components/settings/RuleCards'

export const meta: MetaFunction = () => [{ title: 'Cài đặt — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'settings.edit')
  const stores = await getStores()
  const [shell, settings] = await Promise.all([loadShell(stores), listSettings(stores)])
  return { shell, ...settings }
}

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, form } = await requireAction(request, 'settings.edit', { communeFields: ['communeCode'] })
  const stores = await getStores()
  const { data, intent } = editForm(form)
  const rowErr = (r: ActionResult) => (r.ok ? r : { ...r, fieldErrors: { ...r.fieldErrors, _id: data.id ?? '' } })
  try {
    if (intent === 'target.save') {
      const p = parseForm(TargetSchema, data, intent)
      if (!p.ok) return rowErr(p.result)
      const { before } = await saveTarget(stores, p.data, user.email)
      await auditRequest(request, user, 'settings.target', p.data.communeCode ?? 'province', {
        kpi: p.data.kpi,
        before,
        after: p.data.target,
        direction: p.data.direction,
      })
      return { ok: true, intent, message: 'settings.saved' }
    }
    if (intent === 'threshold.save') {
      const p = parseForm(ThresholdSchema, data, intent)
      if (!p.ok) return rowErr(p.result)
      const { before } = await saveThreshold(stores, p.data, user.email)
      await auditRequest(request, user, 'settings.threshold', p.data.communeCode ?? 'province', {
        kpi: p.data.kpi,
        before,
        after: { op: p.data.op, watch: p.data.watch ?? null, critical: p.data.critical },
      })
      return { ok: true, intent, message: 'settings.saved' }
    }
    if (intent === 'target.delete' || intent === 'threshold.delete') {
      const id = z.coerce.number().int().positive().safeParse(data.id)
      if (!id.success) return { ok: false, intent, error: 'form.invalid', fieldErrors: {} }
      const gone = await deleteOverride(stores, intent === 'target.delete' ? 'target' : 'threshold', id.data)
      if (!gone) return { ok: false, intent, error: 'settings.cannotDeleteDefault', fieldErrors: {} }
      await auditRequest(
        request,
        user,
        intent === 'target.delete' ? 'settings.target_delete' : 'settings.threshold_delete',
        gone.communeCode,
        { kpi: gone.kpi },
      )
      return { ok: true, intent, message: 'settings.deleted' }
    }
  } catch (e) {
    return fieldFailure(e, SettingsError, intent, data.id)
  }
  return { ok: false, intent, error: 'form.invalid', fieldErrors: {} }
}

export default function Settings() {
  const { shell, kpis, communes, targets, thresholds } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const scopeName = (code: string | null) =>
    code === null ? t('settings.province') : (communes.find((c) => c.code === code)?.name ?? code)
  const busy = useFormBusy()
  const kpiLabel = (k: string) => `${t.code(`kpi.${k}`)} (${k})`
  const cards = { kpis, communes, result, busy, kpiLabel, scopeName }
  return (
    <Layout shell={shell} title={t('nav.settings')} subtitle={t('settings.subtitle')} needsData={false}>
      <Flash result={result} />
      <TargetsCard targets={targets} {...cards} />

      <ThresholdsCard thresholds={thresholds} {...cards} />
    </Layout>
  )
}
