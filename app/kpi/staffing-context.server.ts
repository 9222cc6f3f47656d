/**
 * Staffing need per commune (docs/design.md §3 "Staffing": no official staff-per-volume norm exists).
 *
 *   counter staff  = Erlang C `requiredServers` on the peak-hour counter arrivals and the handling time, to
 *                    the target wait and service level of `staffing_params` (a commune row overrides the
 *                    province default row);
 *     arrivals     = with queue tickets in the period: the busiest hour of the day, tickets in that hour ÷
 *                    days with tickets; otherwise in-person dossiers per working day ÷ counter hours per day
 *                    × the peak-hour factor (`staffing_params.peak_hour_factor`, default 1.5; a call may
 *                    override it for a what-if);
 *     handling     = measured mean counter service time (done − called) when ≥ 20 tickets were served;
 *                    else the in-person field mix of `procedure_effort.counter_minutes` (a missing value
 *                    counts as the parameter); else `staffing_params.handling_minutes`;
 *   back office    = Σ over procedures (received per working day × back-office hours of the procedure, or of
 *                    its field, or of 'khac') ÷ work hours per day (a fraction of a person);
 *   required       = max(min staff, ⌈counter staff + back office⌉);
 *   assigned       = officers on current assignments (Postgres; as of the period end if it is in the past),
 *                    else the last staffing_daily snapshot of the period; gap = required − assigned.
 */
import { requiredServers } from './erlang.ts'
import type { Stores } from '../../db/stores.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'
import {
  activeCounters,
  assignedStaff,
  effortTable,
  staffingParamsFor,
  type EffortTable,
  type StaffingParams,
} from '../../db/pg/reads/staffing.ts'
import { round } from './numbers.ts'
import { procedureFacts, workingDays, type ProcedureFacts } from './queries/load.ts'
import { queueFacts, type QueueFacts } from './queries/queue.ts'
import { snapshotFacts, type SnapshotFacts } from './queries/staffing.ts'

export const MIN_SERVED_FOR_MEASURED_HANDLING = 20

export interface CounterModel {
  receivedPerWorkday: number
  inPersonPerWorkday: number
  arrivalsPerHour: number
  arrivalsSource: 'tickets' | 'dossiers'
  handlingMinutes: number
  handlingSource: 'tickets' | 'effort' | 'params'
  /** Erlangs at the peak hour: arrivals × handling ÷ 60. */
  offeredLoad: number
  counterStaff: number
  backOfficeHoursPerDay: number
  backOfficeStaff: number
  required: number
}

/** The queueing + back-office model of one commune. Null when the period has no working day and no tickets. */
export function counterModel(
  params: StaffingParams,
  W: number,
  procedures: ProcedureFacts[],
  queue: QueueFacts | null,
  effort: EffortTable,
  peakHourFactor = params.peakHourFactor,
): CounterModel | null {
  if (W === 0 && !queue) return null
  const perDay = (n: number) => (W > 0 ? n / W : 0)
  const received = procedures.reduce((s, p) => s + p.received, 0)
  const inPerson = procedures.reduce((s, p) => s + p.inPerson, 0)
  const arrivalsSource = queue ? 'tickets' : 'dossiers'
  const arrivalsPerHour = queue ? queue.peakArrivalsPerHour : (perDay(inPerson) / params.counterHoursPerDay) * peakHourFactor

  let handlingMinutes = params.handlingMinutes
  let handlingSource: CounterModel['handlingSource'] = 'params'
  if (queue && queue.served >= MIN_SERVED_FOR_MEASURED_HANDLING && queue.meanServiceMinutes !== null) {
    handlingMinutes = queue.meanServiceMinutes
    handlingSource = 'tickets'
  } else if (inPerson > 0) {
    const minutes = procedures.reduce(
      (s, p) => s + p.inPerson * (effort.lookup(p.code, p.field)?.counterMinutes ?? params.handlingMinutes),
      0,
    )
    handlingMinutes = minutes / inPerson
    handlingSource = 'effort'
  }

  const counterStaff = requiredServers({
    arrivalsPerHour,
    handlingMinutes,
    targetWaitMinutes: params.targetWaitMinutes,
    targetServiceLevel: params.targetServiceLevel,
  })
  const backOfficeHoursPerDay = procedures.reduce(
    (s, p) => s + perDay(p.received) * (effort.lookup(p.code, p.field)?.backOfficeHours ?? 0),
    0,
  )
  const backOfficeStaff = backOfficeHoursPerDay / params.workHoursPerDay
  const required = Math.max(params.minStaff, Math.ceil(counterStaff + backOfficeStaff - 1e-9))
  return {
    receivedPerWorkday: round(perDay(received), 4),
    inPersonPerWorkday: round(perDay(inPerson), 4),
    arrivalsPerHour: round(arrivalsPerHour, 4),
    arrivalsSource,
    handlingMinutes: round(handlingMinutes, 4),
    handlingSource,
    offeredLoad: round((arrivalsPerHour * handlingMinutes) / 60, 4),
    counterStaff,
    backOfficeHoursPerDay: round(backOfficeHoursPerDay, 4),
    backOfficeStaff: round(backOfficeStaff, 4),
    required,
  }
}

/** Everything the staffing, overload and equipment models need for a set of communes and a period. */
export interface StaffingContext {
  from: string
  to: string
  asOf: string
  workingDays: number
  procedures: Map<string, ProcedureFacts[]>
  queue: Map<string, QueueFacts>
  snapshots: Map<string, SnapshotFacts>
  params: Map<string, StaffingParams & { source: 'commune' | 'province' }>
  assigned: Map<string, { headcount: number; fte: number }>
  counters: Map<string, { active: number; centres: number }>
  effort: EffortTable
}

export async function loadStaffingContext(
  stores: Stores,
  codes: string[],
  from: string,
  to: string,
  caller: string,
): Promise<StaffingContext> {
  const today = toLocalYmd(new Date())
  const asOf = to < today ? to : today
  const { ch } = stores
  const db = stores.pg.db
  const [W, procedures, queue, snapshots, params, assigned, counters, effort] = await Promise.all([
    workingDays(ch, from, to, caller),
    procedureFacts(ch, codes, from, to, caller),
    queueFacts(ch, codes, from, to, caller),
    snapshotFacts(ch, codes, from, to, caller),
    staffingParamsFor(db, codes),
    assignedStaff(db, codes, asOf),
    activeCounters(db, codes),
    effortTable(db),
  ])
  return { from, to, asOf, workingDays: W, procedures, queue, snapshots, params, assigned, counters, effort }
}
