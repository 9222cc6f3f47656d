/** A new KPI target or alert threshold: the KPI, the scope (the province or one commune), the rule's own fields, Save. */
import type { ReactNode } from 'react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useT } from '~/root'
import { Field, fieldError } from '~/components/forms/FormBits'
import { CommuneOptions } from '~/components/forms/ParamSelect'
import type { ActionResult } from '~/dashboard/forms'

/** The form for a new target or threshold: its intent, the KPI, the scope (the province or one commune), the rule's own fields (children) and Save. */
export function NewRuleForm({
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
