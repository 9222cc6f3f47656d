/**
 * What-if: the effect of any list of moves and secondments, before/after per commune and for the province,
 * plus the constraints the list breaks. Used for the planner's proposal and for every edit in the UI.
 */
import { canReach } from './adjacency.ts'
import { predictCommune, type StaffOnSite } from '../kpi/predict.ts'
import {
  DEFAULT_MODEL,
  type CommunePrediction,
  type ModelParams,
  type Move,
  type Officer,
  type PlanEvaluation,
  type PlanningInstance,
  type ProvincialOfficial,
  type Totals,
  type Violation,
} from './model.ts'

export function modelOf(instance: PlanningInstance): ModelParams {
  return { ...DEFAULT_MODEL, ...instance.model }
}

export const movablePositions = (instance: PlanningInstance) => instance.constraints.movablePositions ?? ['officer']

export interface StaffEntry extends StaffOnSite {
  officerId: string
  /** false for a secondee (counts towards capacity, not towards the minimum staff). */
  permanent: boolean
}

/** Current staff per commune (every instance commune has an entry). */
export function currentStaff(instance: PlanningInstance): Map<string, StaffEntry[]> {
  const out = new Map<string, StaffEntry[]>(instance.communes.map((c) => [c.code, []]))
  for (const o of instance.officers) {
    if (o.commune === null) continue
    out.get(o.commune)?.push({ officerId: o.id, skills: o.skills, fte: o.fte, days: Infinity, permanent: true })
  }
  return out
}

export const hasSkill = (o: Officer, field: string) => o.skills.length === 0 || o.skills.includes(field)

/** Applies moves to a copy of `staff`; moves that cannot be applied (unknown officer/commune) are skipped. */
export function applyMoves(
  instance: PlanningInstance,
  staff: Map<string, StaffEntry[]>,
  moves: readonly Move[],
): Map<string, StaffEntry[]> {
  const out = new Map([...staff].map(([k, v]) => [k, [...v]]))
  const officers = new Map<string, Officer | ProvincialOfficial>([...instance.officers, ...instance.provincial].map((o) => [o.id, o]))
  for (const m of moves) {
    const o = officers.get(m.officerId)
    const dest = out.get(m.to)
    if (!o || !dest) continue
    if (m.kind === 'move') {
      const src = m.from === null ? undefined : out.get(m.from)
      const k = src?.findIndex((e) => e.officerId === o.id) ?? -1
      if (!src || k < 0) continue
      const [e] = src.splice(k, 1)
      dest.push(e)
    } else {
      const days = Math.max(0, m.days ?? instance.horizonDays)
      dest.push({ officerId: o.id, skills: o.skills, fte: o.fte, days, permanent: false })
    }
  }
  return out
}

export function permanentHeads(entries: readonly StaffEntry[]): number {
  return entries.filter((e) => e.permanent).length
}

/** Every rule a list of moves can break; an empty list = the plan is feasible. */
export function validateMoves(instance: PlanningInstance, moves: readonly Move[]): Violation[] {
  const v: Violation[] = []
  const officers = new Map(instance.officers.map((o) => [o.id, o]))
  const provincial = new Map(instance.provincial.map((o) => [o.id, o]))
  const communes = new Set(instance.communes.map((c) => c.code))
  const movable = movablePositions(instance)
  const seen = new Set<string>()
  moves.forEach((m, i) => {
    const add = (code: Violation['code'], message: string) => v.push({ moveIndex: i, code, message })
    if (seen.has(m.officerId)) add('DUPLICATE_OFFICER', `officer ${m.officerId} appears in more than one move`)
    seen.add(m.officerId)
    if (!communes.has(m.to)) return add('UNKNOWN_COMMUNE', `unknown destination ${m.to}`)
    const o = m.kind === 'move' ? officers.get(m.officerId) : provincial.get(m.officerId)
    if (!o) {
      if (m.kind === 'secondment' && officers.has(m.officerId))
        return add('NOT_AVAILABLE', `${m.officerId} is not a provincial official available for secondment`)
      return add('UNKNOWN_OFFICER', `unknown officer ${m.officerId}`)
    }
    if (m.field && !hasSkill(o, m.field)) add('MISSING_SKILL', `${o.name} has no skill ${m.field}`)
    if (m.kind === 'move') {
      if (m.from !== o.commune) return add('WRONG_ORIGIN', `${o.name} works in ${o.commune ?? '—'}, not ${m.from ?? '—'}`)
      if (m.from === m.to) return add('SAME_COMMUNE', `${o.name} already works in ${m.to}`)
      if (!movable.includes(o.position)) add('NOT_MOVABLE', `${o.name} (${o.position}) is not movable`)
      if (o.commune && !canReach(instance.reach, o.commune, m.to, instance.constraints.rule))
        add('TOO_FAR', `${m.to} is not within reach of ${o.commune}`)
    } else {
      const p = o as ProvincialOfficial
      const days = m.days ?? instance.horizonDays
      if (!(days >= 1) || days > p.availableDays)
        add('SECONDMENT_TOO_LONG', `${p.name} is available for ${p.availableDays} working days, not ${days}`)
    }
  })
  const nMoves = moves.filter((m) => m.kind === 'move').length
  const nSec = moves.filter((m) => m.kind === 'secondment').length
  if (nMoves > instance.constraints.maxMoves)
    v.push({ moveIndex: null, code: 'TOO_MANY_MOVES', message: `${nMoves} moves, at most ${instance.constraints.maxMoves}` })
  const maxSec = instance.constraints.maxSecondments ?? instance.provincial.length
  if (nSec > maxSec) v.push({ moveIndex: null, code: 'TOO_MANY_SECONDMENTS', message: `${nSec} secondments, at most ${maxSec}` })
  // Minimum staff: only communes the plan takes staff from (one already short before is not the plan's doing).
  const before = currentStaff(instance)
  const after = applyMoves(instance, before, moves)
  for (const c of instance.communes) {
    const b = permanentHeads(before.get(c.code)!)
    const a = permanentHeads(after.get(c.code)!)
    if (a < b && a < c.minStaff)
      v.push({ moveIndex: null, code: 'BELOW_MIN_STAFF', message: `${c.name} would keep ${a} staff, minimum ${c.minStaff}` })
  }
  return v
}

export function predictAll(instance: PlanningInstance, staff: Map<string, StaffEntry[]>): CommunePrediction[] {
  const model = modelOf(instance)
  return instance.communes.map((c) => {
    const { objective: _objective, ...p } = predictCommune(c, staff.get(c.code) ?? [], instance.fields, instance.horizonDays, model)
    return p
  })
}

export function totals(rows: readonly CommunePrediction[]): Totals {
  const sum = (f: (r: CommunePrediction) => number) => rows.reduce((x, r) => x + f(r), 0)
  const arrivals = sum((r) => r.arrivals)
  const supply = sum((r) => r.supplyHours)
  return {
    heads: sum((r) => r.heads),
    intake: sum((r) => r.intake),
    late: sum((r) => r.late),
    lateOfIntake: sum((r) => r.lateOfIntake),
    lateOfOpen: sum((r) => r.lateOfOpen),
    meanWaitMinutes: arrivals > 0 ? (sum((r) => r.waitHours) * 60) / arrivals : 0,
    waitHours: sum((r) => r.waitHours),
    utilisation: supply > 0 ? sum((r) => r.demandHours) / supply : 0,
    alreadyOverdue: sum((r) => r.alreadyOverdue),
  }
}

export function objectiveOf(instance: PlanningInstance, t: Totals): number {
  return t.late + modelOf(instance).waitWeight * t.waitHours
}

export function evaluatePlan(instance: PlanningInstance, moves: readonly Move[]): PlanEvaluation {
  const staff = currentStaff(instance)
  const before = predictAll(instance, staff)
  const after = predictAll(instance, applyMoves(instance, staff, moves))
  const tb = totals(before)
  const ta = totals(after)
  return {
    before: { communes: before, province: tb, objective: objectiveOf(instance, tb) },
    after: { communes: after, province: ta, objective: objectiveOf(instance, ta) },
    violations: validateMoves(instance, moves),
  }
}
