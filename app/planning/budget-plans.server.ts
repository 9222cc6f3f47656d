/**
 * Budget plans: the planner's items from the KPI engine's equipment gap, and the plans in Postgres
 * (budget_plans + budget_plan_lines; status draft → approved, each step audited).
 */
import { asc, desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, PgStore } from '../../db/pg/client.ts'
import type { Stores } from '../../db/stores.ts'
import { budgetPlanLines, budgetPlans, communes, equipmentTypes } from '../../db/pg/schema/index.ts'
import { audit } from '../auth/audit.server.ts'
import { equipmentPeriod } from '../dashboard/equipment-edit.server.ts'
import { getEquipmentGap, type PriorityWeights } from '../kpi/equipment.server.ts'
import type { Allocation, BudgetItem } from './budget.ts'
import { PlanError } from './plans.server.ts'
import { itemWeight, lineReasonVi } from './priority.ts'
import { sayReason } from '../i18n/messages.ts'

export interface BudgetInputs {
  items: BudgetItem[]
  weights: PriorityWeights
  /** Σ gap × price over the province: the cost of closing every gap. */
  gapVnd: number
  /** Communes with no inventory rows at all (their gap is the whole norm). */
  noInventory: string[]
}

export async function buildBudgetItems(
  stores: Stores,
  opts: { weights?: Partial<PriorityWeights>; importance?: Record<string, number> } = {},
): Promise<BudgetInputs> {
  // The load term of the weight over the equipment page's own window (30 days to today), so the plan and the
  // page show one "dossiers per working day" (issue 14; before: 90 days to yesterday here, 30 days there).
  const { from, to } = equipmentPeriod().current
  const gap = await getEquipmentGap(stores, { weights: opts.weights, from, to })
  const byCommune = new Map(gap.perCommune.map((c) => [c.commune, c]))
  const items: BudgetItem[] = gap.lines
    .filter((l) => l.gap > 0)
    .map((l) => {
      const c = byCommune.get(l.commune)!
      return {
        commune: l.commune,
        communeName: c.name,
        type: l.type,
        typeName: l.nameVi,
        required: l.required,
        working: l.working,
        gap: l.gap,
        unitPriceVnd: l.unitPriceVnd,
        weight: itemWeight(c.weight, l.type, opts.importance),
        reason: lineReasonVi(
          l.gap,
          l.required,
          l.nameVi,
          c.reasons.map((r) => sayReason('vi', 'equip.reason', r)),
        ),
      }
    })
  return {
    items,
    weights: gap.weights,
    gapVnd: gap.gapVnd,
    noInventory: gap.perCommune.filter((c) => !c.hasInventory).map((c) => c.commune),
  }
}

export async function saveBudgetPlan(
  stores: Stores,
  p: {
    title: string
    year: number
    ceilingVnd: number
    allocation: Allocation
    summary: unknown
    createdBy: string | null
    ip?: string | null
  },
): Promise<number> {
  const title = z.string().trim().min(1).max(300).parse(p.title)
  return stores.pg.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(budgetPlans)
      .values({
        title,
        year: p.year,
        ceilingVnd: p.ceilingVnd,
        status: 'draft',
        method: p.allocation.method,
        summary: p.summary as object,
        createdBy: p.createdBy,
      })
      .returning({ id: budgetPlans.id })
    const id = row!.id
    if (p.allocation.lines.length)
      await tx.insert(budgetPlanLines).values(
        p.allocation.lines.map((l) => ({
          planId: id,
          communeCode: l.commune,
          typeCode: l.type,
          quantity: l.quantity,
          unitPriceVnd: l.unitPriceVnd,
          amountVnd: l.amountVnd,
          priority: l.weight,
          reason: l.reason,
        })),
      )
    await audit(
      { pg: { ...stores.pg, db: tx as unknown as Db } as PgStore },
      {
        actor: p.createdBy,
        action: 'budget_plan.create',
        target: `budget_plan:${id}`,
        detail: {
          ceilingVnd: p.ceilingVnd,
          method: p.allocation.method,
          totalVnd: p.allocation.spentVnd,
          lines: p.allocation.lines.length,
        },
        ip: p.ip ?? null,
      },
    )
    return id
  })
}

export interface BudgetPlanLineView {
  communeCode: string
  communeName: string
  typeCode: string
  typeName: string
  quantity: number
  unitPriceVnd: number
  amountVnd: number
  priority: number | null
  reason: string | null
}

export async function getBudgetPlan(stores: Stores, id: number) {
  const db = stores.pg.db
  const [plan] = await db.select().from(budgetPlans).where(eq(budgetPlans.id, id))
  if (!plan) throw new PlanError(`budget plan ${id} not found`, 404)
  const rows = await db
    .select()
    .from(budgetPlanLines)
    .where(eq(budgetPlanLines.planId, id))
    .orderBy(asc(budgetPlanLines.communeCode), asc(budgetPlanLines.id))
  const codes = [...new Set(rows.map((r) => r.communeCode))]
  const names = new Map(
    (codes.length
      ? await db.select({ code: communes.code, name: communes.fullName }).from(communes).where(inArray(communes.code, codes))
      : []
    ).map((c) => [c.code, c.name]),
  )
  const types = new Map(
    (await db.select({ code: equipmentTypes.code, name: equipmentTypes.nameVi }).from(equipmentTypes)).map((t) => [t.code, t.name]),
  )
  const lines: BudgetPlanLineView[] = rows.map((r) => ({
    communeCode: r.communeCode,
    communeName: names.get(r.communeCode) ?? r.communeCode,
    typeCode: r.typeCode,
    typeName: types.get(r.typeCode) ?? r.typeCode,
    quantity: r.quantity,
    unitPriceVnd: r.unitPriceVnd,
    amountVnd: r.amountVnd,
    priority: r.priority,
    reason: r.reason,
  }))
  return { plan, lines, totalVnd: lines.reduce((s, l) => s + l.amountVnd, 0) }
}

export async function listBudgetPlans(stores: Stores, limit = 20) {
  return stores.pg.db
    .select({
      id: budgetPlans.id,
      title: budgetPlans.title,
      year: budgetPlans.year,
      ceilingVnd: budgetPlans.ceilingVnd,
      status: budgetPlans.status,
      method: budgetPlans.method,
      createdBy: budgetPlans.createdBy,
      createdAt: budgetPlans.createdAt,
      approvedAt: budgetPlans.approvedAt,
    })
    .from(budgetPlans)
    .orderBy(desc(budgetPlans.id))
    .limit(limit)
}

export async function approveBudgetPlan(
  stores: Stores,
  id: number,
  who: { actor: string; ip?: string | null; note?: string },
): Promise<void> {
  await stores.pg.db.transaction(async (tx) => {
    const [plan] = await tx.select().from(budgetPlans).where(eq(budgetPlans.id, id)).for('update')
    if (!plan) throw new PlanError(`budget plan ${id} not found`, 404)
    if (plan.status !== 'draft') throw new PlanError(`budget plan ${id} is ${plan.status}, not a draft`)
    await tx.update(budgetPlans).set({ status: 'approved', approvedBy: who.actor, approvedAt: new Date() }).where(eq(budgetPlans.id, id))
    await audit(
      { pg: { ...stores.pg, db: tx as unknown as Db } as PgStore },
      {
        actor: who.actor,
        action: 'budget_plan.approve',
        target: `budget_plan:${id}`,
        detail: { ceilingVnd: plan.ceilingVnd, method: plan.method, note: who.note ?? null },
        ip: who.ip ?? null,
      },
    )
  })
}
