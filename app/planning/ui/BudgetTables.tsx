/** The budget comparison's tables: the three allocations summed side by side, and their amounts per commune. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtInt, fmtNum, fmtVnd } from '~/i18n/format'
import type { budgetComparison } from '../budget-page.server'

export type Comparison = Omit<Awaited<ReturnType<typeof budgetComparison>>, 'allocations'>
export const METHODS = ['optimal', 'equal', 'proportional'] as const
type Method = (typeof METHODS)[number]
type Summary = Comparison['summaries'][number]

/** One column header per allocation method. */
export function MethodHeaders() {
  const t = useT()
  return METHODS.map((m) => (
    <th key={m} scope="col" className="num">
      {t(`budget.method.${m}`)}
    </th>
  ))
}

/** One figure of the three methods' summaries, a row. */
function SummaryRow({ label, s, show }: { label: string; s: Record<string, Summary>; show: (x: Summary) => string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {METHODS.map((m) => (
        <td key={m} className="num">
          {show(s[m]!)}
        </td>
      ))}
    </tr>
  )
}

/** Spent, weighted units closed, per million, units and communes for each method; a "save" button under each. */
/** What the comparison shows and whether its allocations can be saved (a finance user, no submission pending). */
export interface ComparisonProps {
  c: Comparison
  search: string
  canEdit: boolean
  busy: boolean
  year: number
}

export function BudgetSummaryTable({ c, search, canEdit, busy, year }: ComparisonProps) {
  const t = useT()
  const lang = useLang()
  const s = Object.fromEntries(c.summaries.map((x) => [x.method, x]))
  return (
    <div className="table-wrap">
      <table className="data" data-testid="budget-summary">
        <thead>
          <tr>
            <th scope="col" />
            <MethodHeaders />
          </tr>
        </thead>
        <tbody>
          <SummaryRow label={t('budget.spent')} s={s} show={(x) => fmtVnd(x.spentVnd, lang)} />
          <SummaryRow label={t('budget.weighted')} s={s} show={(x) => fmtNum(x.weightedClosed, 1, lang)} />
          <SummaryRow label={t('budget.perM')} s={s} show={(x) => fmtNum(x.perMillionVnd, 3, lang)} />
          <SummaryRow label={t('budget.units')} s={s} show={(x) => fmtInt(x.unitsClosed, lang)} />
          <SummaryRow label={t('budget.communes')} s={s} show={(x) => fmtInt(x.communes, lang)} />
          {canEdit ? (
            <tr className="no-print">
              <th scope="row" />
              {METHODS.map((m) => (
                <td key={m} className="num">
                  <SaveAllocationForm method={m} search={search} busy={busy} year={year} />
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}

/** Saves one method's allocation as a budget plan (intent=save), titled with the year and the method. */
function SaveAllocationForm({ method, search, busy, year }: { method: Method; search: string; busy: boolean; year: number }) {
  const t = useT()
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="method" value={method} />
      <input type="hidden" name="search" value={search} />
      <input type="hidden" name="title" value={`Kế hoạch thiết bị năm ${year} — ${t(`budget.method.${method}`)}`} />
      <button type="submit" className={`btn ${method === 'optimal' ? 'btn-primary' : ''}`} disabled={busy}>
        {t('budget.save')}
      </button>
    </Form>
  )
}

/** Each commune's equipment gap and what each method gives it. */
export function BudgetByCommuneTable({ c }: { c: Comparison }) {
  const t = useT()
  const lang = useLang()
  return (
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
  )
}
