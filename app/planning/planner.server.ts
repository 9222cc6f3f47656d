/**
 * What the planner page needs on the server: the constraints form, proposing and saving a plan, the
 * instance behind a saved plan (cached in memory for 15 minutes so what-if edits re-evaluate at once; rebuilt
 * from the plan's saved parameters after that), and the options the page offers for editing moves.
 */
import { toYmd } from '../lib/day-input.ts'
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { communeNameList } from '../../db/pg/reads/communes.ts'
import { officerNames } from './decision.server.ts'
import { loadCalendar } from '../../db/seed/workdays.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { reachableFrom } from './adjacency.ts'
import { evaluatePlan } from './evaluate.ts'
import { buildPlanningInstance, type InstanceInfo } from './instance.server.ts'
import type { CommunePrediction, PlanConstraints, PlanEvaluation, PlanningInstance, Totals } from './model.ts'
import { getStaffingPlan, PlanError, saveStaffingPlan, type PlanParams } from './plans.server.ts'
import { proposePlan } from './staffing.ts'
import { round } from '../kpi/numbers.ts'

const num = (min: number, max: number) => z.coerce.number().min(min).max(max)
export const ProposeForm = z.object({
  title: z.string().trim().min(1).max(200),
  start: z.preprocess(toYmd, z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  horizonDays: num(5, 120).int(),
  maxMoves: num(0, 500).int(),
  mode: z.enum(['adjacent', 'distance', 'either']),
  maxKm: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().min(0).max(500).nullable()),
  maxSecondments: num(0, 200).int(),
  secondmentDays: num(1, 120).int(),
})
export type ProposeForm = z.infer<typeof ProposeForm>

export async function defaultProposeForm(stores: Stores): Promise<ProposeForm> {
  const cal = await loadCalendar(stores.pg.db)
  const today = toLocalYmd(new Date())
  return {
    title: `Phương án điều động ${today}`,
    start: cal.addWorkingDays(today, 1),
    horizonDays: 20,
    maxMoves: 10,
    mode: 'adjacent',
    maxKm: 30,
    maxSecondments: 10,
    secondmentDays: 20,
  }
}

const constraintsOf = (f: ProposeForm): PlanConstraints => ({
  maxMoves: f.maxMoves,
  maxSecondments: f.maxSecondments,
  rule: { mode: f.mode, maxKm: f.mode === 'adjacent' ? null : (f.maxKm ?? 30) },
})

interface Cached {
  instance: PlanningInstance
  info: InstanceInfo
  at: number
}
const TTL_MS = 15 * 60_000
const cache = new Map<number, Cached>()

export async function proposeAndSave(stores: Stores, f: ProposeForm, createdBy: string): Promise<number> {
  const asOf = addDays(toLocalYmd(new Date()), -1)
  const { instance, info } = await buildPlanningInstance(stores, {
    asOf,
    start: f.start,
    horizonDays: f.horizonDays,
    constraints: constraintsOf(f),
    secondmentDays: f.secondmentDays,
  })
  const proposal = proposePlan(instance)
  const params: PlanParams = {
    start: f.start,
    asOf,
    horizonDays: f.horizonDays,
    secondmentDays: f.secondmentDays,
    constraints: { ...f },
    method: proposal.method,
    guarantee: proposal.guarantee,
  }
  const id = await saveStaffingPlan(stores, { title: f.title, params, moves: proposal.moves, predicted: proposal.evaluation, createdBy })
  cache.set(id, { instance, info, at: Date.now() })
  return id
}

/** The instance of a saved plan (same constraints and history as when it was proposed). */
export async function instanceOf(stores: Stores, planId: number, params: PlanParams): Promise<Cached> {
  const hit = cache.get(planId)
  if (hit && Date.now() - hit.at < TTL_MS) return hit
  const form = ProposeForm.safeParse(params.constraints)
  if (!form.success) throw new PlanError(`staffing plan ${planId} has no usable constraints`, 400)
  const built = await buildPlanningInstance(stores, {
    asOf: params.asOf,
    start: params.start,
    horizonDays: params.horizonDays,
    constraints: constraintsOf(form.data),
    secondmentDays: params.secondmentDays,
  })
  const c = { ...built, at: Date.now() }
  cache.set(planId, c)
  for (const [k, v] of cache) if (Date.now() - v.at > TTL_MS) cache.delete(k)
  return c
}

const r = (x: number, d = 2) => (Number.isFinite(x) ? round(x, d) : null)
function slimCommune(c: CommunePrediction) {
  return {
    code: c.code,
    heads: c.heads,
    fte: r(c.fte),
    counters: c.counters,
    intake: r(c.intake, 1),
    // Shown as "predicted late": the dossiers received in the horizon (the staffing page's and the back-test's figure).
    late: r(c.lateOfIntake, 1),
    lateOfOpen: r(c.lateOfOpen, 1),
    meanWaitMinutes: r(c.meanWaitMinutes, 1),
    utilisation: r(c.utilisation, 3),
    alreadyOverdue: c.alreadyOverdue,
  }
}
function slimTotals(t: Totals) {
  return {
    heads: t.heads,
    intake: r(t.intake, 1),
    late: r(t.lateOfIntake, 1),
    lateOfOpen: r(t.lateOfOpen, 1),
    meanWaitMinutes: r(t.meanWaitMinutes, 1),
    utilisation: r(t.utilisation, 3),
    alreadyOverdue: t.alreadyOverdue,
  }
}
/** The evaluation as the page shows it (rounded; an unbounded utilisation becomes null). */
export function slimEvaluation(e: PlanEvaluation) {
  return {
    before: { province: slimTotals(e.before.province), communes: e.before.communes.map(slimCommune) },
    after: { province: slimTotals(e.after.province), communes: e.after.communes.map(slimCommune) },
    violations: e.violations,
  }
}
export type SlimEvaluation = ReturnType<typeof slimEvaluation>

/** Everything the page offers when editing a plan's moves. */
export function editOptions(c: Cached) {
  const { instance, info } = c
  const movable = instance.constraints.movablePositions ?? ['officer']
  return {
    communes: instance.communes.map((x) => ({ code: x.code, name: x.name })),
    reach: Object.fromEntries(instance.communes.map((x) => [x.code, reachableFrom(instance.reach, x.code, instance.constraints.rule)])),
    officers: instance.officers
      .filter((o) => movable.includes(o.position))
      .map((o) => ({ id: o.id, name: o.name, commune: o.commune, skills: o.skills })),
    provincial: instance.provincial.map((o) => ({ id: o.id, name: o.name, skills: o.skills, availableDays: o.availableDays })),
    fields: Object.keys(instance.fields).sort(),
    noIntake: info.noIntake.length,
    asOf: info.asOf,
  }
}

export async function planView(stores: Stores, id: number) {
  const saved = await getStaffingPlan(stores, id)
  const c = saved.plan.status === 'draft' ? await instanceOf(stores, id, saved.params) : null
  const evaluation = c ? evaluatePlan(c.instance, saved.moves) : (saved.plan.predicted as PlanEvaluation)
  const names = await officerNames(
    stores,
    saved.moves.map((m) => m.officerId),
  )
  return { ...saved, evaluation: slimEvaluation(evaluation), options: c ? editOptions(c) : null, officerNames: names }
}

/** Code → name of the province's communes. */
export async function communeNames(stores: Stores): Promise<{ code: string; name: string }[]> {
  return communeNameList(stores.pg.db, stores.config.PROVINCE_CODE)
}
