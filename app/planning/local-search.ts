/**
 * Greedy + local search on the assignment "where is each person now" (officers: home or a commune within reach
 * of home; provincial officials: not seconded or one commune). The move list is what differs from home.
 *
 * Every step applies the best strictly improving change among
 *  - relocate: one person goes elsewhere (a new move, a re-targeted move, a move or secondment undone);
 *  - exchange: a move or secondment is undone and another person relocated in the same step (the only way to
 *    improve a plan that has used all its moves or secondments);
 *  - swap: two officers of different skill classes in two communes trade places;
 * and stops when none of them improves the objective (`descend`); then `kick` rounds of iterated local search.
 * Commune costs are cached by staff signature, and per commune the cost of adding, removing or trading each
 * skill class is kept in tables that are rebuilt only for the communes a step changed, so a scan of every
 * relocation or swap is table look-ups (`Placement`).
 */
import type { Move } from './model.ts'
import { peopleOf, Placement, type Person } from './placement.ts'
import { EPS, type SearchInput } from './search.ts'

type Relocation = { p: Person; to: string | null; d: number }

/** Best single relocation (cost change < −EPS) under the current counts; people with the same class, place and home are tried once. */
function bestRelocation(s: Placement, exclude: string | null = null): Relocation | null {
  const { maxMoves, maxSec } = s.input
  let best: Relocation | null = null
  const seen = new Set<string>()
  for (const p of s.people) {
    if (p.id === exclude) continue
    const from = s.loc.get(p.id)!
    const key = `${p.cls}|${from}|${p.home}`
    if (seen.has(key)) continue
    seen.add(key)
    if (!s.mayLeave(p, from)) continue
    const leave = from === null ? 0 : s.remD(from, p)
    for (const to of p.options) {
      if (to === from) continue
      if (s.nMoves + s.moveDelta(p, from, to) > maxMoves || s.nSec + s.secDelta(p, from, to) > maxSec) continue
      const d = leave + (to === null ? 0 : s.addD(to, p))
      if (d < -EPS && (!best || d < best.d - EPS)) best = { p, to, d }
    }
  }
  return best
}

/** Best "undo one move or secondment, then relocate someone else" when a limit is reached. */
function bestExchange(s: Placement): (Relocation & { q: Person }) | null {
  const { maxMoves, maxSec } = s.input
  if (s.nMoves < maxMoves && s.nSec < maxSec) return null
  let best: (Relocation & { q: Person }) | null = null
  for (const [id] of [...s.order].sort((a, b) => a[1] - b[1])) {
    const q = s.byId.get(id)!
    const at = s.loc.get(id)!
    if (q.permanent ? s.nMoves < maxMoves : s.nSec < maxSec) continue // only undo what frees a limit that binds
    if (!s.mayLeave(q, at)) continue // its destination may rely on it for the minimum
    const before = s.total()
    s.relocate(q, q.home)
    const undo = s.total() - before
    const r = bestRelocation(s, q.id)
    s.relocate(q, at)
    if (r && r.d + undo < -EPS && (!best || r.d + undo < best.d - EPS)) best = { q, p: r.p, to: r.to, d: r.d + undo }
  }
  return best
}

/** Best swap of two officers in different communes (each within the other's reach, counts respected). */
function bestSwap(s: Placement): { a: Person; b: Person; d: number } | null {
  let best: { a: Person; b: Person; d: number } | null = null
  const reps = new Map<string, Person>()
  for (const p of s.people) {
    if (!p.permanent) continue
    const key = `${p.cls}|${s.loc.get(p.id)}|${p.home}`
    if (!reps.has(key)) reps.set(key, p)
  }
  const list = [...reps.values()]
  for (let i = 0; i < list.length; i++) {
    const a = list[i]
    const la = s.loc.get(a.id)!
    for (let j = i + 1; j < list.length; j++) {
      const b = list[j]
      const lb = s.loc.get(b.id)!
      if (la === lb || a.cls === b.cls || !a.allowed.has(lb) || !b.allowed.has(la)) continue
      if (s.nMoves + s.moveDelta(a, la, lb) + s.moveDelta(b, lb, la) > s.input.maxMoves) continue
      const d = s.tradeD(la!, a, b) + s.tradeD(lb!, b, a)
      if (d < -EPS && (!best || d < best.d - EPS)) best = { a, b, d }
    }
  }
  return best
}

/** Applies the best improving relocation, else exchange, else swap, until none improves. */
function descend(s: Placement): void {
  for (let round = 0; round < 100_000; round++) {
    const r = bestRelocation(s)
    if (r) {
      s.relocate(r.p, r.to)
      continue
    }
    const x = bestExchange(s)
    if (x) {
      s.relocate(x.q, x.q.home)
      s.relocate(x.p, x.to)
      continue
    }
    const w = bestSwap(s)
    if (w) {
      const la = s.loc.get(w.a.id)!
      const lb = s.loc.get(w.b.id)!
      s.relocate(w.a, lb)
      s.relocate(w.b, la)
      continue
    }
    break
  }
}

/** mulberry32: a seeded generator, so a proposal is reproducible. */
function seededRandom(seed = 0x9e3779b9): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Iterated local search: undo a few moves at random, descend again, keep the result only if it is better.
 * A fixed number of rounds, not a clock.
 */
function kick(s: Placement, rounds: number): void {
  let bestCost = s.total()
  let bestState = new Map(s.loc)
  const rand = seededRandom()
  for (let k = 0; k < rounds && s.order.size > 0; k++) {
    const moved = [...s.order.keys()]
    const n = 1 + Math.floor(rand() * Math.min(8, moved.length))
    for (let i = 0; i < n; i++) {
      const id = moved.splice(Math.floor(rand() * moved.length), 1)[0]
      const p = s.byId.get(id)!
      const at = s.loc.get(id)!
      if (!s.mayLeave(p, at)) continue
      s.relocate(p, p.home)
    }
    descend(s)
    const c = s.total()
    if (c < bestCost - EPS) {
      bestCost = c
      bestState = new Map(s.loc)
    } else for (const p of s.people) if (s.loc.get(p.id) !== bestState.get(p.id)) s.relocate(p, bestState.get(p.id)!)
  }
}

/** The moves and secondments of a placement, in the order they were first made. */
function movesOf(s: Placement): Move[] {
  return [...s.order]
    .sort((a, b) => a[1] - b[1])
    .map(([id]): Move => {
      const p = s.byId.get(id)!
      const to = s.loc.get(id)!
      return p.permanent
        ? { officerId: id, from: p.home, to: to!, kind: 'move' }
        : { officerId: id, from: null, to: to!, kind: 'secondment', days: p.entry.days }
    })
}

export function greedyLocal(kicks: number, input: SearchInput): Move[] {
  const { people, classes } = peopleOf(input)
  const s = new Placement(input, people, classes)
  descend(s)
  kick(s, kicks)
  return movesOf(s)
}
