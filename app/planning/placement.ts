/**
 * The local search's state (local-search.ts): everyone the planner may place, where each is now, the staff and
 * cost of every commune, the moves and secondments used, and the cached cost changes of adding, removing or
 * trading a skill class in a commune.
 */
import { permanentHeads, type StaffEntry } from './evaluate.ts'
import { classKey, type SearchInput } from './search.ts'

export interface Person {
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

/** Everyone the search may place, with their skill classes numbered; `classes` is how many there are. */
export function peopleOf({ instance, base, officers, provincial, reach, secDays }: SearchInput): { people: Person[]; classes: number } {
  const communeCodes = instance.communes.map((c) => c.code)
  const classIds = new Map<string, number>()
  const clsOf = (key: string) => {
    let k = classIds.get(key)
    if (k === undefined) classIds.set(key, (k = classIds.size))
    return k
  }
  const person = (id: string, home: string | null, cls: number, entry: StaffEntry, options: (string | null)[]): Person => ({
    id,
    home,
    permanent: home !== null,
    cls,
    entry,
    options,
    allowed: new Set(options),
  })
  const people: Person[] = [
    ...officers.map((o) =>
      person(
        o.id,
        o.commune,
        clsOf(classKey(o, Infinity)),
        base.get(o.commune!)!.find((e) => e.officerId === o.id)!,
        [o.commune!, ...reach.get(o.commune!)!],
      ),
    ),
    ...provincial.map((p) =>
      person(
        p.id,
        null,
        clsOf(classKey(p, secDays(p))),
        { officerId: p.id, skills: p.skills, fte: p.fte, days: secDays(p), permanent: false },
        [null, ...communeCodes],
      ),
    ),
  ]
  return { people, classes: classIds.size }
}

/**
 * Where everyone is, the staff and cost of every commune, the moves and secondments used, and per commune the
 * cost change of adding, removing or trading each skill class (NaN = not computed yet; a commune's tables are
 * cleared when its staff changes).
 */
export class Placement {
  readonly byId: Map<string, Person>
  readonly loc: Map<string, string | null>
  readonly staff: Map<string, StaffEntry[]>
  readonly heads: Map<string, number>
  readonly keep: Map<string, number>
  readonly cur: Map<string, number>
  nMoves = 0
  nSec = 0
  /** Order in which moves were first made (the proposal lists them in that order). */
  readonly order = new Map<string, number>()
  private seq = 0
  private readonly addT = new Map<string, Float64Array>()
  private readonly remT = new Map<string, Float64Array>()
  private readonly swapT = new Map<string, Float64Array>()

  constructor(
    readonly input: SearchInput,
    readonly people: Person[],
    private readonly classes: number,
  ) {
    const { instance, base, costs } = input
    const communeCodes = instance.communes.map((c) => c.code)
    this.byId = new Map(people.map((p) => [p.id, p]))
    this.loc = new Map<string, string | null>(people.map((p) => [p.id, p.home]))
    this.staff = new Map([...base].map(([c, s]) => [c, [...s]]))
    this.heads = new Map(communeCodes.map((c) => [c, permanentHeads(base.get(c)!)]))
    this.keep = new Map(instance.communes.map((c) => [c.code, Math.min(c.minStaff, this.heads.get(c.code)!)]))
    this.cur = new Map(communeCodes.map((c) => [c, costs.of(c, this.staff.get(c)!)]))
  }

  private tableOf(t: Map<string, Float64Array>, c: string, size: number): Float64Array {
    let m = t.get(c)
    if (!m) t.set(c, (m = new Float64Array(size).fill(NaN)))
    return m
  }
  /** Cost change of commune c when p joins it. */
  addD(c: string, p: Person): number {
    const m = this.tableOf(this.addT, c, this.classes)
    let v = m[p.cls]
    if (Number.isNaN(v)) m[p.cls] = v = this.input.costs.of(c, [...this.staff.get(c)!, p.entry]) - this.cur.get(c)!
    return v
  }
  /** Cost change of commune c when p (who is there) leaves it. */
  remD(c: string, p: Person): number {
    const m = this.tableOf(this.remT, c, this.classes)
    let v = m[p.cls]
    if (Number.isNaN(v))
      m[p.cls] = v =
        this.input.costs.of(
          c,
          this.staff.get(c)!.filter((e) => e.officerId !== p.id),
        ) - this.cur.get(c)!
    return v
  }
  /** Cost change of commune c when `out` (who is there) is replaced by `inn`. */
  tradeD(c: string, out: Person, inn: Person): number {
    const K = this.classes
    const m = this.tableOf(this.swapT, c, K * K)
    const k = out.cls * K + inn.cls
    let v = m[k]
    if (Number.isNaN(v))
      m[k] = v = this.input.costs.of(c, [...this.staff.get(c)!.filter((e) => e.officerId !== out.id), inn.entry]) - this.cur.get(c)!
    return v
  }
  moveDelta(p: Person, from: string | null, to: string | null): number {
    return p.permanent ? (from === p.home ? 1 : 0) - (to === p.home ? 1 : 0) : 0
  }
  secDelta(p: Person, from: string | null, to: string | null): number {
    return p.permanent ? 0 : (from === null ? 1 : 0) - (to === null ? 1 : 0)
  }
  /** Whether p may leave where it is now: an officer may not take a commune below the staff it must keep. */
  mayLeave(p: Person, at: string | null): boolean {
    return !p.permanent || at === null || this.heads.get(at)! - 1 >= this.keep.get(at)!
  }
  /** The objective: the sum of the communes' current costs. */
  total(): number {
    return [...this.cur.values()].reduce((x, y) => x + y, 0)
  }

  relocate(p: Person, to: string | null): void {
    const from = this.loc.get(p.id)!
    this.nMoves += this.moveDelta(p, from, to)
    this.nSec += this.secDelta(p, from, to)
    if (from !== null) {
      this.staff.set(
        from,
        this.staff.get(from)!.filter((e) => e.officerId !== p.id),
      )
      if (p.permanent) this.heads.set(from, this.heads.get(from)! - 1)
    }
    if (to !== null) {
      this.staff.set(to, [...this.staff.get(to)!, p.entry])
      if (p.permanent) this.heads.set(to, this.heads.get(to)! + 1)
    }
    this.loc.set(p.id, to)
    if (to === p.home) this.order.delete(p.id)
    else if (!this.order.has(p.id)) this.order.set(p.id, this.seq++)
    for (const c of [from, to]) {
      if (c === null) continue
      this.cur.set(c, this.input.costs.of(c, this.staff.get(c)!))
      this.addT.delete(c)
      this.remT.delete(c)
      this.swapT.delete(c)
    }
  }
}
