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
 *  - Otherwise greedy + local search on "where is each person now" (greedyLocal below): the best strictly
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
    const key =
      code +
      '|' +
      staff
        .map((s) => `${s.skills.join(',')}:${s.fte}:${s.days}`)
        .sort()
        .join(';')
    let v = this.cache.get(key)
    if (v === undefined) {
      this.evaluations++
      v = predictCommune(this.loads.get(code)!, staff, this.instance.fields, this.instance.horizonDays, this.model).objective
      this.cache.set(key, v)
    }
    return v
  }
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
  const moves =
    combos <= exactLimit
      ? exact(instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays)
      : greedyLocal(opts.kicks ?? DEFAULT_KICKS, instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays)

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

type Ctx = [
  PlanningInstance,
  Costs,
  Map<string, StaffEntry[]>,
  Officer[],
  ProvincialOfficial[],
  Map<string, string[]>,
  number,
  number,
  (p: ProvincialOfficial) => number,
]

function exact(...[instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays]: Ctx): Move[] {
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

/**
 * Greedy + local search on the assignment "where is each person now" (officers: home or a commune within reach
 * of home; provincial officials: not seconded or one commune). The move list is what differs from home.
 *
 * Every step applies the best strictly improving change among
 *  - relocate: one person goes elsewhere (a new move, a re-targeted move, a move or secondment undone);
 *  - exchange: a move or secondment is undone and another person relocated in the same step (the only way to
 *    improve a plan that has used all its moves or secondments);
 *  - swap: two officers of different skill classes in two communes trade places;
 * and stops when none of them improves the objective. Commune costs are cached by staff signature, and per
 * commune the cost of adding, removing or trading each skill class is kept in tables that are rebuilt only
 * for the communes a step changed, so a scan of every relocation or swap is table look-ups.
 */
function greedyLocal(kicks: number, ...[instance, costs, base, officers, provincial, reach, maxMoves, maxSec, secDays]: Ctx): Move[] {
  interface Person {
    id: string
    home: string | null
    permanent: boolean
    /** Skill class (interchangeable for the model), as a small integer. */
    cls: number
    entry: StaffEntry
    /** Where the person may be: home (or out, for a provincial official) first, then the destinations. */
    options: (string | null)[]
    /** Destinations as a set, for the swap check. */
    allowed: Set<string | null>
  }
  const communeCodes = instance.communes.map((c) => c.code)
  const classIds = new Map<string, number>()
  const clsOf = (key: string) => {
    let k = classIds.get(key)
    if (k === undefined) classIds.set(key, (k = classIds.size))
    return k
  }
  const people: Person[] = [
    ...officers.map((o): Person => {
      const options = [o.commune!, ...reach.get(o.commune!)!]
      return {
        id: o.id,
        home: o.commune,
        permanent: true,
        cls: clsOf(classKey(o, Infinity)),
        entry: base.get(o.commune!)!.find((e) => e.officerId === o.id)!,
        options,
        allowed: new Set(options),
      }
    }),
    ...provincial.map((p): Person => {
      const options = [null, ...communeCodes]
      return {
        id: p.id,
        home: null,
        permanent: false,
        cls: clsOf(classKey(p, secDays(p))),
        entry: { officerId: p.id, skills: p.skills, fte: p.fte, days: secDays(p), permanent: false },
        options,
        allowed: new Set(options),
      }
    }),
  ]
  const byId = new Map(people.map((p) => [p.id, p]))
  const loc = new Map<string, string | null>(people.map((p) => [p.id, p.home]))
  const staff = new Map([...base].map(([c, s]) => [c, [...s]]))
  const heads = new Map(communeCodes.map((c) => [c, permanentHeads(base.get(c)!)]))
  const keep = new Map(instance.communes.map((c) => [c.code, Math.min(c.minStaff, heads.get(c.code)!)]))
  let nMoves = 0
  let nSec = 0
  /** Order in which moves were first made (the proposal lists them in that order). */
  const order = new Map<string, number>()
  let seq = 0

  const cur = new Map(communeCodes.map((c) => [c, costs.of(c, staff.get(c)!)]))
  // Per commune, the cost change of adding / removing one person of class k, and of trading class k out for
  // class j (NaN = not computed yet); a commune's tables are cleared when its staff changes.
  const K = classIds.size
  const addT = new Map<string, Float64Array>()
  const remT = new Map<string, Float64Array>()
  const swapT = new Map<string, Float64Array>()
  const tableOf = (t: Map<string, Float64Array>, c: string, size: number) => {
    let m = t.get(c)
    if (!m) t.set(c, (m = new Float64Array(size).fill(NaN)))
    return m
  }
  /** Cost change of commune c when p joins it. */
  const addD = (c: string, p: Person) => {
    const m = tableOf(addT, c, K)
    let v = m[p.cls]
    if (Number.isNaN(v)) m[p.cls] = v = costs.of(c, [...staff.get(c)!, p.entry]) - cur.get(c)!
    return v
  }
  /** Cost change of commune c when p (who is there) leaves it. */
  const remD = (c: string, p: Person) => {
    const m = tableOf(remT, c, K)
    let v = m[p.cls]
    if (Number.isNaN(v))
      m[p.cls] = v =
        costs.of(
          c,
          staff.get(c)!.filter((e) => e.officerId !== p.id),
        ) - cur.get(c)!
    return v
  }
  /** Cost change of commune c when `out` (who is there) is replaced by `inn`. */
  const tradeD = (c: string, out: Person, inn: Person) => {
    const m = tableOf(swapT, c, K * K)
    const k = out.cls * K + inn.cls
    let v = m[k]
    if (Number.isNaN(v)) m[k] = v = costs.of(c, [...staff.get(c)!.filter((e) => e.officerId !== out.id), inn.entry]) - cur.get(c)!
    return v
  }
  const moveDelta = (p: Person, from: string | null, to: string | null) =>
    p.permanent ? (from === p.home ? 1 : 0) - (to === p.home ? 1 : 0) : 0
  const secDelta = (p: Person, from: string | null, to: string | null) =>
    p.permanent ? 0 : (from === null ? 1 : 0) - (to === null ? 1 : 0)

  /** Whether p may leave where it is now: an officer may not take a commune below the staff it must keep. */
  const mayLeave = (p: Person, at: string | null) => !p.permanent || at === null || heads.get(at)! - 1 >= keep.get(at)!
  /** The objective: the sum of the communes' current costs. */
  const total = () => [...cur.values()].reduce((x, y) => x + y, 0)

  const relocate = (p: Person, to: string | null) => {
    const from = loc.get(p.id)!
    nMoves += moveDelta(p, from, to)
    nSec += secDelta(p, from, to)
    if (from !== null) {
      staff.set(
        from,
        staff.get(from)!.filter((e) => e.officerId !== p.id),
      )
      if (p.permanent) heads.set(from, heads.get(from)! - 1)
    }
    if (to !== null) {
      staff.set(to, [...staff.get(to)!, p.entry])
      if (p.permanent) heads.set(to, heads.get(to)! + 1)
    }
    loc.set(p.id, to)
    if (to === p.home) order.delete(p.id)
    else if (!order.has(p.id)) order.set(p.id, seq++)
    for (const c of [from, to]) {
      if (c === null) continue
      cur.set(c, costs.of(c, staff.get(c)!))
      addT.delete(c)
      remT.delete(c)
      swapT.delete(c)
    }
  }

  /** Best single relocation (cost change < −EPS) under the current counts; people with the same class, place and home are tried once. */
  const bestRelocation = (exclude: string | null = null): { p: Person; to: string | null; d: number } | null => {
    let best: { p: Person; to: string | null; d: number } | null = null
    const seen = new Set<string>()
    for (const p of people) {
      if (p.id === exclude) continue
      const from = loc.get(p.id)!
      const key = `${p.cls}|${from}|${p.home}`
      if (seen.has(key)) continue
      seen.add(key)
      if (!mayLeave(p, from)) continue
      const leave = from === null ? 0 : remD(from, p)
      for (const to of p.options) {
        if (to === from) continue
        if (nMoves + moveDelta(p, from, to) > maxMoves || nSec + secDelta(p, from, to) > maxSec) continue
        const d = leave + (to === null ? 0 : addD(to, p))
        if (d < -EPS && (!best || d < best.d - EPS)) best = { p, to, d }
      }
    }
    return best
  }

  /** Best "undo one move or secondment, then relocate someone else" when a limit is reached. */
  const bestExchange = (): { q: Person; p: Person; to: string | null; d: number } | null => {
    if (nMoves < maxMoves && nSec < maxSec) return null
    let best: { q: Person; p: Person; to: string | null; d: number } | null = null
    for (const [id] of [...order].sort((a, b) => a[1] - b[1])) {
      const q = byId.get(id)!
      const at = loc.get(id)!
      if (q.permanent ? nMoves < maxMoves : nSec < maxSec) continue // only undo what frees a limit that binds
      if (!mayLeave(q, at)) continue // its destination may rely on it for the minimum
      const before = total()
      relocate(q, q.home)
      const undo = total() - before
      const r = bestRelocation(q.id)
      relocate(q, at)
      if (r && r.d + undo < -EPS && (!best || r.d + undo < best.d - EPS)) best = { q, p: r.p, to: r.to, d: r.d + undo }
    }
    return best
  }

  /** Best swap of two officers in different communes (each within the other's reach, counts respected). */
  const bestSwap = (): { a: Person; b: Person; d: number } | null => {
    let best: { a: Person; b: Person; d: number } | null = null
    const reps = new Map<string, Person>()
    for (const p of people) {
      if (!p.permanent) continue
      const key = `${p.cls}|${loc.get(p.id)}|${p.home}`
      if (!reps.has(key)) reps.set(key, p)
    }
    const list = [...reps.values()]
    for (let i = 0; i < list.length; i++) {
      const a = list[i]
      const la = loc.get(a.id)!
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j]
        const lb = loc.get(b.id)!
        if (la === lb || a.cls === b.cls || !a.allowed.has(lb) || !b.allowed.has(la)) continue
        if (nMoves + moveDelta(a, la, lb) + moveDelta(b, lb, la) > maxMoves) continue
        const d = tradeD(la!, a, b) + tradeD(lb!, b, a)
        if (d < -EPS && (!best || d < best.d - EPS)) best = { a, b, d }
      }
    }
    return best
  }

  const descend = () => {
    for (let round = 0; round < 100_000; round++) {
      const r = bestRelocation()
      if (r) {
        relocate(r.p, r.to)
        continue
      }
      const x = bestExchange()
      if (x) {
        relocate(x.q, x.q.home)
        relocate(x.p, x.to)
        continue
      }
      const s = bestSwap()
      if (s) {
        const la = loc.get(s.a.id)!
        const lb = loc.get(s.b.id)!
        relocate(s.a, lb)
        relocate(s.b, la)
        continue
      }
      break
    }
  }
  descend()

  // Iterated local search: undo a few moves at random (a seeded generator, so a proposal is reproducible),
  // descend again, keep the result only if it is better. A fixed number of rounds, not a clock.
  let bestCost = total()
  let bestState = new Map(loc)
  let state = 0x9e3779b9
  const rand = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  for (let k = 0; k < kicks && order.size > 0; k++) {
    const moved = [...order.keys()]
    const n = 1 + Math.floor(rand() * Math.min(8, moved.length))
    for (let i = 0; i < n; i++) {
      const id = moved.splice(Math.floor(rand() * moved.length), 1)[0]
      const p = byId.get(id)!
      const at = loc.get(id)!
      if (!mayLeave(p, at)) continue
      relocate(p, p.home)
    }
    descend()
    const c = total()
    if (c < bestCost - EPS) {
      bestCost = c
      bestState = new Map(loc)
    } else for (const p of people) if (loc.get(p.id) !== bestState.get(p.id)) relocate(p, bestState.get(p.id)!)
  }

  return [...order]
    .sort((a, b) => a[1] - b[1])
    .map(([id]): Move => {
      const p = byId.get(id)!
      const to = loc.get(id)!
      return p.permanent
        ? { officerId: id, from: p.home, to: to!, kind: 'move' }
        : { officerId: id, from: null, to: to!, kind: 'secondment', days: p.entry.days }
    })
}
