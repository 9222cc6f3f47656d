import { describe, expect, it } from 'vitest'
import { predictCommune } from '../app/kpi/predict.ts'
import { DEFAULT_MODEL } from '../app/planning/model.ts'
import { evaluatePlan } from '../app/planning/evaluate.ts'
import { proposePlan } from '../app/planning/staffing.ts'
import { apportion, dealPeople, proportionalBaseline, proportionalRule } from '../app/planning/baseline.ts'
import { load, threeCommunes } from './planning-fixtures.ts'

const fields = { dat_dai: { backOfficeHours: 4, allowanceDays: 2 }, ho_tich: { backOfficeHours: 1, allowanceDays: 1 } }
const land = (n: number, days = Infinity) => Array.from({ length: n }, () => ({ skills: ['dat_dai'], fte: 1, days }))

describe('predict: the fluid back-office model, worked by hand', () => {
  it('16 h of land work a day for one 8-hour land officer: 10 of the 20 dossiers of the 5 days are late; none with two officers', () => {
    // Each day's 4 dossiers (16 h, due 2 working days later) take the officer 2 days. Cohort 0: days 0–1 (due 2,
    // on time); cohort 1: days 2–3 (due 3, on time); cohort 2: day 4 on time, day 5 late (2); cohort 3 (due 5):
    // days 6–7, late (4); cohort 4 (due 6): days 8–9, late (4). The simulation runs past the horizon until the
    // horizon's dossiers are done, so lateness cannot hide beyond it: 2 + 4 + 4 = 10.
    const one = predictCommune(load('A', { dat_dai: 4 }), land(1), fields, 5, DEFAULT_MODEL)
    expect(one.late).toBeCloseTo(10, 9)
    expect(one.lateByField).toEqual({ dat_dai: 10 })
    expect(one.intake).toBe(20)
    expect(one.utilisation).toBeCloseTo(2, 9) // 16 h of work for 8 h of staff time
    const two = predictCommune(load('A', { dat_dai: 4 }), land(2), fields, 5, DEFAULT_MODEL)
    expect(two.late).toBe(0)
    expect(two.utilisation).toBeCloseTo(1, 9)
  })

  it('32 h of land work a day: 34 of 40 late with one officer, 20 with two, 0 with three', () => {
    // One officer: cohort 0 takes days 0–3 (6 dossiers on time by day 2, 2 late on day 3), every later cohort is
    // entirely late → 2 + 4 × 8 = 34. Two: cohorts take 2 days each; cohorts 2, 3, 4 finish on days 5, 6–7, 8–9,
    // after their due days 4, 5, 6 (cohort 2 half on time) → 4 + 8 + 8 = 20. Three (24 h a day): all on time.
    const late = (n: number) => predictCommune(load('A', { dat_dai: 8 }), land(n), fields, 5, DEFAULT_MODEL).late
    expect(late(1)).toBeCloseTo(34, 9)
    expect(late(2)).toBeCloseTo(20, 9)
    expect(late(3)).toBe(0)
  })

  it('skills: a civil-status officer does no land work, a generalist does', () => {
    const civil = predictCommune(
      load('A', { dat_dai: 4 }),
      [...land(1), { skills: ['ho_tich'], fte: 1, days: Infinity }],
      fields,
      5,
      DEFAULT_MODEL,
    )
    expect(civil.late).toBeCloseTo(10, 9)
    const generalist = predictCommune(
      load('A', { dat_dai: 4 }),
      [...land(1), { skills: [], fte: 1, days: Infinity }],
      fields,
      5,
      DEFAULT_MODEL,
    )
    expect(generalist.late).toBe(0)
  })

  it('a secondee counts only for their days: one day of help turns 10 late into 6', () => {
    // Day 0 (16 h): cohort 0 done. Then 8 h a day: cohort 1 days 1–2, cohort 2 days 3–4, cohort 3 (due 5) days
    // 5–6 (half late), cohort 4 (due 6) days 7–8 (late) → 2 + 4 = 6.
    const p = predictCommune(load('A', { dat_dai: 4 }), [...land(1), ...land(1, 1)], fields, 5, DEFAULT_MODEL)
    expect(p.late).toBeCloseTo(6, 9)
    expect(p.heads).toBe(1) // present the whole horizon
    expect(p.supplyHours).toBe(8 * 5 + 8)
  })

  it('counter: λ = 6/h, 10 min each (A = 1 Erlang): 2 officers open 2 counters, Wq = 10/3 min; 1 officer cannot keep up', () => {
    const c = load('A', {}, 1, { counterArrivalsPerHour: 6, handlingMinutes: 10, counterHoursPerDay: 4 })
    const two = predictCommune(
      c,
      [
        { skills: [], fte: 1, days: 1 },
        { skills: [], fte: 1, days: 1 },
      ],
      fields,
      1,
      DEFAULT_MODEL,
    )
    // Erlang C(2, 1) = 1/3; Wq = C·h/(N − A) = 10/3 min; 24 arrivals → 24 × (10/3)/60 = 4/3 citizen-hours.
    expect(two.counters).toBe(2)
    expect(two.meanWaitMinutes).toBeCloseTo(10 / 3, 9)
    expect(two.waitHours).toBeCloseTo(4 / 3, 9)
    // Staff time: counter 4 h × (2 − ½·(2 − 1)) = 6 h of 16 h; demand = A × 4 h = 4 h → utilisation 0.25.
    expect(two.utilisation).toBeCloseTo(0.25, 9)
    const one = predictCommune(c, [{ skills: [], fte: 1, days: 1 }], fields, 1, DEFAULT_MODEL)
    expect(one.counters).toBe(1)
    expect(one.meanWaitMinutes).toBe(120) // A ≥ N: capped at half the 240-minute counter day
  })

  it('the prediction depends on who is on site, not on the order of the staff list (equal-rank specialists share work)', () => {
    // Two two-skill officers who overlap on civil status; the old rule (first in the list works first) gave
    // 24, 28 and 28 late dossiers for these three orders of the same four people.
    const f3 = { ...fields, kinh_doanh: { backOfficeHours: 1, allowanceDays: 3 } }
    const c = load('A', { dat_dai: 6, ho_tich: 10, kinh_doanh: 8 })
    const staff = [
      { skills: ['dat_dai', 'ho_tich'], fte: 1, days: Infinity },
      { skills: ['ho_tich', 'kinh_doanh'], fte: 1, days: Infinity },
      { skills: ['dat_dai'], fte: 0.5, days: Infinity },
      { skills: ['kinh_doanh'], fte: 0.5, days: Infinity },
    ]
    const late = (s: typeof staff) => predictCommune(c, s, f3, 5, DEFAULT_MODEL).late
    const first = late(staff)
    expect(first).toBeGreaterThan(0)
    expect(late([...staff].reverse())).toBe(first)
    expect(late([staff[1], staff[3], staff[0], staff[2]])).toBe(first)
  })

  it('backlog keeps its own due day; dossiers already overdue are reported apart', () => {
    const c = load('A', {}, 1, { backlog: [{ field: 'dat_dai', dossiers: 3, daysLeft: 0 }], alreadyOverdue: 7 })
    // 12 h due at the end of day 0, 8 h of capacity a day: 2 dossiers on time, 1 finished on day 1 (late).
    const p = predictCommune(c, land(1), fields, 2, DEFAULT_MODEL)
    expect(p.late).toBeCloseTo(1, 9)
    expect(p.alreadyOverdue).toBe(7)
  })
})

describe('planner: three communes, optimum known by hand', () => {
  it('moves one land officer from B to A (not the civil-status one, not the director): late 10 → 0, exact', () => {
    const p = proposePlan(threeCommunes())
    expect(p.method).toBe('exact')
    expect(p.moves).toEqual([{ officerId: 'b1', from: 'B', to: 'A', kind: 'move', field: 'dat_dai' }])
    expect(p.evaluation.before.province.late).toBeCloseTo(10, 9)
    expect(p.evaluation.after.province.late).toBe(0)
    expect(p.evaluation.violations).toEqual([])
    const a = p.evaluation.after.communes.find((c) => c.code === 'A')!
    expect(a.heads).toBe(2)
  })

  it('greedy + local search finds the same optimum', () => {
    const p = proposePlan(threeCommunes(), { exactLimit: 0 })
    expect(p.method).toBe('greedy+local')
    expect(p.moves.map((m) => [m.officerId, m.from, m.to])).toEqual([['b1', 'B', 'A']])
    expect(p.evaluation.after.province.late).toBe(0)
  })

  const heavy = (maxMoves: number, minB = 1) =>
    threeCommunes({ constraints: { maxMoves, rule: { mode: 'adjacent', maxKm: null } } }, { B: minB })
  const heavyA = (maxMoves: number, minB = 1) => {
    const i = heavy(maxMoves, minB)
    i.communes[0] = load('A', { dat_dai: 8 })
    return i
  }

  it('respects the move limit: 1 move → 20 late, 2 moves → 0 late (both land officers of B)', () => {
    for (const exactLimit of [undefined, 0]) {
      const one = proposePlan(heavyA(1), { exactLimit })
      expect(one.moves).toHaveLength(1)
      expect(one.evaluation.before.province.late).toBeCloseTo(34, 9)
      expect(one.evaluation.after.province.late).toBeCloseTo(20, 9)
      const two = proposePlan(heavyA(2), { exactLimit })
      expect(two.moves.map((m) => m.officerId).sort()).toEqual(['b1', 'b2'])
      expect(two.evaluation.after.province.late).toBe(0)
    }
  })

  it('respects the minimum staff: B (4 staff, minimum 3) gives only one officer', () => {
    for (const exactLimit of [undefined, 0]) {
      const p = proposePlan(heavyA(2, 3), { exactLimit })
      expect(p.moves).toHaveLength(1)
      expect(p.evaluation.after.communes.find((c) => c.code === 'B')!.heads).toBe(3)
      expect(p.evaluation.after.province.late).toBeCloseTo(20, 9)
    }
  })

  it('respects adjacency: C (not touching A) may send its land officer only under a distance rule', () => {
    const adjacent = threeCommunes({}, { B: 4 })
    expect(proposePlan(adjacent).moves).toEqual([])
    const near = threeCommunes({ constraints: { maxMoves: 1, rule: { mode: 'distance', maxKm: 25 } } }, { B: 4 })
    expect(proposePlan(near).moves).toEqual([{ officerId: 'c1', from: 'C', to: 'A', kind: 'move', field: 'dat_dai' }])
    const tooFar = threeCommunes({ constraints: { maxMoves: 1, rule: { mode: 'distance', maxKm: 20 } } }, { B: 4 }) // A–C ≈ 21.3 km
    expect(proposePlan(tooFar).moves).toEqual([])
  })

  it('seconds the provincial official with the right skill, for their available days', () => {
    const i = threeCommunes(
      {
        provincial: [
          { id: 'p1', name: 'Phúc', commune: null, position: 'provincial', skills: ['ho_tich'], fte: 1, availableDays: 5 },
          { id: 'p2', name: 'Phương', commune: null, position: 'provincial', skills: ['dat_dai'], fte: 1, availableDays: 3 },
        ],
      },
      { B: 4 },
    )
    for (const exactLimit of [undefined, 0]) {
      const p = proposePlan(i, { exactLimit })
      expect(p.moves).toEqual([{ officerId: 'p2', from: null, to: 'A', kind: 'secondment', days: 3, field: 'dat_dai' }])
      expect(p.evaluation.after.province.late).toBe(0)
    }
  })
})

describe('what-if: evaluatePlan on an edited list of moves', () => {
  it('recomputes the effect of any list and reports every broken rule', () => {
    const i = threeCommunes({}, { B: 3 })
    const e = evaluatePlan(i, [
      { officerId: 'b0', from: 'B', to: 'A', kind: 'move', field: 'dat_dai' }, // civil status only
      { officerId: 'c1', from: 'C', to: 'A', kind: 'move' }, // C does not touch A
      { officerId: 'bd', from: 'B', to: 'A', kind: 'move' }, // the director
    ])
    expect(e.violations.map((v) => [v.moveIndex, v.code])).toEqual([
      [0, 'MISSING_SKILL'],
      [1, 'TOO_FAR'],
      [2, 'NOT_MOVABLE'],
      [null, 'TOO_MANY_MOVES'],
      [null, 'BELOW_MIN_STAFF'],
    ])
    // The effect is still computed: c1 (land) and the director (4 h/day) give A 20 h/day for 16 h of work.
    expect(e.after.communes.find((c) => c.code === 'A')!.late).toBe(0)
    expect(e.after.communes.find((c) => c.code === 'B')!.heads).toBe(2)
  })

  it('an empty list changes nothing', () => {
    const e = evaluatePlan(threeCommunes(), [])
    expect(e.after.province).toEqual(e.before.province)
    expect(e.violations).toEqual([])
  })
})

describe('baseline: headcount in proportion to dossiers', () => {
  it('apportions by largest remainder with minimums', () => {
    const w = new Map([
      ['A', 6],
      ['B', 3],
      ['C', 1],
    ])
    expect(Object.fromEntries(apportion(10, w, new Map()))).toEqual({ A: 6, B: 3, C: 1 })
    expect(Object.fromEntries(apportion(11, w, new Map()))).toEqual({ A: 7, B: 3, C: 1 }) // quotas 6.6, 3.3, 1.1
    expect(Object.fromEntries(apportion(10, w, new Map([['C', 3]])))).toEqual({ A: 5, B: 2, C: 3 }) // 7 left: 4.67, 2.33
  })

  it('evaluates the proportional staffing with the same model', () => {
    // 8 people for 4 + 1 + 8 dossiers a day, minimum 1 each: B's quota 0.62 < 1 → 1; the other 7 by 4 : 8 → A 2.33 → 2, C 4.67 → 5.
    const i = threeCommunes()
    const people = i.officers
      .filter((o) => o.id !== 'bd')
      .concat([{ id: 'x', name: 'X', commune: null, position: 'officer', skills: ['ho_tich'], fte: 1 }])
    const g = proportionalBaseline(i, people, 'generalists')
    expect(Object.fromEntries(g.heads)).toEqual({ A: 2, B: 1, C: 5 })
    expect(g.province.late).toBe(0)
    // Dealt by skill set (dat_dai: a1 b1 b2, then c1, then the civil-status five) to the commune with the
    // largest share of empty seats: a1 → A, b1 → B, b2 → C, c1 → C, b0 → C, c2 → A, c3 → C, x → C. A gets one
    // land officer and one civil-status officer: 8 h of land work a day for 16 h → 10 late, as by hand above.
    const p = proportionalBaseline(i, people, 'people')
    expect(p.communes.map((c) => c.heads)).toEqual([2, 1, 5])
    expect(p.province.late).toBeCloseTo(10, 9)
    // B has 4 staff for 1 seat: 3 heads leave it; the dealing moves b2, b0 (B → C) and c2 (C → A); x is not staff.
    expect(p.moved).toEqual({ heads: 3, people: 3 })
    expect(g.moved).toEqual({ heads: 3, people: null })
  })

  it("the rule by hand under the plan's constraints: furthest below its seats first, from a reachable commune above them", () => {
    // Seats for the 8 staff as above: A 2, B 1, C 5; heads A 1, B 4 (b0 b1 b2 and the director), C 3.
    // Move 1: C (2 below) takes from B (3 above, touching), an officer with C's field (ho_tich): b0.
    // Move 2: A and C are 1 below each: A first by code, from B, with A's field (dat_dai): b1.
    const one = threeCommunes()
    expect(proportionalRule(one)).toEqual([{ officerId: 'b0', from: 'B', to: 'C', kind: 'move' }])
    // A's land work is untouched: its 10 late dossiers (worked out by hand above) stay; the planner's one move (b1 → A) leaves 0.
    expect(evaluatePlan(one, proportionalRule(one)).after.province.late).toBeCloseTo(10, 9)
    expect(proposePlan(one).evaluation.after.province.late).toBeCloseTo(0, 9)
    const two = threeCommunes({ constraints: { maxMoves: 2, rule: { mode: 'adjacent', maxKm: null } } })
    expect(proportionalRule(two).map((m) => `${m.officerId}:${m.from}→${m.to}`)).toEqual(['b0:B→C', 'b1:B→A'])
    expect(evaluatePlan(two, proportionalRule(two)).violations).toEqual([])
    // An official is placed first. 9 seats (8 staff + 1 official): B 1, then 8 by 4 : 8 → A 2.67 → 3, C 5.33 → 5.
    // A and C are both 2 below; the official's skill (ho_tich) is C's field, so C. Then A (2 below) takes b1 from B.
    const withOfficial = threeCommunes({
      provincial: [{ id: 'p1', name: 'P', commune: null, position: 'provincial', skills: ['ho_tich'], fte: 1, availableDays: 5 }],
    })
    expect(proportionalRule(withOfficial)).toEqual([
      { officerId: 'p1', from: null, to: 'C', kind: 'secondment', days: 5 },
      { officerId: 'b1', from: 'B', to: 'A', kind: 'move' },
    ])
  })

  it('deals people so that each commune gets its share of every skill set', () => {
    const people = ['l1', 'l2', 'l3', 'l4', 'c1', 'c2', 'c3', 'c4'].map((id) => ({
      id,
      skills: [id.startsWith('l') ? 'dat_dai' : 'ho_tich'],
      fte: 1,
    }))
    const d = dealPeople(
      people,
      new Map([
        ['A', 4],
        ['B', 4],
      ]),
    )
    expect(d.get('A')!.map((p) => p.id)).toEqual(['l1', 'l3', 'c1', 'c3'])
    expect(d.get('B')!.map((p) => p.id)).toEqual(['l2', 'l4', 'c2', 'c4'])
  })
})
