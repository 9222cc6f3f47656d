/** The budget page's pieces: the parameters form, the three allocations side by side, a saved plan. */
import { Form } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtInt, fmtNum, fmtVnd } from '~/i18n/format'
import type { AllocationLine } from '../budget'
import type { BudgetParams, budgetDefaults } from '../budget-page.server'
import type { BudgetPlanLineView } from '../budget-plans.server'
import { BudgetByCommuneTable, BudgetSummaryTable, type ComparisonProps } from './BudgetTables'

type Defaults = ReturnType<typeof budgetDefaults>

export function BudgetParamsForm({
  defaults,
  params,
  typeNames,
}: {
  defaults: Defaults
  params: BudgetParams | null
  typeNames: Record<string, { vi: string; en: string }>
}) {
  const t = useT()
  const lang = useLang()
  const w = {
    ...defaults.weights,
    ...Object.fromEntries(Object.entries(params ?? {}).filter(([k, v]) => k in defaults.weights && v !== undefined)),
  }
  const imp = params?.importance ?? defaults.importance
  return (
    <Form method="get" data-testid="budget-form">
      <div className="form-grid">
        <label>
          {t('budget.ceiling')}
          <input
            name="ceiling"
            required
            defaultValue={params ? fmtInt(params.ceiling, lang) : ''}
            placeholder="2 tỷ · 500 triệu · 2.000.000.000"
          />
        </label>
        <label>
          {t('budget.year')}
          <input name="year" type="number" min={2025} max={2100} defaultValue={params?.year ?? defaults.year} />
        </label>
      </div>
      <details>
        <summary>
          {t('budget.weights')} · {t('budget.importance')}
        </summary>
        <fieldset>
          <legend>{t('budget.weights')}</legend>
          <div className="form-grid">
            {(['merged', 'disadvantaged', 'load', 'digitisation'] as const).map((k) => (
              <label key={k}>
                {t(`budget.w.${k}`)}
                <input name={k} inputMode="decimal" size={5} defaultValue={fmtNum(w[k] as number, 2, lang)} />
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('budget.importance')}</legend>
          <div className="form-grid">
            {Object.entries(imp).map(([k, v]) => (
              <label key={k}>
                {typeNames[k]?.[lang] ?? k}
                <input name={`imp_${k}`} inputMode="decimal" size={5} defaultValue={fmtNum(v, 1, lang)} />
              </label>
            ))}
          </div>
        </fieldset>
      </details>
      <p>
        <button type="submit" className="btn btn-primary">
          {t('budget.compute')}
        </button>
      </p>
    </Form>
  )
}

export function BudgetComparisonView(props: ComparisonProps) {
  const { c } = props
  const t = useT()
  const lang = useLang()
  const s = Object.fromEntries(c.summaries.map((x) => [x.method, x]))
  const opt = s.optimal!
  return (
    <section className="card" aria-labelledby="cmp-h" data-testid="budget-comparison">
      <div className="card-head">
        <h2 id="cmp-h">{t('budget.comparison')}</h2>
      </div>
      <p className="muted small">
        {t('budget.gapTotal')}: <strong>{fmtVnd(c.gapVnd, lang)}</strong>
        {c.noInventory ? ` · ${c.noInventory} ${t('budget.noInventory')}` : ''}
        {` · ${opt.exact ? t('budget.exact') : ''} · ${t('budget.bound')}: ${fmtNum(opt.upperBound, 2, lang)}`}
      </p>
      {c.summaries.every((x) => x.unitsClosed === 0) && c.gapVnd === 0 ? <p className="state state-empty">{t('budget.noGap')}</p> : null}
      <BudgetSummaryTable {...props} />
      <h3>{t('budget.byCommune')}</h3>
      <BudgetByCommuneTable c={c} />
      <details>
        <summary>
          {t('budget.lines')} ({fmtInt(c.optimalLines.length, lang)})
        </summary>
        <LinesTable lines={c.optimalLines.map(fromAllocation)} total={opt.spentVnd} />
      </details>
    </section>
  )
}

const fromAllocation = (l: AllocationLine): BudgetPlanLineView => ({
  communeCode: l.commune,
  communeName: l.communeName,
  typeCode: l.type,
  typeName: l.typeName,
  quantity: l.quantity,
  unitPriceVnd: l.unitPriceVnd,
  amountVnd: l.amountVnd,
  priority: l.weight,
  reason: l.reason,
})

function LinesTable({ lines, total }: { lines: BudgetPlanLineView[]; total: number }) {
  const t = useT()
  const lang = useLang()
  return (
    <div className="table-wrap">
      <table className="data" data-testid="budget-lines">
        <thead>
          <tr>
            <th scope="col">{t('pl.commune')}</th>
            <th scope="col">{t('budget.type')}</th>
            <th scope="col" className="num">
              {t('budget.qty')}
            </th>
            <th scope="col" className="num">
              {t('budget.unitPrice')}
            </th>
            <th scope="col" className="num">
              {t('budget.amount')}
            </th>
            <th scope="col" className="hide-sm">
              {t('pl.reason')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={`${l.communeCode}-${l.typeCode}-${i}`}>
              <td>{l.communeName}</td>
              <td>{l.typeName}</td>
              <td className="num">{fmtInt(l.quantity, lang)}</td>
              <td className="num">{fmtVnd(l.unitPriceVnd, lang)}</td>
              <td className="num">{fmtVnd(l.amountVnd, lang)}</td>
              <td className="hide-sm small">{l.reason}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('budget.total')}
            </th>
            <td className="num">
              <strong>{fmtVnd(total, lang)}</strong>
            </td>
            <td className="hide-sm" />
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

export function SavedBudgetPlan({
  view,
}: {
  view: { plan: { ceilingVnd: number; method: string }; lines: BudgetPlanLineView[]; totalVnd: number }
}) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <p className="muted small">
        {t('budget.ceiling')}: {fmtVnd(view.plan.ceilingVnd, lang)} · {t.code(`budget.method.${view.plan.method}`)}
      </p>
      <LinesTable lines={view.lines} total={view.totalVnd} />
    </>
  )
}
