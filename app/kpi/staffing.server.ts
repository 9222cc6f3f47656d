/**
 * Staffing need per commune (docs/design.md §3 "Staffing", ADR 031): required staff is the smallest headcount
 * for which the one staffing prediction (`getStaffingPrediction`, app/kpi/staffing-model.server.ts) meets the
 * commune's targets; the page shows that prediction (late dossiers, counter wait) for the staff on site, the
 * same numbers the planner shows as "before". The counter model (`counterModel`) supplies handling time and
 * counter staff to the prediction and to the equipment model.
 */
import type { Stores } from '../../db/stores.ts'
import { toLocalYmd, addDays } from '../../db/lib/workdays.ts'
import { predictedUtilisation } from './capacity.ts'
import { round } from './numbers.ts'
import { KpiQuery, resolveScope, type CommuneInfo } from './scope.server.ts'
import { counterModel, loadStaffingContext, type CounterModel, type StaffingContext } from './staffing-context.server.ts'
import { getStaffingPrediction, type CommuneModelResult } from './staffing-model.server.ts'

export {
  counterModel,
  loadStaffingContext,
  MIN_SERVED_FOR_MEASURED_HANDLING,
  type CounterModel,
  type StaffingContext,
} from './staffing-context.server.ts'

/** The counter model and the staff on record of one commune over a period (overload, equipment). */
export interface CommuneCounter {
  commune: string
  name: string
  counterStaff: number | null
  backOfficeStaff: number | null
  assigned: number | null
  fte: number | null
  assignedSource: 'assignments' | 'snapshot' | null
  paramsSource: 'commune' | 'province'
  /** False when the period has no dossiers and no tickets for the commune. */
  hasIntake: boolean
  model: CounterModel | null
}

export function communeStaffing(ctx: StaffingContext, c: CommuneInfo, peakHourFactor?: number): CommuneCounter {
  const params = ctx.params.get(c.code)!
  const model = counterModel(
    params,
    ctx.workingDays,
    ctx.procedures.get(c.code) ?? [],
    ctx.queue.get(c.code) ?? null,
    ctx.effort,
    peakHourFactor,
  )
  const pg = ctx.assigned.get(c.code)
  const snap = ctx.snapshots.get(c.code)
  const staff = pg
    ? { n: pg.headcount, fte: pg.fte, src: 'assignments' as const }
    : snap
      ? { n: snap.lastOfficers, fte: snap.lastFte, src: 'snapshot' as const }
      : null
  return {
    commune: c.code,
    name: c.name,
    counterStaff: model?.counterStaff ?? null,
    backOfficeStaff: model?.backOfficeStaff ?? null,
    assigned: staff?.n ?? null,
    fte: staff ? round(staff.fte) : null,
    assignedSource: staff?.src ?? null,
    paramsSource: params.source,
    hasIntake: (ctx.procedures.get(c.code)?.length ?? 0) > 0 || ctx.queue.has(c.code),
    model,
  }
}

/** What the one staffing prediction says about a commune for the staff on site (ADR 031). */
export interface StaffingForecast {
  /** Working days predicted (the planner's default horizon). */
  horizonDays: number
  /**
   * Of the dossiers received over the horizon, those predicted to end late (whenever they finish): the planner's
   * "late" and the back-test's quantity (ADR 031).
   */
  late: number
  /** Of the dossiers open and not yet due at the start, those predicted to end late (not back-tested). */
  lateOfOpen: number
  /** Of which late only because staff time runs out. */
  lateCapacity: number
  /** Arrival-weighted mean counter wait, minutes: the planner's "wait". */
  meanWaitMinutes: number
  /** Staff time demanded ÷ available (capacity utilisation, `predictedUtilisation`): what the overload level grades. */
  utilisation: number | null
  intake: number
  lateTarget: number
  /** Counters the wait target needs. */
  countersNeeded: number
}

export interface CommuneStaffing extends CommuneCounter {
  /** Smallest headcount whose prediction meets the targets; null without a model. */
  required: number | null
  gap: number | null
  forecast: StaffingForecast | null
}

const r1 = (x: number, d = 1) => (Number.isFinite(x) ? round(x, d) : null)
function forecastOf(m: CommuneModelResult, horizon: number): StaffingForecast {
  const p = m.prediction
  return {
    horizonDays: horizon,
    late: r1(p.lateOfIntake) ?? 0,
    lateOfOpen: r1(p.lateOfOpen) ?? 0,
    lateCapacity: r1(p.lateCapacity) ?? 0,
    meanWaitMinutes: r1(p.meanWaitMinutes) ?? 0,
    utilisation: predictedUtilisation(p),
    intake: r1(p.intake) ?? 0,
    lateTarget: m.lateTarget,
    countersNeeded: m.countersNeeded,
  }
}

export interface StaffingNeed {
  commune: string | null
  from: string
  to: string
  asOf: string
  workingDays: number
  /** The model's history: the 56 days ending `modelAsOf` (ADR 031). */
  modelFrom: string
  modelAsOf: string
  /** Σ over the communes (centres do not pool their queues); null when no commune has the figure (unknown, not 0). */
  required: number | null
  assigned: number | null
  fte: number
  /** Σ of the positive gaps: officers missing where they are missing. */
  shortage: number
  /** Σ of the negative gaps: officers above the need. */
  surplus: number
  /** Communes with no staff data (neither assignments nor snapshots). */
  noStaffData: number
  /**
   * Σ over the communes of the dossiers received in the next `horizonDays` working days predicted to end late
   * (the back-test's quantity), and the arrival-weighted mean wait.
   */
  predictedLate: number
  /** Σ of the open, not yet due dossiers predicted to end late (apart: the back-test cannot check it). */
  predictedLateOfOpen: number
  predictedWaitMinutes: number | null
  horizonDays: number
  perCommune: CommuneStaffing[]
}

/** The sum of the known values; null when none is known: a commune without staff data shows '—', never 0 (ADR 032). */
export const knownSum = (xs: (number | null)[]): number | null =>
  xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null

/** The model's dates for a period: history ends at the period's end (yesterday at most); staff on its end day (today at most). */
export function modelDates(to: string, today = toLocalYmd(new Date())) {
  return to < today ? { asOf: to, staffDay: to } : { asOf: addDays(today, -1), staffDay: today }
}

export async function getStaffingNeed(stores: Stores, query: KpiQuery, options: { peakHourFactor?: number } = {}): Promise<StaffingNeed> {
  const q = KpiQuery.parse(query)
  const { selected, all } = await resolveScope(stores, q.commune)
  const { asOf, staffDay } = modelDates(q.to)
  const [ctx, pred] = await Promise.all([
    loadStaffingContext(
      stores,
      selected.map((c) => c.code),
      q.from,
      q.to,
      'kpi:getStaffingNeed',
    ),
    // Always the whole province: the field parameters and lateness shares are province-wide, as in the planner.
    getStaffingPrediction(stores, all, asOf, staffDay, 'kpi:getStaffingNeed'),
  ])
  const perCommune: CommuneStaffing[] = selected.map((c) => {
    const base = communeStaffing(ctx, c, options.peakHourFactor)
    const m = pred.perCommune.get(c.code)
    // The staff the prediction sees (assignments on the staff day); the snapshot when Postgres has none.
    const assigned = m && base.assignedSource === 'assignments' ? m.heads : base.assigned
    const required = m ? Math.max(m.required, m.demand.minStaff) : null
    return {
      ...base,
      assigned,
      required,
      gap: required !== null && assigned !== null ? required - assigned : null,
      forecast: m ? forecastOf(m, pred.horizon) : null,
    }
  })
  const sum = (f: (r: CommuneStaffing) => number | null) => perCommune.reduce((s, r) => s + (f(r) ?? 0), 0)
  const waitW = sum((r) => (r.forecast ? pred.perCommune.get(r.commune)!.prediction.arrivals : 0))
  const waitSum = perCommune.reduce((s, r) => {
    const p = pred.perCommune.get(r.commune)?.prediction
    return s + (p ? p.waitHours * 60 : 0)
  }, 0)
  return {
    commune: q.commune ?? null,
    from: q.from,
    to: q.to,
    asOf: ctx.asOf,
    workingDays: ctx.workingDays,
    modelFrom: pred.inputs.from,
    modelAsOf: asOf,
    required: knownSum(perCommune.map((r) => r.required)),
    assigned: knownSum(perCommune.map((r) => r.assigned)),
    fte: round(sum((r) => r.fte)),
    shortage: sum((r) => (r.gap !== null && r.gap > 0 ? r.gap : 0)),
    surplus: sum((r) => (r.gap !== null && r.gap < 0 ? -r.gap : 0)),
    noStaffData: perCommune.filter((r) => r.assignedSource === null).length,
    // Rounded once, from the unrounded predictions, as the planner rounds its province total.
    predictedLate: round(
      selected.reduce((x, c) => x + (pred.perCommune.get(c.code)?.prediction.lateOfIntake ?? 0), 0),
      1,
    ),
    predictedLateOfOpen: round(
      selected.reduce((x, c) => x + (pred.perCommune.get(c.code)?.prediction.lateOfOpen ?? 0), 0),
      1,
    ),
    predictedWaitMinutes: waitW > 0 ? round(waitSum / waitW, 1) : null,
    horizonDays: pred.horizon,
    perCommune,
  }
}
