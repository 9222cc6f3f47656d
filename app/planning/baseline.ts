/**
 * The bench's baseline for the staffing planner: the same total headcount assigned in proportion to each
 * commune's share of dossiers, evaluated with the same model (predict.ts).
 *
 * Apportionment: Hamilton's largest-remainder method on dossiers per day, with every commune raised to its
 * minimum staff first (communes held at the minimum drop out and the rest is re-apportioned among the others,
 * repeated until stable). Who fills the seats, two variants:
 *  - 'people' (the fair one): the actual officers (their skills and FTE, every position) are dealt to the
 *    seats like cards — sorted by skill set, each to the commune with the largest share of its seats still
 *    empty — so every commune gets the province's skill mix in proportion; the model then enforces skills as
 *    it does for the plan;
 *  - 'generalists' (generous): every seat is a generalist with the pool's mean FTE — no skill constraint at all.
 * Both ignore distance and positions (a director is dealt like anyone), so the baseline is never handicapped.
 * `proportionalRule` is the same rule applied by hand under the plan's constraints (a move limit, reach).
 */
import { reachableFrom } from './adjacency.ts'
import { predictCommune } from '../kpi/predict.ts'
import { hasSkill, modelOf, movablePositions, totals } from './evaluate.ts'
import type { CommunePrediction, Move, Officer, PlanningInstance, Totals } from './model.ts'

/** Largest-remainder apportionment of `total` seats by `weights`, with per-key minimums. */
export function apportion(total: number, weights: ReadonlyMap<string, number>, minimum: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>()
  let free = new Set(weights.keys())
  let left = total
  for (;;) {
    const w = [...free].reduce((s, k) => s + (weights.get(k) ?? 0), 0)
    const quota = new Map([...free].map((k) => [k, w > 0 ? (left * (weights.get(k) ?? 0)) / w : left / free.size]))
    const pinned = [...free].filter((k) => quota.get(k)! < (minimum.get(k) ?? 0))
    if (pinned.length === 0 || left <= 0) {
      const floors = new Map([...free].map((k) => [k, Math.floor(quota.get(k)!)]))
      let rest = left - [...floors.values()].reduce((s, x) => s + x, 0)
      const order = [...free].sort((a, b) => quota.get(b)! - floors.get(b)! - (quota.get(a)! - floors.get(a)!) || a.localeCompare(b))
      for (const k of order) out.set(k, floors.get(k)! + (rest-- > 0 ? 1 : 0))
      return out
    }
    for (const k of pinned) {
      out.set(k, minimum.get(k) ?? 0)
      left -= minimum.get(k) ?? 0
    }
    free = new Set([...free].filter((k) => !pinned.includes(k)))
    if (free.size === 0) return out
  }
}

export interface BaselineResult {
  heads: Map<string, number>
  communes: CommunePrediction[]
  province: Totals
  /**
   * How much moving it takes: `heads` = officers who must leave their commune for the seat counts alone
   * (Σ current − seats where positive); `people` = officers the dealing by skill set places in another commune
   * than theirs (null for 'generalists'). Provincial officials are not counted.
   */
  moved: { heads: number; people: number | null }
}

export interface BaselinePerson {
  id: string
  skills: readonly string[]
  fte: number
}

/** Deals `people` to seats: sorted by skill set, each to the commune with the largest share of seats still empty. */
export function dealPeople(people: readonly BaselinePerson[], seats: ReadonlyMap<string, number>): Map<string, BaselinePerson[]> {
  const out = new Map<string, BaselinePerson[]>([...seats.keys()].map((k) => [k, []]))
  const sorted = [...people].sort(
    (a, b) =>
      [...a.skills]
        .sort()
        .join(',')
        .localeCompare([...b.skills].sort().join(',')) ||
      a.fte - b.fte ||
      a.id.localeCompare(b.id),
  )
  const codes = [...seats.keys()].sort()
  for (const p of sorted) {
    let best: string | null = null
    let bestShare = 0
    for (const c of codes) {
      const q = seats.get(c)!
      const share = q > 0 ? (q - out.get(c)!.length) / q : 0
      if (share > bestShare + 1e-12) {
        best = c
        bestShare = share
      }
    }
    if (best === null) break
    out.get(best)!.push(p)
  }
  return out
}

/** Dossiers per day of each commune: the weights seats are apportioned by. */
const dossierWeights = (instance: PlanningInstance) =>
  new Map(instance.communes.map((c) => [c.code, Object.values(c.dossiersPerDay).reduce((s, x) => s + x, 0)]))

/** Current permanent heads of each commune of the instance (0 where none). */
function currentHeads(instance: PlanningInstance): Map<string, number> {
  const heads = new Map(instance.communes.map((c) => [c.code, 0]))
  for (const o of instance.officers) if (o.commune && heads.has(o.commune)) heads.set(o.commune, heads.get(o.commune)! + 1)
  return heads
}

/** `people` = everyone to place (current staff + the secondees the plan uses); their number is the headcount. */
export function proportionalBaseline(
  instance: PlanningInstance,
  people: readonly BaselinePerson[],
  variant: 'people' | 'generalists' = 'people',
): BaselineResult {
  const heads = apportion(people.length, dossierWeights(instance), new Map(instance.communes.map((c) => [c.code, c.minStaff])))
  const meanFte = people.reduce((s, p) => s + p.fte, 0) / Math.max(1, people.length)
  const dealt = variant === 'people' ? dealPeople(people, heads) : null
  const model = modelOf(instance)
  const communes = instance.communes.map((c) => {
    const staff = dealt
      ? dealt.get(c.code)!.map((p) => ({ skills: p.skills, fte: p.fte, days: Infinity }))
      : Array.from({ length: heads.get(c.code) ?? 0 }, () => ({ skills: [] as string[], fte: meanFte, days: Infinity }))
    const { objective: _o, ...p } = predictCommune(c, staff, instance.fields, instance.horizonDays, model)
    return p
  })
  const current = currentHeads(instance)
  const home = new Map(instance.officers.map((o) => [o.id, o.commune]))
  const moved = {
    heads: [...current].reduce((n, [code, k]) => n + Math.max(0, k - (heads.get(code) ?? 0)), 0),
    people: dealt ? [...dealt].reduce((n, [code, ps]) => n + ps.filter((p) => home.has(p.id) && home.get(p.id) !== code).length, 0) : null,
  }
  return { heads, communes, province: totals(communes), moved }
}

/**
 * The proportional rule applied by hand under the plan's own constraints: what an officer of Home Affairs
 * would do with the same move budget and no model. Seats as in `proportionalBaseline` (the staff plus the
 * officials that may be seconded, by dossier share, with the minimums). The provincial officials go first, each
 * to the commune then furthest below its seats (among equals, one whose largest field they cover), for their
 * available days. Then, up to the move limit, the
 * commune furthest below its seats takes one officer from the commune furthest above its seats among those that
 * can reach it by the reach rule and are above their minimum staff. The officer sent is a movable one whose
 * skills cover the receiving commune's largest field, else any movable one. Ties go in code and id order.
 */
export function proportionalRule(instance: PlanningInstance): Move[] {
  const secondable = [...instance.provincial]
    .sort((a, b) => a.id.localeCompare(b.id))
    .slice(0, instance.constraints.maxSecondments ?? instance.provincial.length)
  const minStaff = new Map(instance.communes.map((c) => [c.code, c.minStaff]))
  const seats = apportion(instance.officers.length + secondable.length, dossierWeights(instance), minStaff)
  const heads = currentHeads(instance)
  const gap = (code: string) => seats.get(code)! - heads.get(code)!
  const loads = new Map(instance.communes.map((c) => [c.code, c]))
  const mainField = (code: string) =>
    Object.entries(loads.get(code)!.dossiersPerDay).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]
  const covers = (o: Officer, code: string) => {
    const f = mainField(code)
    return f !== undefined && hasSkill(o, f)
  }
  const byNeed = () => [...heads.keys()].filter((c) => gap(c) > 0).sort((a, b) => gap(b) - gap(a) || a.localeCompare(b))
  const moves: Move[] = []
  for (const p of secondable) {
    const need = byNeed()
    const to = need.find((c) => gap(c) === gap(need[0]!) && covers(p, c)) ?? need[0]
    if (!to) break
    moves.push({ officerId: p.id, from: null, to, kind: 'secondment', days: p.availableDays })
    heads.set(to, heads.get(to)! + 1)
  }
  const movable = new Set(movablePositions(instance))
  const free = instance.officers
    .filter((o) => o.commune && heads.has(o.commune) && movable.has(o.position))
    .sort((a, b) => a.id.localeCompare(b.id))
  const reach = new Map([...heads.keys()].map((c) => [c, new Set(reachableFrom(instance.reach, c, instance.constraints.rule))]))
  for (let k = 0; k < instance.constraints.maxMoves; k++) {
    let chosen: { to: string; from: string } | null = null
    for (const to of byNeed()) {
      const from = [...heads.keys()]
        .filter((d) => gap(d) < 0 && heads.get(d)! > minStaff.get(d)! && reach.get(d)!.has(to) && free.some((o) => o.commune === d))
        .sort((a, b) => gap(a) - gap(b) || a.localeCompare(b))[0]
      if (from) {
        chosen = { to, from }
        break
      }
    }
    if (!chosen) break
    const { to, from } = chosen
    const candidates = free.filter((o) => o.commune === from)
    const o = candidates.find((x) => covers(x, to)) ?? candidates[0]!
    moves.push({ officerId: o.id, from, to, kind: 'move' })
    free.splice(free.indexOf(o), 1)
    heads.set(from, heads.get(from)! - 1)
    heads.set(to, heads.get(to)! + 1)
  }
  return moves
}
