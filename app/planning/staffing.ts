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
 *  - Otherwise greedy + local search on "where is each person now" (greedyLocal, app/planning/local-search.ts): the best strictly
 *    improving step among relocating one person (a new move, a re-targeted or undone move or secondment),
 *    exchanging one (undo one move, make another: the way past a binding move limit) and swapping two
 *    officers of different skill classes, until none improves; then 50 rounds of iterated local search (undo
 *    a few moves chosen by a seeded generator, descend again, keep only an improvement). The result is a local
 *    optimum for that neighbourhood and is reproducible; no approximation factor is claimed (the objective is
 *    not submodular in general).
 * Commune costs depend only on who works there, so they are cached by staff signature: a step re-evaluates
 * only the communes whose staff a candidate changes.
 */
import { reachableFrom } from './adjacency.ts'
import { applyMoves, currentStaff, evaluatePlan, hasSkill, movablePositions, permanentHeads, type StaffEntry } from './evaluate.ts'
import { greedyLocal } from './local-search.ts'
import type { Move, Officer, PlanEvaluation, PlanningInstance, ProvincialOfficial } from './model.ts'
import { Costs, EPS, type SearchInput } from './search.ts'

export interface Proposal {
  method: 'exact' | 'greedy+local'
  guarantee: string
  moves: Move[]
  evaluation: PlanEvaluation
  /** Commune evaluations performed (a measure of the work done). */
  evaluations: number
}

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

/** Perturbation rounds of the iterated local search (see greedyLocal). */
export const DEFAULT_KICKS = 50

export function proposePlan(instance: PlanningInstance, opts: { exactLimit?: number; kicks?: number } = {}): Proposal {
  const costs = new Costs(instance)
  const base = currentStaff(instance)
  const communeCodes = instance.communes.map((c) => c.code)
  const minStaff = new Map(instance.communes.map((c) => [c.code, c.minStaff]))
  const movable = movablePositions(instance)
  const officers = instance.officers
    .filter((o) => o.commune !== null && movable.includes(o.position) && minStaff.has(o.commune))
    .sort((a, b) => a.id.localeCompare(b.id))
  const provincial = [...instance.provincial].sort((a, b) => a.id.localeCompare(b.id))
  const reach = new Map(
    communeCodes.map((c) => [c, reachableFrom(instance.reach, c, instance.constraints.rule).filter((d) => minStaff.has(d))]),
  )
  const maxMoves = instance.constraints.maxMoves
  const maxSec = Math.min(instance.constraints.maxSecondments ?? provincial.length, provincial.length)
  const secDays = (p: ProvincialOfficial) => p.availableDays

  const exactLimit = opts.exactLimit ?? 20_000
  let combos = 1
  for (const o of officers) combos *= 1 + reach.get(o.commune!)!.length
  for (let i = 0; i < provincial.length && combos <= exactLimit; i++) combos *= 1 + communeCodes.length
  const input: SearchInput = { instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays }
  const moves = combos <= exactLimit ? exact(input) : greedyLocal(opts.kicks ?? DEFAULT_KICKS, input)

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
    guarantee:
      method === 'exact'
        ? 'optimal for the model: every feasible combination of moves was evaluated'
        : 'local optimum: no single added, removed or re-targeted move, exchange of moves or swap of two officers lowers the predicted objective (no approximation factor)',
    moves,
    evaluation,
    evaluations: costs.evaluations,
  }
}

function exact({ instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays }: SearchInput): Move[] {
  const options: Move[][] = [
    ...officers.map((o) => reach.get(o.commune!)!.map((to): Move => ({ officerId: o.id, from: o.commune, to, kind: 'move' }))),
    ...provincial.map((p) =>
      instance.communes.map((c): Move => ({ officerId: p.id, from: null, to: c.code, kind: 'secondment', days: secDays(p) })),
    ),
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
      const tie =
        Math.abs(cost - bestCost) <= EPS &&
        best.length > 0 &&
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
