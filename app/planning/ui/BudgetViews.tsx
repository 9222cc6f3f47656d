/** The budget page's pieces: the parameters form, the three allocations side by side, a saved plan. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtInt, fmtNum, fmtVnd } from '~/i18n/format'
import type { AllocationLine } from '../budget'
import type { BudgetParams, budgetComparison, budgetDefaults } from '../budget-page.server'
import type { BudgetPlanLineView } from '../budget-plans.server'

type Defaults = ReturnType<typeof budgetDefaults>
type Comparison = Omit<Awaited<ReturnType<typeof budgetComparison>>, 'allocations'>
const METHODS = ['optimal', 'equal', 'proportional'] as const

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

export function BudgetComparisonView({
  c,
  search,
  canEdit,
  busy,
  year,
}: {
  c: Comparison
  search: string
  canEdit: boolean
  busy: boolean
  year: number
}) {
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
      <div className="table-wrap">
        <table className="data" data-testid="budget-summary">
          <thead>
            <tr>
              <th scope="col" />
              <MethodHeaders />
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('budget.spent')}</th>
              {METHODS.map((m) => (
                <td key={m} className="num">
                  {fmtVnd(s[m]!.spentVnd, lang)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('budget.weighted')}</th>
              {METHODS.map((m) => (
                <td key={m} className="num">
                  {fmtNum(s[m]!.weightedClosed, 1, lang)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('budget.perM')}</th>
              {METHODS.map((m) => (
                <td key={m} className="num">
                  {fmtNum(s[m]!.perMillionVnd, 3, lang)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('budget.units')}</th>
              {METHODS.map((m) => (
                <td key={m} className="num">
                  {fmtInt(s[m]!.unitsClosed, lang)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('budget.communes')}</th>
              {METHODS.map((m) => (
                <td key={m} className="num">
                  {fmtInt(s[m]!.communes, lang)}
                </td>
              ))}
            </tr>
            {canEdit ? (
              <tr className="no-print">
                <th scope="row" />
                {METHODS.map((m) => (
                  <td key={m} className="num">
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="save" />
                      <input type="hidden" name="method" value={m} />
                      <input type="hidden" name="search" value={search} />
                      <input type="hidden" name="title" value={`Kế hoạch thiết bị năm ${year} — ${t(`budget.method.${m}`)}`} />
                      <button type="submit" className={`btn ${m === 'optimal' ? 'btn-primary' : ''}`} disabled={busy}>
                        {t('budget.save')}
                      </button>
                    </Form>
                  </td>
                ))}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <h3>{t('budget.byCommune')}</h3>
      <div className="table-wrap">
        <table className="data" data-testid="budget-by-commune">
          <thead>
            <tr>
              <th scope="col">{t('pl.commune')}</th>
              <th scope="col" className="num">
                {t('budget.gapTotal')}
              </th>
              <MethodHeaders />
            </tr>
          </thead>
          <tbody>
            {c.communes.map((r) => (
              <tr key={r.code} data-commune={r.code}>
                <th scope="row">{r.name}</th>
                <td className="num">{fmtVnd(r.gapVnd, lang)}</td>
                {METHODS.map((m) => (
                  <td key={m} className="num">
                    {fmtVnd(r.amounts[m], lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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

/** One column header per allocation method. */
function MethodHeaders() {
  const t = useT()
  return METHODS.map((m) => (
    <th key={m} scope="col" className="num">
      {t(`budget.method.${m}`)}
    </th>
  ))
}
