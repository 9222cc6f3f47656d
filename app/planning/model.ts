/** Types of the planner (staffing.ts) and its server glue; the prediction's own types live in app/kpi/predict-types.ts. */
import type { Reach, ReachRule } from './adjacency.ts'
import type { CommuneDemand, CommunePrediction, FieldParam, ModelParams } from '../kpi/predict-types.ts'

export { DEFAULT_MODEL } from '../kpi/predict-types.ts'
export type { BacklogCohort, CommuneDemand, CommunePrediction, FieldParam, ModelParams } from '../kpi/predict-types.ts'

export interface Officer {
  id: string
  name: string
  /** Current commune (an open assignment); null for a provincial official not working in a commune. */
  commune: string | null
  /** 'director' | 'deputy' | 'officer' | 'provincial' */
  position: string
  /** Field skills; an empty list = a generalist who can do any field. */
  skills: string[]
  fte: number
}

/** A provincial official who can be seconded to a commune for up to `availableDays` working days. */
export interface ProvincialOfficial extends Officer {
  availableDays: number
}

export interface PlanConstraints {
  /** Most permanent moves (secondments are limited by the officials available, not by this). */
  maxMoves: number
  /** Most secondments; default: every available official. */
  maxSecondments?: number
  rule: ReachRule
  /** Positions that may be moved; default ['officer']. The director (a vice-chair) stays. */
  movablePositions?: string[]
}

export interface PlanningInstance {
  /** Working days the prediction covers (default 20 ≈ one month). */
  horizonDays: number
  fields: Record<string, FieldParam>
  communes: CommuneDemand[]
  officers: Officer[]
  provincial: ProvincialOfficial[]
  reach: Reach
  constraints: PlanConstraints
  model?: Partial<ModelParams>
}

export type MoveKind = 'move' | 'secondment'

export interface Move {
  officerId: string
  /** Origin commune; null for a provincial official. */
  from: string | null
  to: string
  kind: MoveKind
  /** Working days of a secondment (ignored for a permanent move). */
  days?: number
  /** The field the officer is sent to cover; when set, the officer must have that skill. */
  field?: string
}

export interface Totals {
  heads: number
  intake: number
  /** Received in the horizon + open at its start, predicted to end late: the objective's part (CommunePrediction.late). */
  late: number
  /** Of `late`, received in the horizon: the figure shown as "predicted late" (as on the staffing page, ADR 031). */
  lateOfIntake: number
  lateOfOpen: number
  meanWaitMinutes: number
  waitHours: number
  utilisation: number
  alreadyOverdue: number
}

export interface Violation {
  moveIndex: number | null
  code:
    | 'UNKNOWN_OFFICER'
    | 'DUPLICATE_OFFICER'
    | 'WRONG_ORIGIN'
    | 'NOT_MOVABLE'
    | 'TOO_FAR'
    | 'SAME_COMMUNE'
    | 'UNKNOWN_COMMUNE'
    | 'MISSING_SKILL'
    | 'BELOW_MIN_STAFF'
    | 'TOO_MANY_MOVES'
    | 'TOO_MANY_SECONDMENTS'
    | 'SECONDMENT_TOO_LONG'
    | 'NOT_AVAILABLE'
  message: string
}

export interface PlanEvaluation {
  before: { communes: CommunePrediction[]; province: Totals; objective: number }
  after: { communes: CommunePrediction[]; province: Totals; objective: number }
  violations: Violation[]
}
