/**
 * What the planner's two searches share (app/planning/staffing.ts `exact`, app/planning/local-search.ts): the
 * problem as they receive it, the cost of a commune's staff (cached by staff signature), and the skill class
 * that makes two people interchangeable for the model.
 */
import { modelOf, type StaffEntry } from './evaluate.ts'
import type { Officer, PlanningInstance, ProvincialOfficial } from './model.ts'
import { predictCommune } from '../kpi/predict.ts'

export const EPS = 1e-7

/** The predicted objective of one commune for a given staff, computed once per staff signature. */
export class Costs {
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
export const classKey = (o: Officer | ProvincialOfficial, days: number) => `${[...o.skills].sort().join(',')}:${o.fte}:${days}`

/** The problem as both searches receive it. */
export interface SearchInput {
  instance: PlanningInstance
  costs: Costs
  /** Staff per commune before any move. */
  base: Map<string, StaffEntry[]>
  /** Movable officers, by id. */
  officers: Officer[]
  /** Provincial officials, by id. */
  provincial: ProvincialOfficial[]
  /** Destinations within reach of each commune. */
  reach: Map<string, string[]>
  maxMoves: number
  maxSec: number
  secDays: (p: ProvincialOfficial) => number
}
