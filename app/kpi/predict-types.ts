/** Types of the one staffing prediction (app/kpi/predict.ts), shared by the staffing page, the overload view and the planner. */

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
  /**
   * Per field, the share of dossiers that end late for reasons staff capacity does not remove (a second
   * supplement request, steps at other agencies, processing beyond the statutory time), measured on the
   * commune's settled history (ADR 031). Missing = 0: the pure capacity model.
   */
  lateShare?: Record<string, number>
  /** The late share the settled history shows, before the capacity lateness of its own staff is netted out of it. */
  lateShareObserved?: Record<string, number>
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

/** Predicted effect on one commune over the horizon. */
export interface CommunePrediction {
  code: string
  heads: number
  fte: number
  /** Counters opened on the first day. */
  counters: number
  /** Dossiers received over the horizon. */
  intake: number
  /**
   * Dossiers predicted to end late (finished after their due day, whenever that is) among those received during
   * the horizon and those open, not yet due, at its start: the planner's objective. = lateOfIntake + lateOfOpen.
   */
  late: number
  lateByField: Record<string, number>
  /**
   * Of `late`, the dossiers received during the horizon: "predicted late dossiers" on the staffing page and in
   * the planner, and the quantity the back-test compares with the data (ADR 031).
   */
  lateOfIntake: number
  lateOfIntakeByField: Record<string, number>
  /** Of `late`, the dossiers open and not yet due at the start of the horizon. */
  lateOfOpen: number
  /** Of `late`, the dossiers late only because staff time ran out (the part a plan can change). */
  lateCapacity: number
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
