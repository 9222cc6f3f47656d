/**
 * Equipment gap per commune and type, its cost, and a priority for the equipment budget (Finance).
 *
 *   counters   = max(active counters configured, counters needed from load) — the latter is the Erlang C
 *                counter staff of the staffing model over the period (staffing.server.ts), at least 1;
 *   centres    = main service points (at least 1);
 *   required   = ⌈norm per counter × counters⌉ or ⌈norm per centre × centres⌉ (`equipment_types`);
 *   gap        = max(0, required − working) (`equipment_inventory`; a type without a row has 0 working);
 *   cost       = gap × unit price (VND).
 * Priority weight (DEFAULT_PRIORITY_WEIGHTS, overridable per call; Finance's planner uses the same):
 *   weight = 1 + merged·[formed by the 2025 merger] + disadvantaged·[disadvantaged flag set to true]
 *              + load·(received per working day ÷ the province's busiest commune)
 *              + digitisation·(1 − share of dossiers digitised)      (no dossiers → that term is 0)
 * `priority` ranks the province's communes that have a gap, by weight, then by gap in VND (1 = first).
 * The period (default the 90 days up to yesterday) only feeds "counters needed" and the load/digitisation
 * terms; the inventory is always the current one. History: `getEquipmentHistory` (daily snapshots).
 */
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { communeStaffing, loadStaffingContext } from './staffing.server.ts'
import { equipmentNorms, inventoryFor } from '../../db/pg/reads/equipment.ts'
import { round } from './numbers.ts'
import { equipmentHistoryRows } from './queries/equipment.ts'
import { KpiPeriod, KpiQuery, resolveScope } from './scope.server.ts'

export interface PriorityWeights {
  merged: number
  disadvantaged: number
  load: number
  digitisation: number
}
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { merged: 0.3, disadvantaged: 0.3, load: 0.2, digitisation: 0.2 }

export interface EquipmentLine {
  commune: string
  type: string
  nameVi: string
  nameEn: string
  basis: 'counter' | 'centre'
  required: number
  working: number
  broken: number
  gap: number
  unitPriceVnd: number
  costVnd: number
}

export interface PriorityReason {
  code: 'MERGED' | 'DISADVANTAGED' | 'LOAD' | 'DIGITISATION'
  /** What this term adds to the weight. */
  adds: number
  /** The other figures its message shows (`equip.reason.<code>` in app/i18n/dict/kpi.ts). */
  params?: { perDay?: number; loadIndex?: number; share?: number }
}

export interface CommuneEquipment {
  commune: string
  name: string
  countersConfigured: number
  countersNeeded: number | null
  counters: number
  hasInventory: boolean
  gapVnd: number
  /** 1 = first in the province; null when nothing is missing. */
  priority: number | null
  weight: number
  reasons: PriorityReason[]
}

export interface EquipmentGap {
  commune: string | null
  from: string
  to: string
  weights: PriorityWeights
  gapVnd: number
  lines: EquipmentLine[]
  perCommune: CommuneEquipment[]
}

const Query = KpiPeriod.partial().extend({
  weights: z.object({ merged: z.number(), disadvantaged: z.number(), load: z.number(), digitisation: z.number() }).partial().optional(),
})
export type EquipmentQuery = z.input<typeof Query>

/**
 * The equipment gap's one window (ADR 037): the counters it needs follow the dossiers of the 30 days to today —
 * the equipment page's window — whatever period a page shows, so the overview, the commune page, the API, the
 * exports and /equipment write one figure. (The dashboard's default period, `equipmentPeriod()`, is the same.)
 */
export function equipmentLoadWindow(today: string = toLocalYmd(new Date())): { from: string; to: string } {
  return { from: addDays(today, -29), to: today }
}

export async function getEquipmentGap(stores: Stores, query: EquipmentQuery = {}): Promise<EquipmentGap> {
  const q = Query.parse(query)
  const to = q.to ?? addDays(toLocalYmd(new Date()), -1)
  const from = q.from ?? addDays(to, -89)
  if (from > to) throw new Error('from must not be after to')
  const w: PriorityWeights = { ...DEFAULT_PRIORITY_WEIGHTS, ...q.weights }
  const { all, selected } = await resolveScope(stores, q.commune)
  const codes = all.map((c) => c.code)
  const [ctx, norms, inventory] = await Promise.all([
    loadStaffingContext(stores, codes, from, to, 'kpi:getEquipmentGap'),
    equipmentNorms(stores.pg.db),
    inventoryFor(stores.pg.db, codes),
  ])

  const staffing = new Map(all.map((c) => [c.code, communeStaffing(ctx, c)]))
  const maxLoad = Math.max(0, ...[...staffing.values()].map((s) => s.model?.receivedPerWorkday ?? 0))
  const lines: EquipmentLine[] = []
  const perCommune: CommuneEquipment[] = all.map((c) => {
    const st = staffing.get(c.code)!
    const configured = ctx.counters.get(c.code)?.active ?? 0
    const needed = st.model?.counterStaff ?? null
    const counters = Math.max(configured, needed ?? 1)
    const centres = Math.max(1, ctx.counters.get(c.code)?.centres ?? 0)
    let gapVnd = 0
    let hasInventory = false
    for (const n of norms) {
      const basis = n.basis === 'centre' ? 'centre' : 'counter'
      const required = Math.ceil(n.perUnit * (basis === 'counter' ? counters : centres) - 1e-9)
      const inv = inventory.get(`${c.code}|${n.code}`)
      if (inv) hasInventory = true
      const working = inv?.working ?? 0
      const gap = Math.max(0, required - working)
      gapVnd += gap * n.unitPriceVnd
      lines.push({
        commune: c.code,
        type: n.code,
        nameVi: n.nameVi,
        nameEn: n.nameEn,
        basis,
        required,
        working,
        broken: inv?.broken ?? 0,
        gap,
        unitPriceVnd: n.unitPriceVnd,
        costVnd: gap * n.unitPriceVnd,
      })
    }
    const reasons: PriorityReason[] = []
    if (c.formedByMerger && w.merged) reasons.push({ code: 'MERGED', adds: w.merged })
    if (c.disadvantaged === true && w.disadvantaged) reasons.push({ code: 'DISADVANTAGED', adds: w.disadvantaged })
    const perDay = st.model?.receivedPerWorkday ?? 0
    const loadIndex = maxLoad > 0 ? perDay / maxLoad : 0
    if (loadIndex > 0 && w.load) {
      const adds = w.load * loadIndex
      reasons.push({ code: 'LOAD', adds: round(adds, 4), params: { perDay, loadIndex } })
    }
    const procs = ctx.procedures.get(c.code) ?? []
    const received = procs.reduce((s, p) => s + p.received, 0)
    if (received > 0 && w.digitisation) {
      const share = procs.reduce((s, p) => s + p.digitised, 0) / received
      const adds = w.digitisation * (1 - share)
      if (adds > 0) reasons.push({ code: 'DIGITISATION', adds: round(adds, 4), params: { share } })
    }
    const weight = round(1 + reasons.reduce((s, r) => s + r.adds, 0), 4)
    return {
      commune: c.code,
      name: c.name,
      countersConfigured: configured,
      countersNeeded: needed,
      counters,
      hasInventory,
      gapVnd,
      priority: null,
      weight,
      reasons,
    }
  })

  const ranked = perCommune
    .filter((c) => c.gapVnd > 0)
    .sort((a, b) => b.weight - a.weight || b.gapVnd - a.gapVnd || a.commune.localeCompare(b.commune))
  ranked.forEach((c, i) => (c.priority = i + 1))
  const chosen = new Set(selected.map((c) => c.code))
  const out = perCommune
    .filter((c) => chosen.has(c.commune))
    .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || a.commune.localeCompare(b.commune))
  return {
    commune: q.commune ?? null,
    from,
    to,
    weights: w,
    gapVnd: out.reduce((s, c) => s + c.gapVnd, 0),
    lines: lines.filter((l) => chosen.has(l.commune)),
    perCommune: out,
  }
}

export interface EquipmentDay {
  day: string
  type: string
  working: number
  broken: number
  communes: number
}

/** Working / broken units per day and type from the daily snapshots (one commune or the province). */
export async function getEquipmentHistory(stores: Stores, query: { commune?: string; from: string; to: string }): Promise<EquipmentDay[]> {
  const q = KpiQuery.parse(query)
  const { codes } = await resolveScope(stores, q.commune)
  const rows = await equipmentHistoryRows(stores.ch, { communes: codes, from: q.from, to: q.to }, 'kpi:getEquipmentHistory')
  return rows.map((r) => ({ day: r.d, type: r.type_code, working: r.n_working, broken: r.n_broken, communes: r.n_communes }))
}
