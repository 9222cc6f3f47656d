/**
 * The budget page's server side: its parameters (in the URL, so a comparison can be linked), the three
 * allocations side by side, and saving the chosen one as a plan.
 */
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { equipmentTypes } from '../../db/pg/schema/index.ts'
import { parseViMoney, parseViNumber } from '../dashboard/forms.ts'
import { DEFAULT_PRIORITY_WEIGHTS } from '../kpi/equipment.server.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'
import { compareAllocations, type Allocation, type BudgetMethod } from './budget.ts'
import { buildBudgetItems } from './budget-plans.server.ts'
import { DEFAULT_TYPE_IMPORTANCE } from './priority.ts'

const optNum = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : parseViNumber(v)), z.number().min(min).max(max).optional())

export const BudgetParams = z.object({
  ceiling: z.preprocess((v) => parseViMoney(v), z.number().min(0).max(1e13)),
  year: z.coerce.number().int().min(2025).max(2100),
  merged: optNum(0, 10),
  disadvantaged: optNum(0, 10),
  load: optNum(0, 10),
  digitisation: optNum(0, 10),
  importance: z.record(z.string(), z.number().min(0).max(100)),
})
export type BudgetParams = z.infer<typeof BudgetParams>

const BUDGET_ERRORS: Record<string, string> = {
  ceiling: 'budget.err.ceiling',
  year: 'budget.err.year',
  importance: 'budget.err.importance',
}

/** From URL search params (or a form): `ceiling`, `year`, the four weights, `imp_<type>` per equipment type. */
export function parseBudgetParams(search: URLSearchParams): { ok: true; data: BudgetParams } | { ok: false; error: string } | null {
  if (!search.get('ceiling')) return null
  const importance: Record<string, number> = { ...DEFAULT_TYPE_IMPORTANCE }
  for (const [k, v] of search) if (k.startsWith('imp_') && v !== '') importance[k.slice(4)] = parseViNumber(v) ?? NaN
  const r = BudgetParams.safeParse({
    ceiling: search.get('ceiling'),
    year: search.get('year') || Number(toLocalYmd(new Date()).slice(0, 4)) + 1,
    merged: search.get('merged'),
    disadvantaged: search.get('disadvantaged'),
    load: search.get('load'),
    digitisation: search.get('digitisation'),
    importance,
  })
  // The error is a message key (the page shows it in the viewer's language): the first field in error.
  const field = r.success ? null : String(r.error.issues[0]?.path[0] ?? '')
  return r.success ? { ok: true, data: r.data } : { ok: false, error: BUDGET_ERRORS[field ?? ''] ?? 'budget.err.weight' }
}

export function budgetDefaults() {
  return { weights: DEFAULT_PRIORITY_WEIGHTS, importance: DEFAULT_TYPE_IMPORTANCE, year: Number(toLocalYmd(new Date()).slice(0, 4)) + 1 }
}

const summary = (a: Allocation) => ({
  method: a.method,
  spentVnd: a.spentVnd,
  weightedClosed: Math.round(a.weightedClosed * 100) / 100,
  unitsClosed: a.unitsClosed,
  perMillionVnd: Math.round(a.perMillionVnd * 10_000) / 10_000,
  communes: a.communes,
  exact: a.exact ?? null,
  upperBound: a.upperBound === undefined ? null : Math.round(a.upperBound * 100) / 100,
})

export async function budgetComparison(stores: Stores, p: BudgetParams) {
  const weights = { merged: p.merged, disadvantaged: p.disadvantaged, load: p.load, digitisation: p.digitisation }
  const clean = Object.fromEntries(Object.entries(weights).filter(([, v]) => v !== undefined)) as Partial<typeof DEFAULT_PRIORITY_WEIGHTS>
  const inputs = await buildBudgetItems(stores, { weights: clean, importance: p.importance })
  const all = compareAllocations(inputs.items, p.ceiling)
  const methods: BudgetMethod[] = ['optimal', 'equal', 'proportional']
  const byCommune = new Map<string, { code: string; name: string; gapVnd: number; amounts: Record<BudgetMethod, number> }>()
  for (const it of inputs.items) {
    const row = byCommune.get(it.commune) ?? {
      code: it.commune,
      name: it.communeName,
      gapVnd: 0,
      amounts: { optimal: 0, equal: 0, proportional: 0 },
    }
    row.gapVnd += it.gap * it.unitPriceVnd
    byCommune.set(it.commune, row)
  }
  for (const m of methods) for (const l of all[m].lines) byCommune.get(l.commune)!.amounts[m] += l.amountVnd
  return {
    weights: inputs.weights,
    gapVnd: inputs.gapVnd,
    noInventory: inputs.noInventory.length,
    summaries: methods.map((m) => summary(all[m])),
    communes: [...byCommune.values()].sort((a, b) => b.amounts.optimal - a.amounts.optimal || a.code.localeCompare(b.code)),
    optimalLines: all.optimal.lines,
    allocations: all,
  }
}

/** Equipment type code → its name in both languages (for the form's labels). */
export async function equipmentTypeNames(stores: Stores): Promise<Record<string, { vi: string; en: string }>> {
  const rows = await stores.pg.db
    .select({ code: equipmentTypes.code, vi: equipmentTypes.nameVi, en: equipmentTypes.nameEn })
    .from(equipmentTypes)
  return Object.fromEntries(rows.map((r) => [r.code, { vi: r.vi, en: r.en }]))
}
