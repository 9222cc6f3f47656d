/** Types shared by the staffing model (predict.ts), the planner (staffing.ts) and the server glue. */
import type { Reach, ReachRule } from './adjacency.ts'

/** Back-office effort and time allowance of a procedure field (dat_dai, ho_tich, …). */
export interface FieldParam {
  /** Staff hours of back-office work per dossier. */
  backOfficeHours: number
  /** Working days a dossier of this field may take before it is late (its statutory time, on average). */
  allowanceDays: number
}

/** Open dossiers at the start of the horizon that are not yet overdue. */
export interface BacklogCohort {
  field: string
  dossiers: number
  /** Working days left before they are due: 0 = due at the end of the first day. */
  daysLeft: number
}

/** One commune's forecast load and queueing parameters. */
export interface CommuneDemand {
  code: string
  name: string
  /** Forecast dossiers per working day, by field code (the field mix, e.g. land share). */
  dossiersPerDay: Record<string, number>
  /** Forecast counter arrivals per hour while the counter is open. */
  counterArrivalsPerHour: number
  handlingMinutes: number
  counterHoursPerDay: number
  workHoursPerDay: number
  targetWaitMinutes: number
  /** e.g. 0.8 = 80 % served within the target wait. */
  targetServiceLevel: number
  /** Fewest permanent staff (heads) the centre may keep. */
  minStaff: number
  backlog: BacklogCohort[]
  /** Open dossiers already overdue at the start: late whatever the plan does (reported, not optimised). */
  alreadyOverdue: number
}

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

export interface ModelParams {
  /** Share of idle counter time that goes to back-office work (0 = none, 1 = all). Default 0.5. */
  idleCounterUse: number
  /** Late-dossier equivalents of one citizen-hour of waiting in the objective. Default 0.1. */
  waitWeight: number
  /** Fields any officer may process whatever their skills. Default ['khac']. */
  openFields: string[]
}

export const DEFAULT_MODEL: ModelParams = { idleCounterUse: 0.5, waitWeight: 0.1, openFields: ['khac'] }

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

/** Predicted effect on one commune over the horizon. */
export interface CommunePrediction {
  code: string
  heads: number
  fte: number
  /** Counters opened on the first day. */
  counters: number
  /** Dossiers received over the horizon. */
  intake: number
  /** Dossiers predicted to become late during the horizon (finished late, or open past their due day). */
  late: number
  lateByField: Record<string, number>
  /** Arrival-weighted mean counter wait, minutes. */
  meanWaitMinutes: number
  /** Citizen-hours spent waiting at the counter over the horizon. */
  waitHours: number
  /** Staff time demanded / staff time available over the horizon (counter busy time + back-office work). */
  utilisation: number
  demandHours: number
  supplyHours: number
  /** Counter arrivals over the horizon. */
  arrivals: number
  alreadyOverdue: number
}

export interface Totals {
  heads: number
  intake: number
  late: number
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
