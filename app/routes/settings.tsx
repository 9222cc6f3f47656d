/**
 * Cài đặt (admin): KPI targets and alert thresholds — the province default and per-commune overrides.
 * Validated on the server with clear messages; every change is written to the audit log.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { CsrfInput } from '~/auth/components'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { Card } from '~/components/states/States'
import { Field, Flash, fieldError, useFormBusy } from '~/components/forms/FormBits'
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
import { useLang, useT } from '~/root'
import { fmtNum } from '~/i18n/format'
import { RuleTable } from '~/components/settings/RuleTable'
import { CommuneOptions } from '~/components/forms/ParamSelect'

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
  const lang = useLang()
  const name = (code: string | null) => (code === null ? t('settings.province') : (communes.find((c) => c.code === code)?.name ?? code))
  const busy = useFormBusy()
  const kpiLabel = (k: string) => `${t.code(`kpi.${k}`)} (${k})`
  return (
    <Layout shell={shell} title={t('nav.settings')} subtitle={t('settings.subtitle')} needsData={false}>
      <Flash result={result} />
      <Card title={t('settings.targetsTitle')} id="targets">
        <p className="muted small">{t('settings.ratioHint')}</p>
        <RuleTable
          testId="targets-table"
          kind="target"
          rows={targets}
          busy={busy}
          kpiLabel={kpiLabel}
          scopeName={name}
          fields={(r) => (
            <>
              <Field label={t('settings.target')} name="target" error={fieldError(result, 'target.save', 'target', r.id)}>
                <input
                  name="target"
                  defaultValue={fmtNum(r.target, r.target % 1 === 0 ? 0 : 2, lang)}
                  inputMode="decimal"
                  required
                  size={8}
                />
              </Field>
              <Field label={t('settings.direction')} name="direction">
                <select name="direction" defaultValue={r.direction}>
                  <option value="higher_better">{t('settings.higher_better')}</option>
                  <option value="lower_better">{t('settings.lower_better')}</option>
                </select>
              </Field>
            </>
          )}
        />
        <h3>{t('settings.addTarget')}</h3>
        <NewRuleForm intent="target.save" kpis={kpis} kpiLabel={kpiLabel} communes={communes} result={result} busy={busy}>
          <Field label={t('settings.target')} name="target" error={fieldError(result, 'target.save', 'target', 'new')}>
            <input name="target" inputMode="decimal" required />
          </Field>
          <Field label={t('settings.direction')} name="direction">
            <select name="direction">
              <option value="higher_better">{t('settings.higher_better')}</option>
              <option value="lower_better">{t('settings.lower_better')}</option>
            </select>
          </Field>
        </NewRuleForm>
      </Card>

      <Card title={t('settings.thresholdsTitle')} id="thresholds">
        <p className="muted small">{t('settings.thresholdHint')}</p>
        <RuleTable
          testId="thresholds-table"
          kind="threshold"
          rows={thresholds}
          busy={busy}
          kpiLabel={kpiLabel}
          scopeName={name}
          fields={(r) => (
            <>
              <Field label={t('settings.op')} name="op">
                <select name="op" defaultValue={r.op}>
                  <option value="above">{t('settings.above')}</option>
                  <option value="below">{t('settings.below')}</option>
                </select>
              </Field>
              <Field label={t('settings.watch')} name="watch" error={fieldError(result, 'threshold.save', 'watch', r.id)}>
                <input
                  name="watch"
                  defaultValue={r.watch === null ? '' : fmtNum(r.watch, r.watch % 1 === 0 ? 0 : 2, lang)}
                  inputMode="decimal"
                  size={7}
                />
              </Field>
              <Field label={t('settings.critical')} name="critical" error={fieldError(result, 'threshold.save', 'critical', r.id)}>
                <input
                  name="critical"
                  defaultValue={fmtNum(r.critical, r.critical % 1 === 0 ? 0 : 2, lang)}
                  inputMode="decimal"
                  required
                  size={7}
                />
              </Field>
            </>
          )}
        />
        <h3>{t('settings.addThreshold')}</h3>
        <NewRuleForm intent="threshold.save" kpis={kpis} kpiLabel={kpiLabel} communes={communes} result={result} busy={busy}>
          <Field label={t('settings.op')} name="op">
            <select name="op">
              <option value="above">{t('settings.above')}</option>
              <option value="below">{t('settings.below')}</option>
            </select>
          </Field>
          <Field label={t('settings.watch')} name="watch" error={fieldError(result, 'threshold.save', 'watch', 'new')}>
            <input name="watch" inputMode="decimal" />
          </Field>
          <Field label={t('settings.critical')} name="critical" error={fieldError(result, 'threshold.save', 'critical', 'new')}>
            <input name="critical" inputMode="decimal" required />
          </Field>
        </NewRuleForm>
      </Card>
    </Layout>
  )
}

/** The form for a new target or threshold: its intent, the KPI, the scope (the province or one commune), the rule's own fields (children) and Save. */
function NewRuleForm({
  intent,
  kpis,
  kpiLabel,
  communes,
  result,
  busy,
  children,
}: {
  intent: 'target.save' | 'threshold.save'
  kpis: readonly string[]
  kpiLabel: (k: string) => string
  communes: readonly { code: string; name: string }[]
  result: ActionResult | undefined
  busy: boolean
  children: ReactNode
}) {
  const t = useT()
  return (
    <Form method="post" className="form-grid" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value="new" />
      <Field label={t('settings.kpi')} name="kpi" error={fieldError(result, intent, 'kpi', 'new')}>
        <select name="kpi">
          {kpis.map((k) => (
            <option key={k} value={k}>
              {kpiLabel(k)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('settings.scope')} name="communeCode" error={fieldError(result, intent, 'communeCode', 'new')}>
        <select name="communeCode">
          <option value="">{t('settings.province')}</option>
          <CommuneOptions communes={communes} />
        </select>
      </Field>
      {children}
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('settings.save')}
        </button>
      </div>
    </Form>
  )
}
