/**
 * Staffing plans in Postgres: save a draft (staffing_plans + staffing_plan_moves), replace its moves after
 * edits, discard it, and ACCEPT it — one transaction that
 *   - closes each moved officer's current assignment in the origin commune (valid_to = the day before the
 *     move; `valid_to` is inclusive, as the KPI engine and the staffing snapshot read it),
 *   - opens the new one (kind 'reallocation', open-ended; or 'secondment' with valid_to = the last of its
 *     working days),
 *   - marks the plan accepted (who, when, why) and writes the audit entry (`audit()` of app/auth) —
 * then requests the staffing snapshot from the ETL scheduler (db/job-control.ts) so the KPIs follow. A plan whose officer
 * no longer works where the plan says is refused as stale and nothing is written.
 */
import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, PgStore } from '../../db/pg/client.ts'
import type { Stores } from '../../db/stores.ts'
import { assignments, staffingPlanMoves, staffingPlans } from '../../db/pg/schema/index.ts'
import { loadCalendar } from '../../db/seed/workdays.ts'
import { dayWindow, jobControl } from '../../db/job-control.ts'
import { audit } from '../auth/audit.server.ts'
import { addDays, toLocalYmd, type WorkCalendar } from '../../db/lib/workdays.ts'
import type { Move, PlanEvaluation } from './model.ts'

export class PlanError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 | 400 = 409,
  ) {
    super(message)
    this.name = 'PlanError'
  }
}

/** A plan action's failure as its result: a PlanError's words, 'form.invalid' for bad input; anything else is rethrown. */
export function planFailure(e: unknown, intent: string): { ok: false; intent: string; error: string } {
  if (e instanceof PlanError) return { ok: false, intent, error: e.message }
  if (e instanceof z.ZodError) return { ok: false, intent, error: 'form.invalid' }
  throw e
}

const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
/** A plan id in a URL or a form. */
export const PlanIdSchema = z.coerce.number().int().positive()

export const MoveSchema = z.object({
  officerId: z.string().min(1).max(100),
  from: z.string().min(1).max(20).nullable(),
  to: z.string().min(1).max(20),
  kind: z.enum(['move', 'secondment']),
  days: z.number().int().min(1).max(260).optional(),
  field: z.string().min(1).max(40).optional(),
})
export const MovesSchema = z.array(MoveSchema).max(500)

export interface StoredMove extends Move {
  validFrom: string
  validTo: string | null
}

/** The first working day on or after `day`, and the last of `days` working days from there. */
export function moveDates(cal: WorkCalendar, start: string, m: Move): { validFrom: string; validTo: string | null } {
  if (m.kind === 'move') return { validFrom: start, validTo: null }
  const first = cal.isWorkingDay(start) ? start : cal.addWorkingDays(start, 1)
  return { validFrom: first, validTo: cal.addWorkingDays(first, Math.max(1, m.days ?? 1) - 1) }
}

async function writeMoves(db: Db, planId: number, start: string, moves: readonly Move[], cal: WorkCalendar) {
  await db.delete(staffingPlanMoves).where(eq(staffingPlanMoves.planId, planId))
  if (moves.length === 0) return
  await db.insert(staffingPlanMoves).values(
    moves.map((m) => ({
      planId,
      officerId: m.officerId,
      fromCommune: m.from,
      toCommune: m.to,
      kind: m.kind,
      ...moveDates(cal, start, m),
    })),
  )
}

export interface PlanParams {
  start: string
  asOf: string
  horizonDays: number
  secondmentDays: number
  constraints: unknown
  model?: unknown
  method?: string
  guarantee?: string
  /** Per officer: the field a move covers and a secondment's working days (the moves table has no columns for them). */
  moveInfo?: Record<string, { field?: string; days?: number }>
}

const moveInfoOf = (moves: readonly Move[]) =>
  Object.fromEntries(
    moves.map((m) => [m.officerId, { ...(m.field ? { field: m.field } : {}), ...(m.kind === 'secondment' ? { days: m.days } : {}) }]),
  )

export async function saveStaffingPlan(
  stores: Stores,
  p: { title: string; params: PlanParams; moves: readonly Move[]; predicted: PlanEvaluation; createdBy: string | null },
): Promise<number> {
  const cal = await loadCalendar(stores.pg.db)
  return stores.pg.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffingPlans)
      .values({
        title: p.title,
        status: 'draft',
        params: { ...p.params, moveInfo: moveInfoOf(p.moves) },
        predicted: p.predicted,
        createdBy: p.createdBy,
      })
      .returning({ id: staffingPlans.id })
    await writeMoves(tx as unknown as Db, row!.id, p.params.start, p.moves, cal)
    return row!.id
  })
}

export async function getStaffingPlan(stores: Stores, id: number) {
  const [plan] = await stores.pg.db.select().from(staffingPlans).where(eq(staffingPlans.id, id))
  if (!plan) throw new PlanError(`staffing plan ${id} not found`, 404)
  const rows = await stores.pg.db
    .select()
    .from(staffingPlanMoves)
    .where(eq(staffingPlanMoves.planId, id))
    .orderBy(asc(staffingPlanMoves.id))
  const params = plan.params as PlanParams
  const moves: StoredMove[] = rows.map((r) => ({
    officerId: r.officerId,
    from: r.fromCommune,
    to: r.toCommune,
    kind: r.kind as Move['kind'],
    ...(r.kind === 'secondment' && params.moveInfo?.[r.officerId]?.days ? { days: params.moveInfo[r.officerId]!.days } : {}),
    ...(params.moveInfo?.[r.officerId]?.field ? { field: params.moveInfo[r.officerId]!.field } : {}),
    validFrom: r.validFrom,
    validTo: r.validTo,
  }))
  return { plan, params, moves }
}

export async function listStaffingPlans(stores: Stores, limit = 20) {
  return stores.pg.db
    .select({
      id: staffingPlans.id,
      title: staffingPlans.title,
      status: staffingPlans.status,
      createdBy: staffingPlans.createdBy,
      createdAt: staffingPlans.createdAt,
      acceptedAt: staffingPlans.acceptedAt,
    })
    .from(staffingPlans)
    .orderBy(desc(staffingPlans.id))
    .limit(limit)
}

async function requireDraft(db: Db, id: number) {
  const [plan] = await db.select().from(staffingPlans).where(eq(staffingPlans.id, id)).for('update')
  if (!plan) throw new PlanError(`staffing plan ${id} not found`, 404)
  if (plan.status !== 'draft') throw new PlanError(`staffing plan ${id} is ${plan.status}, not a draft`)
  return plan
}

/** Replaces a draft's moves (after what-if edits) and its predicted effect. */
export async function updateStaffingPlan(stores: Stores, id: number, moves: readonly Move[], predicted: PlanEvaluation): Promise<void> {
  const cal = await loadCalendar(stores.pg.db)
  await stores.pg.db.transaction(async (tx) => {
    const plan = await requireDraft(tx as unknown as Db, id)
    const params = plan.params as PlanParams
    await tx
      .update(staffingPlans)
      .set({ predicted, params: { ...params, moveInfo: moveInfoOf(moves) } })
      .where(eq(staffingPlans.id, id))
    await writeMoves(tx as unknown as Db, id, params.start, moves, cal)
  })
}

export async function discardStaffingPlan(stores: Stores, id: number, actor: string | null, ip: string | null = null): Promise<void> {
  await stores.pg.db.transaction(async (tx) => {
    await requireDraft(tx as unknown as Db, id)
    await tx.update(staffingPlans).set({ status: 'discarded' }).where(eq(staffingPlans.id, id))
    await audit(
      { pg: { ...stores.pg, db: tx as unknown as Db } as PgStore },
      { actor, action: 'reallocation.discard', target: `staffing_plan:${id}`, ip },
    )
  })
}

export interface AcceptResult {
  closed: number
  opened: number
  /** null when the snapshot refreshed; otherwise why it did not (the decision itself is committed). */
  snapshotError: string | null
}

export async function acceptStaffingPlan(
  stores: Stores,
  id: number,
  who: { actor: string; reason: string; ip?: string | null },
): Promise<AcceptResult> {
  const reason = z.string().trim().min(3, 'a reason is required').max(2000).parse(who.reason)
  let closed = 0
  let opened = 0
  let start = ''
  await stores.pg.db.transaction(async (tx) => {
    const db = tx as unknown as Db
    const plan = await requireDraft(db, id)
    start = Ymd.parse((plan.params as PlanParams).start)
    const moves = await db.select().from(staffingPlanMoves).where(eq(staffingPlanMoves.planId, id)).orderBy(asc(staffingPlanMoves.id))
    for (const m of moves) {
      if (m.kind === 'move') {
        const open = await db
          .select()
          .from(assignments)
          .where(and(eq(assignments.officerId, m.officerId), eq(assignments.communeCode, m.fromCommune ?? ''), isNull(assignments.validTo)))
        if (open.length === 0) throw new PlanError(`officer ${m.officerId} has no open assignment in ${m.fromCommune}: the plan is stale`)
        for (const a of open) {
          if (a.validFrom > addDays(m.validFrom, -1))
            throw new PlanError(`officer ${m.officerId}'s assignment in ${m.fromCommune} starts on ${a.validFrom}, after the move`)
          await db
            .update(assignments)
            .set({ validTo: addDays(m.validFrom, -1) })
            .where(eq(assignments.id, a.id))
          closed++
        }
      }
      if (m.kind === 'secondment') {
        // An official already working somewhere during the secondment is not available.
        const busy = await db
          .select({ id: assignments.id, commune: assignments.communeCode })
          .from(assignments)
          .where(
            and(
              eq(assignments.officerId, m.officerId),
              lte(assignments.validFrom, m.validTo ?? m.validFrom),
              or(isNull(assignments.validTo), gte(assignments.validTo, m.validFrom)),
            ),
          )
        if (busy.length)
          throw new PlanError(`official ${m.officerId} already works in ${busy[0]!.commune} during the secondment: the plan is stale`)
      }
      await db.insert(assignments).values({
        officerId: m.officerId,
        communeCode: m.toCommune,
        kind: m.kind === 'move' ? 'reallocation' : 'secondment',
        validFrom: m.validFrom,
        validTo: m.kind === 'move' ? null : m.validTo,
        reason,
        createdBy: who.actor,
      })
      opened++
    }
    await db
      .update(staffingPlans)
      .set({ status: 'accepted', reason, acceptedBy: who.actor, acceptedAt: new Date() })
      .where(eq(staffingPlans.id, id))
    await audit(
      { pg: { ...stores.pg, db } as PgStore },
      {
        actor: who.actor,
        action: 'reallocation.accept',
        target: `staffing_plan:${id}`,
        detail: {
          reason,
          moves: moves.map((m) => ({
            officer: m.officerId,
            from: m.fromCommune,
            to: m.toCommune,
            kind: m.kind,
            validFrom: m.validFrom,
            validTo: m.validTo,
          })),
        },
        ip: who.ip ?? null,
      },
    )
  })
  let snapshotError: string | null = null
  try {
    const today = toLocalYmd(new Date())
    await jobControl(stores).request('staffing-snapshot', 'plan', { window: dayWindow(start < today ? start : today, today) })
  } catch (e) {
    snapshotError = (e as Error).message
  }
  return { closed, opened, snapshotError }
}
