/** The settings page's two cards: KPI targets and alert thresholds, each its rules (editable rows) and a form for a new one. */
import { useLang, useT } from '~/root'
import { fmtNum } from '~/i18n/format'
import { Card } from '~/components/states/States'
import { Field, fieldError } from '~/components/forms/FormBits'
import type { ActionResult } from '~/dashboard/forms'
import type { listSettings } from '~/dashboard/settings.server'
import { NewRuleForm } from './NewRuleForm'
import { RuleTable } from './RuleTable'

type Settings = Awaited<ReturnType<typeof listSettings>>

/** What both cards need besides their rows: the KPIs, the communes, the last action's result, how a KPI and a scope read. */
export interface RuleCardProps {
  kpis: readonly string[]
  communes: readonly { code: string; name: string }[]
  result: ActionResult | undefined
  busy: boolean
  kpiLabel: (k: string) => string
  scopeName: (code: string | null) => string
}

export function TargetsCard({ targets, ...p }: RuleCardProps & { targets: Settings['targets'] }) {
  const { kpis, communes, result, busy, kpiLabel, scopeName } = p
  const t = useT()
  const lang = useLang()
  return (
    <Card title={t('settings.targetsTitle')} id="targets">
      <p className="muted small">{t('settings.ratioHint')}</p>
      <RuleTable
        testId="targets-table"
        kind="target"
        rows={targets}
        busy={busy}
        kpiLabel={kpiLabel}
        scopeName={scopeName}
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
  )
}

export function ThresholdsCard({ thresholds, ...p }: RuleCardProps & { thresholds: Settings['thresholds'] }) {
  const { kpis, communes, result, busy, kpiLabel, scopeName } = p
  const t = useT()
  const lang = useLang()
  return (
    <Card title={t('settings.thresholdsTitle')} id="thresholds">
      <p className="muted small">{t('settings.thresholdHint')}</p>
      <RuleTable
        testId="thresholds-table"
        kind="threshold"
        rows={thresholds}
        busy={busy}
        kpiLabel={kpiLabel}
        scopeName={scopeName}
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
  )
}
