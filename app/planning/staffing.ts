/**
 * Staff reallocation planner: which officers to move between nearby communes, and where to second provincial
 * officials, to minimise predicted late dossiers + waiting time (app/planning/predict.ts).
 *
 * Search space: each movable officer stays or moves once to a commune within reach of theirs; each provincial
 * official stays out or is seconded to one commune for their available days. Constraints: at most `maxMoves`
 * moves and `maxSecondments` secondments, reach rule (adjacency / distance), minimum permanent staff per
 * centre, movable positions. Skills enter through the model (a field's work goes only to officers with that
 * skill), so a move that brings the wrong skill predicts no gain and is not proposed.
 *
 * Algorithm and guarantee (stated honestly):
 *  - Exact when the instance is tiny: if the number of combinations Π(1 + destinations) is at most
 *    `exactLimit` (default 20 000), every feasible combination is evaluated: the result is optimal for the model.
 *  - Otherwise greedy best-improvement (each step adds the single move or secondment with the largest
 *    decrease of the objective) followed by local search (remove a move, or send it elsewhere, whenever that
 *    lowers the objective; then refill greedily), until no such step helps. The result is a local optimum
 *    for that neighbourhood; no approximation factor is claimed (the objective is not submodular in general).
 * Commune costs depend only on who works there, so they are cached by staff signature: a step re-evaluates
 * only the communes whose staff a candidate changes.
 */
import { reachableFrom } from './adjacency.ts'
import { applyMoves, currentStaff, evaluatePlan, hasSkill, modelOf, movablePositions, permanentHeads, type StaffEntry } from './evaluate.ts'
import type { Move, Officer, PlanEvaluation, PlanningInstance, ProvincialOfficial } from './model.ts'
import { predictCommune } from './predict.ts'

export interface Proposal {
  method: 'exact' | 'greedy+local'
  guarantee: string
  moves: Move[]
  evaluation: PlanEvaluation
  /** Commune evaluations performed (a measure of the work done). */
  evaluations: number
}

const EPS = 1e-7

class Costs {
  readonly cache = new Map<string, number>()
  evaluations = 0
  private readonly loads: Map<string, PlanningInstance['communes'][number]>
  private readonly model: ReturnType<typeof modelOf>
  constructor(private readonly instance: PlanningInstance) {
    this.loads = new Map(instance.communes.map((c) => [c.code, c]))
    this.model = modelOf(instance)
  }
  of(code: string, staff: readonly StaffEntry[]): number {
    const key = code + '|' + staff.map((s) => `${s.skills.join(',')}:${s.fte}:${s.days}`).sort().join(';')
    let v = this.cache.get(key)
    if (v === undefined) {
      this.evaluations++
      v = predictCommune(this.loads.get(code)!, staff, this.instance.fields, this.instance.horizonDays, this.model).objective
      this.cache.set(key, v)
    }
    return v
  }
}

interface Candidate {
  move: Move
  gain: number
}

/** Officers of one commune (or the provincial pool) that are interchangeable for the model. */
const classKey = (o: Officer | ProvincialOfficial, days: number) => `${[...o.skills].sort().join(',')}:${o.fte}:${days}`

/** The field a move is for: the officer's skill with the most predicted late dossiers at the destination. */
function coveredField(o: Officer, lateByField: Record<string, number>): string | undefined {
  let best: string | undefined
  let most = EPS
  for (const [f, late] of Object.entries(lateByField))
    if (late > most && hasSkill(o, f)) {
      best = f
      most = late
    }
  return best
}

export function proposePlan(instance: PlanningInstance, opts: { exactLimit?: number } = {}): Proposal {
  const costs = new Costs(instance)
  const base = currentStaff(instance)
  const communeCodes = instance.communes.map((c) => c.code)
  const minStaff = new Map(instance.communes.map((c) => [c.code, c.minStaff]))
  const movable = movablePositions(instance)
  const officers = instance.officers.filter((o) => o.commune !== null && movable.includes(o.position) && minStaff.has(o.commune))
    .sort((a, b) => a.id.localeCompare(b.id))
  const provincial = [...instance.provincial].sort((a, b) => a.id.localeCompare(b.id))
  const reach = new Map(communeCodes.map((c) => [c, reachableFrom(instance.reach, c, instance.constraints.rule).filter((d) => minStaff.has(d))]))
  const maxMoves = instance.constraints.maxMoves
  const maxSec = Math.min(instance.constraints.maxSecondments ?? provincial.length, provincial.length)
  const secDays = (p: ProvincialOfficial) => p.availableDays

  const exactLimit = opts.exactLimit ?? 20_000
  let combos = 1
  for (const o of officers) combos *= 1 + reach.get(o.commune!)!.length
  for (let i = 0; i < provincial.length && combos <= exactLimit; i++) combos *= 1 + communeCodes.length
  const moves = combos <= exactLimit ? exact(instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays)
    : greedyLocal(instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays)

  const evaluation = evaluatePlan(instance, moves)
  const beforeByCode = new Map(evaluation.before.communes.map((c) => [c.code, c]))
  const all = new Map<string, Officer>([...instance.officers, ...instance.provincial].map((o) => [o.id, o]))
  for (const m of moves) {
    const f = coveredField(all.get(m.officerId)!, beforeByCode.get(m.to)!.lateByField)
    if (f) m.field = f
  }
  const method = combos <= exactLimit ? 'exact' : 'greedy+local'
  return {
    method,
    guarantee: method === 'exact'
      ? 'optimal for the model: every feasible combination of moves was evaluated'
      : 'local optimum: no single added, removed or re-targeted move lowers the predicted objective (no approximation factor)',
    moves,
    evaluation,
    evaluations: costs.evaluations,
  }
}

type Ctx = [PlanningInstance, Costs, Map<string, StaffEntry[]>, Officer[], ProvincialOfficial[], Map<string, string[]>, number, number, (p: ProvincialOfficial) => number]

function exact(...[instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays]: Ctx): Move[] {
  const options: Move[][] = [
    ...officers.map((o) => reach.get(o.commune!)!.map((to): Move => ({ officerId: o.id, from: o.commune, to, kind: 'move' }))),
    ...provincial.map((p) => instance.communes.map((c): Move => ({ officerId: p.id, from: null, to: c.code, kind: 'secondment', days: secDays(p) }))),
  ]
  const total = (staff: Map<string, StaffEntry[]>) => [...staff].reduce((x, [c, s]) => x + costs.of(c, s), 0)
  let best: Move[] = []
  let bestCost = total(base)
  const chosen: Move[] = []
  const visit = (i: number, nMoves: number, nSec: number) => {
    if (i === options.length) {
      if (chosen.length === 0) return
      const staff = applyMoves(instance, base, chosen)
      for (const c of instance.communes) {
        const before = permanentHeads(base.get(c.code)!)
        const after = permanentHeads(staff.get(c.code)!)
        if (after < before && after < c.minStaff) return
      }
      const cost = total(staff)
      // Ties: fewer moves, then the lexicographically smallest list (officer ids), so the result is stable.
      const key = chosen.map((m) => `${m.officerId}>${m.to}`).join(' ')
      const tie = Math.abs(cost - bestCost) <= EPS && best.length > 0 &&
        (chosen.length < best.length || (chosen.length === best.length && key < best.map((m) => `${m.officerId}>${m.to}`).join(' ')))
      if (cost < bestCost - EPS || tie) {
        bestCost = cost
        best = chosen.map((m) => ({ ...m }))
      }
      return
    }
    visit(i + 1, nMoves, nSec)
    for (const m of options[i]) {
      const sec = m.kind === 'secondment'
      if (sec ? nSec >= maxSec : nMoves >= maxMoves) continue
      chosen.push(m)
      visit(i + 1, nMoves + (sec ? 0 : 1), nSec + (sec ? 1 : 0))
      chosen.pop()
    }
  }
  visit(0, 0, 0)
  return best
}

function greedyLocal(...[instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays]: Ctx): Move[] {
  let plan: Move[] = []
  let staff = base
  const used = () => new Set(plan.map((m) => m.officerId))
  const count = (kind: Move['kind']) => plan.filter((m) => m.kind === kind).length
  const minStaff = new Map(instance.communes.map((c) => [c.code, c.minStaff]))
  const entry = (o: Officer, days: number, permanent: boolean): StaffEntry => ({ officerId: o.id, skills: o.skills, fte: o.fte, days, permanent })

  /** Gain of changing the staff of some communes: Σ old cost − Σ new cost. */
  const gainOf = (changes: [string, StaffEntry[]][]) => changes.reduce((g, [c, s]) => g + costs.of(c, staff.get(c)!) - costs.of(c, s), 0)
  const without = (c: string, officerId: string) => staff.get(c)!.filter((e) => e.officerId !== officerId)
  const canLose = (c: string, officerId: string) => {
    const e = staff.get(c)!.find((x) => x.officerId === officerId)
    return !e?.permanent || permanentHeads(staff.get(c)!) - 1 >= minStaff.get(c)! || permanentHeads(staff.get(c)!) - 1 >= permanentHeads(base.get(c)!)
  }

  const bestAddition = (): Candidate | null => {
    let best: Candidate | null = null
    const taken = used()
    const consider = (move: Move, changes: [string, StaffEntry[]][]) => {
      const gain = gainOf(changes)
      if (gain > EPS && (!best || gain > best.gain + EPS)) best = { move, gain }
    }
    if (count('move') < maxMoves) {
      const seen = new Set<string>()
      for (const o of officers) {
        const from = o.commune!
        const key = from + '/' + classKey(o, Infinity)
        if (taken.has(o.id) || seen.has(key) || !canLose(from, o.id)) continue
        seen.add(key)
        const src = without(from, o.id)
        for (const to of reach.get(from)!)
          consider({ officerId: o.id, from, to, kind: 'move' }, [[from, src], [to, [...staff.get(to)!, entry(o, Infinity, true)]]])
      }
    }
    if (count('secondment') < maxSec) {
      const seen = new Set<string>()
      for (const p of provincial) {
        const key = classKey(p, secDays(p))
        if (taken.has(p.id) || seen.has(key)) continue
        seen.add(key)
        for (const c of instance.communes)
          consider({ officerId: p.id, from: null, to: c.code, kind: 'secondment', days: secDays(p) }, [[c.code, [...staff.get(c.code)!, entry(p, secDays(p), false)]]])
      }
    }
    return best
  }

  /** Best change to one existing move: drop it, or send the same officer elsewhere. */
  const bestChange = (): { index: number; replacement: Move | null; gain: number } | null => {
    let best: { index: number; replacement: Move | null; gain: number } | null = null
    plan.forEach((m, index) => {
      const rest = plan.filter((_, k) => k !== index)
      const restStaff = applyMoves(instance, base, rest)
      const touched = new Set([m.to, ...(m.from ? [m.from] : [])])
      const gainTo = (s: Map<string, StaffEntry[]>, extra: string[]) => {
        const cs = new Set([...touched, ...extra])
        let g = 0
        for (const c of cs) g += costs.of(c, staff.get(c)!) - costs.of(c, s.get(c)!)
        return g
      }
      // Drop: the destination must still keep its minimum (it may have sent its own officers away since).
      const dropOk = instance.communes.every((c) => permanentHeads(restStaff.get(c.code)!) >= Math.min(c.minStaff, permanentHeads(base.get(c.code)!)))
      if (dropOk) {
        const g = gainTo(restStaff, [])
        if (g > EPS && (!best || g > best.gain + EPS)) best = { index, replacement: null, gain: g }
      }
      const targets = m.kind === 'move' ? reach.get(m.from!)! : instance.communes.map((c) => c.code)
      for (const to of targets) {
        if (to === m.to) continue
        const r: Move = { ...m, to }
        const s = applyMoves(instance, restStaff, [r])
        if (!dropOk && permanentHeads(s.get(m.to)!) < Math.min(minStaff.get(m.to)!, permanentHeads(base.get(m.to)!))) continue
        const g = gainTo(s, [to])
        if (g > EPS && (!best || g > best.gain + EPS)) best = { index, replacement: r, gain: g }
      }
    })
    return best
  }

  for (let round = 0; round < 10_000; round++) {
    const add = bestAddition()
    if (add) {
      plan = [...plan, add.move]
      staff = applyMoves(instance, base, plan)
      continue
    }
    const change = bestChange()
    if (!change) break
    plan = change.replacement ? plan.map((m, k) => (k === change.index ? change.replacement! : m)) : plan.filter((_, k) => k !== change.index)
    staff = applyMoves(instance, base, plan)
  }
  return plan
}
