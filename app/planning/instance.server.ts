/**
 * Builds the staffing planner's instance from the stores, through the KPI engine's readers:
 *  - history = the 8 weeks (56 days) ending `asOf` (default yesterday): dossiers received per commune,
 *    procedure and field, in person, statutory days (KPI `loadStaffingContext`, from the rollups);
 *  - forecast: each commune's intake is scaled by its forecast (KPI `forecastsFor`): expected per working day
 *    ahead ÷ received per working day in the history (1 when either is unknown);
 *  - fields: back-office hours per dossier = the `procedure_effort` hours (procedure row, else field row,
 *    else 'khac') averaged over the province's dossiers of that field; allowance = their mean statutory days;
 *  - counter: arrivals per hour = tickets per day ÷ counter hours where a ticket machine exists, else
 *    in-person dossiers per working day (× forecast) ÷ counter hours (an average hour: the planner looks at
 *    a month, not the peak hour); handling minutes as the KPI's staffing model measures them;
 *  - backlog: the open stock at `asOf` (commune_day): nearly due → 1 working day left, not yet due → half the
 *    field's allowance (at least 2), split by the commune's field mix; overdue → `alreadyOverdue`;
 *  - officers: active officers with the assignment that covers `start` (a secondment or reallocation wins
 *    over the home assignment, as in the staffing snapshot); 'provincial' officials with no assignment on
 *    `start` form the secondment pool, each available `secondmentDays` working days;
 *  - minimum staff and hours from `staffing_params` (a commune row overrides the province row).
 */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm'
import type { Stores } from '../../db/stores.ts'
import { assignments, communes, officers } from '../../db/pg/schema/index.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { counterModel, loadStaffingContext } from '../kpi/staffing.server.ts'
import { forecastsFor } from '../kpi/forecast.server.ts'
import { stockFacts } from '../kpi/queries/stock.ts'
import { provinceReach } from './geo.server.ts'
import type { CommuneLoad, FieldParam, ModelParams, Officer, PlanConstraints, PlanningInstance, ProvincialOfficial } from './model.ts'

export interface InstanceOptions {
  /** Last day of history (default yesterday, Asia/Ho_Chi_Minh). */
  asOf?: string
  /** First day the moves take effect. */
  start: string
  horizonDays?: number
  constraints: PlanConstraints
  /** Working days each provincial official is available (default the horizon). */
  secondmentDays?: number
  model?: Partial<ModelParams>
}

export interface InstanceInfo {
  asOf: string
  from: string
  workingDays: number
  names: Map<string, string>
  officerNames: Map<string, string>
  /** Communes with no dossier in the history window (their load is 0). */
  noIntake: string[]
}

const HISTORY_DAYS = 56
const LOG = 'planning:instance'

async function currentOfficers(stores: Stores, codes: string[], day: string) {
  const db = stores.pg.db
  const rows = await db
    .select({ id: officers.id, name: officers.fullName, position: officers.position, skills: officers.skills, fte: officers.fte })
    .from(officers)
    .where(eq(officers.active, true))
    .orderBy(officers.id)
  const asg = await db
    .select({
      id: assignments.id,
      officerId: assignments.officerId,
      commune: assignments.communeCode,
      kind: assignments.kind,
      validFrom: assignments.validFrom,
    })
    .from(assignments)
    .where(
      and(
        inArray(assignments.communeCode, codes),
        lte(assignments.validFrom, day),
        or(isNull(assignments.validTo), gte(assignments.validTo, day)),
      ),
    )
  const rank = (k: string) => (k === 'home' ? 0 : 1)
  const where = new Map<string, (typeof asg)[number]>()
  for (const a of asg) {
    const p = where.get(a.officerId)
    if (
      !p ||
      rank(a.kind) > rank(p.kind) ||
      (rank(a.kind) === rank(p.kind) && (a.validFrom > p.validFrom || (a.validFrom === p.validFrom && a.id > p.id)))
    )
      where.set(a.officerId, a)
  }
  return rows.map((o) => ({ ...o, commune: where.get(o.id)?.commune ?? null }))
}

export async function buildPlanningInstance(
  stores: Stores,
  opts: InstanceOptions,
): Promise<{ instance: PlanningInstance; info: InstanceInfo }> {
  const asOf = opts.asOf ?? addDays(toLocalYmd(new Date()), -1)
  const from = addDays(asOf, -(HISTORY_DAYS - 1))
  const horizon = opts.horizonDays ?? 20
  const province = stores.config.PROVINCE_CODE
  const communeRows = await stores.pg.db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(eq(communes.provinceCode, province))
    .orderBy(communes.code)
  const codes = communeRows.map((c) => c.code)
  const [ctx, forecasts, stock, staff] = await Promise.all([
    loadStaffingContext(stores, codes, from, asOf, LOG),
    forecastsFor(stores, codes, asOf, LOG),
    stockFacts(stores.ch, codes, asOf, addDays(asOf, -28), LOG),
    currentOfficers(stores, codes, opts.start),
  ])
  const W = ctx.workingDays

  // Province-wide field parameters from the dossiers of the window.
  const acc = new Map<string, { n: number; hours: number; days: number }>()
  for (const procs of ctx.procedures.values())
    for (const p of procs) {
      const a = acc.get(p.field) ?? { n: 0, hours: 0, days: 0 }
      a.n += p.received
      a.hours += p.received * (ctx.effort.lookup(p.code, p.field)?.backOfficeHours ?? 0)
      a.days += p.statutoryDays
      acc.set(p.field, a)
    }
  const fields: Record<string, FieldParam> = {}
  for (const [f, a] of acc) if (a.n > 0) fields[f] = { backOfficeHours: a.hours / a.n, allowanceDays: a.days / a.n }

  const noIntake: string[] = []
  const loads: CommuneLoad[] = communeRows.map((c) => {
    const params = ctx.params.get(c.code)!
    const procs = ctx.procedures.get(c.code) ?? []
    const received = procs.reduce((s, p) => s + p.received, 0)
    if (received === 0) noIntake.push(c.code)
    const fc = forecasts.get(c.code)
    const recent = W > 0 ? received / W : 0
    const growth = fc?.expectedPerWorkday && recent > 0 ? fc.expectedPerWorkday / recent : 1
    const perDay: Record<string, number> = {}
    for (const p of procs) if (W > 0 && p.received > 0) perDay[p.field] = (perDay[p.field] ?? 0) + (p.received / W) * growth
    const queue = ctx.queue.get(c.code)
    const inPerson = procs.reduce((s, p) => s + p.inPerson, 0)
    const arrivalsPerHour = queue
      ? queue.tickets / queue.daysWithTickets / params.counterHoursPerDay
      : W > 0
        ? ((inPerson / W) * growth) / params.counterHoursPerDay
        : 0
    const model = counterModel(params, W, procs, queue ?? null, ctx.effort, 1)
    const s = stock.get(c.code)
    const total = Object.values(perDay).reduce((x, y) => x + y, 0)
    const backlog =
      s && total > 0
        ? Object.entries(perDay).flatMap(([field, d]) => [
            { field, dossiers: (s.nearlyDue * d) / total, daysLeft: 1 },
            { field, dossiers: (s.notDue * d) / total, daysLeft: Math.max(2, Math.round((fields[field]?.allowanceDays ?? 4) / 2)) },
          ])
        : []
    return {
      code: c.code,
      name: c.name,
      dossiersPerDay: perDay,
      counterArrivalsPerHour: arrivalsPerHour,
      handlingMinutes: model?.handlingMinutes ?? params.handlingMinutes,
      counterHoursPerDay: params.counterHoursPerDay,
      workHoursPerDay: params.workHoursPerDay,
      targetWaitMinutes: params.targetWaitMinutes,
      targetServiceLevel: params.targetServiceLevel,
      minStaff: params.minStaff,
      backlog,
      alreadyOverdue: s?.overdue ?? 0,
    }
  })

  const inProvince = new Set(codes)
  const officerList: Officer[] = []
  const provincial: ProvincialOfficial[] = []
  for (const o of staff) {
    const base = { id: o.id, name: o.name, position: o.position, skills: o.skills, fte: o.fte }
    if (o.commune && inProvince.has(o.commune)) officerList.push({ ...base, commune: o.commune })
    else if (o.position === 'provincial' && o.commune === null)
      provincial.push({ ...base, commune: null, availableDays: opts.secondmentDays ?? horizon })
  }
  const instance: PlanningInstance = {
    horizonDays: horizon,
    fields,
    communes: loads,
    officers: officerList,
    provincial,
    reach: provinceReach(province, codes),
    constraints: opts.constraints,
    model: opts.model,
  }
  return {
    instance,
    info: {
      asOf,
      from,
      workingDays: W,
      names: new Map(communeRows.map((c) => [c.code, c.name])),
      officerNames: new Map(staff.map((o) => [o.id, o.name])),
      noIntake,
    },
  }
}
