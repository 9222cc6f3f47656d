/**
 * Equipment budget planner: which units to buy for which commune under a ceiling in VND.
 *
 * Items: one per commune × equipment type with a gap g > 0 (units required by the norm − units working), a unit
 * price p and a weight w per unit (priority.ts). A plan buys q ≤ g units of each item with Σ q·p ≤ ceiling.
 *
 * Optimal plan = maximise Σ w·q (priority-weighted gap closed): a bounded knapsack solved EXACTLY by dynamic
 * programming over the budget in money units of the prices' greatest common divisor (500,000 VND for the
 * default price list, so nothing is rounded), each item split into 1, 2, 4, … copies (binary splitting). If the
 * choice table would exceed `maxTableBits` (50 MB), the unit is coarsened and prices are rounded UP to it
 * (the plan stays under the ceiling, `exact` is false, and the LP bound says how far from optimal it can be).
 * `upperBound` is the LP relaxation (items by w/p, the last one fractional): no plan can beat it.
 *
 * Compared with two rules of thumb, both spending the same ceiling:
 *  - equal split: every commune with a gap gets ceiling ÷ (number of such communes) and buys its
 *    highest-priority items first (largest weight per unit; a cheaper item next if the next one does not fit);
 *    unspent money is not passed on;
 *  - need-proportional split: the same, with shares proportional to each commune's cost of closing its gap.
 */

export interface BudgetItem {
  commune: string
  communeName: string
  type: string
  typeName: string
  required: number
  working: number
  /** Units missing: required − working (> 0). */
  gap: number
  unitPriceVnd: number
  /** Value of closing one unit: priority(commune) × importance(type). */
  weight: number
  /** Vietnamese reason text for the line. */
  reason: string
}

export interface AllocationLine {
  commune: string
  communeName: string
  type: string
  typeName: string
  quantity: number
  unitPriceVnd: number
  amountVnd: number
  weight: number
  gap: number
  reason: string
}

export type BudgetMethod = 'optimal' | 'equal' | 'proportional'

export interface Allocation {
  method: BudgetMethod
  lines: AllocationLine[]
  spentVnd: number
  /** Σ weight × quantity. */
  weightedClosed: number
  unitsClosed: number
  /** Weighted gap closed per million VND spent. */
  perMillionVnd: number
  /** Communes that receive something. */
  communes: number
  /** Optimal only: whether the DP ran on exact prices; and the LP bound on the weighted gap closed. */
  exact?: boolean
  upperBound?: number
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

function summarise(
  method: BudgetMethod,
  items: readonly BudgetItem[],
  qty: readonly number[],
  extra: Partial<Allocation> = {},
): Allocation {
  const lines: AllocationLine[] = []
  items.forEach((it, i) => {
    if (qty[i] > 0)
      lines.push({
        commune: it.commune,
        communeName: it.communeName,
        type: it.type,
        typeName: it.typeName,
        quantity: qty[i],
        unitPriceVnd: it.unitPriceVnd,
        amountVnd: qty[i] * it.unitPriceVnd,
        weight: it.weight,
        gap: it.gap,
        reason: it.reason,
      })
  })
  lines.sort((a, b) => a.commune.localeCompare(b.commune) || b.weight - a.weight || a.type.localeCompare(b.type))
  const spentVnd = lines.reduce((s, l) => s + l.amountVnd, 0)
  const weightedClosed = lines.reduce((s, l) => s + l.weight * l.quantity, 0)
  return {
    method,
    lines,
    spentVnd,
    weightedClosed,
    unitsClosed: lines.reduce((s, l) => s + l.quantity, 0),
    perMillionVnd: spentVnd > 0 ? weightedClosed / (spentVnd / 1e6) : 0,
    communes: new Set(lines.map((l) => l.commune)).size,
    ...extra,
  }
}

function checkInput(items: readonly BudgetItem[], ceiling: number) {
  if (!Number.isFinite(ceiling) || ceiling < 0) throw new RangeError(`budget: ceiling must be ≥ 0, got ${ceiling}`)
  for (const it of items)
    if (!(Number.isInteger(it.gap) && it.gap >= 0 && Number.isInteger(it.unitPriceVnd) && it.unitPriceVnd > 0 && it.weight >= 0))
      throw new RangeError(`budget: bad item ${it.commune}/${it.type}`)
}

/** LP relaxation: the most weighted gap any plan could close under the ceiling. */
export function lpBound(items: readonly BudgetItem[], ceiling: number): number {
  let left = ceiling
  let value = 0
  for (const it of [...items].sort((a, b) => b.weight / b.unitPriceVnd - a.weight / a.unitPriceVnd)) {
    const cost = it.gap * it.unitPriceVnd
    if (cost <= left) {
      value += it.gap * it.weight
      left -= cost
    } else {
      value += (left / it.unitPriceVnd) * it.weight
      break
    }
  }
  return value
}

export function optimiseBudget(items: readonly BudgetItem[], ceiling: number, opts: { maxTableBits?: number } = {}): Allocation {
  checkInput(items, ceiling)
  const maxBits = opts.maxTableBits ?? 400_000_000 // the choice table: 50 MB at most
  const useful = items.map((it, i) => ({ it, i })).filter(({ it }) => it.gap > 0 && it.weight > 0 && it.unitPriceVnd <= ceiling)
  // Every cost is a multiple of the prices' gcd, so budgeting in that unit (ceiling rounded down) is exact.
  let unit = Math.max(
    1,
    useful.reduce((g, { it }) => gcd(g, it.unitPriceVnd), 0),
  )
  const piecesFor = (u: number) =>
    useful.reduce(
      (n, { it }) => n + Math.ceil(Math.log2(Math.min(it.gap, Math.floor(ceiling / u / Math.ceil(it.unitPriceVnd / u))) + 1)),
      0,
    )
  let exact = true
  if (piecesFor(unit) * (Math.floor(ceiling / unit) + 1) > maxBits) {
    unit = Math.ceil((ceiling * piecesFor(unit)) / maxBits)
    exact = useful.every(({ it }) => it.unitPriceVnd % unit === 0)
  }
  const cap = Math.floor(ceiling / unit)
  // Binary splitting: g units → pieces of 1, 2, 4, …, remainder.
  const pieces: { item: number; count: number; cost: number; value: number }[] = []
  for (const { it, i } of useful) {
    const c = Math.ceil(it.unitPriceVnd / unit)
    let left = Math.min(it.gap, Math.floor(cap / c))
    for (let k = 1; left > 0; k *= 2) {
      const n = Math.min(k, left)
      pieces.push({ item: i, count: n, cost: n * c, value: n * it.weight })
      left -= n
    }
  }
  const dp = new Float64Array(cap + 1)
  const take = new Uint8Array(Math.ceil((pieces.length * (cap + 1)) / 8))
  pieces.forEach((p, k) => {
    const row = k * (cap + 1)
    for (let b = cap; b >= p.cost; b--) {
      const v = dp[b - p.cost] + p.value
      if (v > dp[b] + 1e-9) {
        dp[b] = v
        const bit = row + b
        take[bit >> 3] |= 1 << (bit & 7)
      }
    }
  })
  const qty = new Array<number>(items.length).fill(0)
  let b = cap
  for (let k = pieces.length - 1; k >= 0; k--) {
    const bit = k * (cap + 1) + b
    if (take[bit >> 3] & (1 << (bit & 7))) {
      qty[pieces[k].item] += pieces[k].count
      b -= pieces[k].cost
    }
  }
  return summarise('optimal', items, qty, { exact, upperBound: lpBound(items, ceiling) })
}

/** A commune spends `share` on its items, highest weight per unit first (cheaper first on ties). */
function spendShare(items: readonly BudgetItem[], idx: number[], share: number, qty: number[]): void {
  let left = share
  const order = [...idx].sort((a, b) => items[b].weight - items[a].weight || items[a].unitPriceVnd - items[b].unitPriceVnd)
  for (const i of order) {
    const n = Math.min(items[i].gap, Math.floor(left / items[i].unitPriceVnd))
    qty[i] += n
    left -= n * items[i].unitPriceVnd
  }
}

function splitBy(
  method: BudgetMethod,
  items: readonly BudgetItem[],
  ceiling: number,
  share: (commune: string, idx: number[]) => number,
): Allocation {
  checkInput(items, ceiling)
  const byCommune = new Map<string, number[]>()
  items.forEach((it, i) => {
    if (it.gap > 0) byCommune.set(it.commune, [...(byCommune.get(it.commune) ?? []), i])
  })
  const qty = new Array<number>(items.length).fill(0)
  for (const [c, idx] of byCommune) spendShare(items, idx, share(c, idx), qty)
  return summarise(method, items, qty)
}

export function equalSplit(items: readonly BudgetItem[], ceiling: number): Allocation {
  const n = new Set(items.filter((it) => it.gap > 0).map((it) => it.commune)).size
  return splitBy('equal', items, ceiling, () => (n > 0 ? Math.floor(ceiling / n) : 0))
}

export function proportionalSplit(items: readonly BudgetItem[], ceiling: number): Allocation {
  const need = (idx: number[]) => idx.reduce((s, i) => s + items[i].gap * items[i].unitPriceVnd, 0)
  const total = items.reduce((s, it) => s + it.gap * it.unitPriceVnd, 0)
  return splitBy('proportional', items, ceiling, (_, idx) => (total > 0 ? Math.floor((ceiling * need(idx)) / total) : 0))
}

export function compareAllocations(items: readonly BudgetItem[], ceiling: number): Record<BudgetMethod, Allocation> {
  return { optimal: optimiseBudget(items, ceiling), equal: equalSplit(items, ceiling), proportional: proportionalSplit(items, ceiling) }
}
