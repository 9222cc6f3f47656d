/**
 * The one staffing model (ADR 031): what the staffing page, the overload view and the planner predict for a
 * commune, read from the stores once and passed to `predictCommune` (app/kpi/predict.ts).
 *
 *  - history = the 8 weeks (56 days) ending `asOf`: dossiers received per commune, procedure and field, in
 *    person, statutory days (`loadStaffingContext`, from the rollups);
 *  - forecast: each commune's intake is scaled by its forecast (`forecastsFor`): expected per working day
 *    ahead ÷ received per working day in the history (1 when either is unknown);
 *  - fields: back-office hours per dossier = the `procedure_effort` hours (procedure row, else field row,
 *    else 'khac') averaged over the province's dossiers of that field; allowance = their mean statutory days;
 *  - counter: arrivals per hour = tickets per day ÷ counter hours where a ticket machine exists, else
 *    in-person dossiers per working day (× forecast) ÷ counter hours; handling minutes as `counterModel`
 *    measures them;
 *  - backlog: the open stock at `asOf` (commune_day): nearly due → 1 working day left, not yet due → half the
 *    field's allowance (at least 2), split by the commune's field mix; overdue → `alreadyOverdue`;
 *  - lateness outside capacity (`lateShare`): per field, late ÷ received over the 56 reception days ending
 *    SETTLE_DAYS before `asOf` (settled: their due days have passed), province-wide, times the commune's
 *    own factor (its late ÷ the late its field mix would have at the province's shares, shrunk towards 1) —
 *    the observed share ŝ_f. That history already holds whatever capacity lateness its staff caused, so the
 *    share the model adds to its capacity part is netted of it (`netShare`): the capacity model is run over
 *    the settled window (its intake, the staff on site on its last day, the open stock the day before it) and its capacity-late
 *    fraction c_f gives s_f = (ŝ_f − c_f) ÷ (1 − c_f), so that s_f + (1 − s_f)·c_f = ŝ_f (0 when c_f ≥ ŝ_f);
 *  - coverage: every window above starts no earlier than the first reception day the store holds in full
 *    (`dossierCoverageFrom`: a pull with a window loads the dossiers updated since its start, so earlier
 *    reception days hold only the dossiers still moving then, most of them late);
 *  - staff: active officers with the assignment that covers `staffDay` (a secondment or reallocation wins
 *    over the home assignment, as in the staffing snapshot).
 */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm'
import { inCodes } from '../../db/pg/reads/communes.ts'
import type { Stores } from '../../db/stores.ts'
import { assignments, etlRuns, kpiTargets, officers } from '../../db/pg/schema/index.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { vnDay, vnMidnight } from '../../db/lib/vn-time.ts'
import { workingDays } from './queries/load.ts'
import { requiredServers } from './erlang.ts'
import { forecastsFor } from './forecast.server.ts'
import { predictCommune, type StaffOnSite } from './predict.ts'
import { DEFAULT_MODEL, type CommuneDemand, type CommunePrediction, type FieldParam, type ModelParams } from './predict-types.ts'
import { stockFacts, type StockFacts } from './queries/stock.ts'
import { fieldLateness, type FieldLateness } from './queries/staffing.ts'
import { counterModel, loadStaffingContext, type StaffingContext } from './staffing-context.server.ts'

export const MODEL_HISTORY_DAYS = 56
/** Calendar days after which a dossier's lateness is known (its due day has passed): the late-share window ends this long before asOf. */
export const SETTLE_DAYS = 42
/** Working days the staffing page predicts (the planner's default horizon). */
export const MODEL_HORIZON = 20
/** Late dossiers of slack: the shrinkage of a commune's lateness factor towards 1. */
const SHRINK = 5
/** Used when kpi_targets has no late_rate row. */
const DEFAULT_LATE_TARGET = 0.05

export interface StaffMember {
  id: string
  name: string
  position: string
  skills: string[]
  fte: number
  commune: string | null
}

/** Active officers, each with the commune of the assignment covering `day` (null: none). */
export async function staffOn(stores: Stores, codes: string[], day: string): Promise<StaffMember[]> {
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
        inCodes(assignments.communeCode, codes),
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

/** The commune's own staff as the prediction sees them. */
export function onSite(staff: readonly StaffMember[], code: string): StaffOnSite[] {
  return staff.filter((o) => o.commune === code).map(asOnSite)
}
const asOnSite = (o: StaffMember): StaffOnSite => ({ skills: o.skills, fte: o.fte, days: Infinity })

/** `onSite` for every commune at once (one pass over the staff, not one per commune), in the staff's order. */
export function onSiteByCommune(staff: readonly StaffMember[]): Map<string, StaffOnSite[]> {
  const out = new Map<string, StaffOnSite[]>()
  for (const o of staff) {
    if (o.commune === null) continue
    const list = out.get(o.commune)
    if (list) list.push(asOnSite(o))
    else out.set(o.commune, [asOnSite(o)])
  }
  return out
}

/** The ETL jobs that load dossiers from a source by pull (their runs record the window they read). */
const DOSSIER_PULL_JOBS = ['dossiers']

/**
 * The first reception day whose dossiers the store holds in full; null = from the beginning of the data (a pull
 * without a window read the source from its start, or no pull ran: data loaded another way). A pull with a
 * window reads the dossiers updated since its start: every dossier received from that day on, but of the earlier
 * reception days only those still moving — most of them late — so no model window may start before it.
 */
export async function dossierCoverageFrom(stores: Stores): Promise<string | null> {
  const runs = await stores.pg.db
    .select({ from: etlRuns.windowFrom })
    .from(etlRuns)
    .where(and(eq(etlRuns.status, 'ok'), inArray(etlRuns.job, DOSSIER_PULL_JOBS)))
  if (runs.length === 0 || runs.some((r) => r.from === null)) return null
  const first = Math.min(...runs.map((r) => r.from!.getTime()))
  const day = vnDay(first)
  return vnMidnight(day) === first ? day : addDays(day, 1)
}

/** The later of two days, either of which may be unknown (null). */
const later = (a: string, b: string | null) => (b !== null && b > a ? b : a)

/** s_f from the observed share ŝ_f and the capacity model's late fraction c_f on the same history (see the header). */
export function netShare(observed: number, capacity: number): number {
  return capacity >= observed || capacity >= 1 ? 0 : (observed - capacity) / (1 - capacity)
}

/** Per commune and field, the share of dossiers late for reasons outside capacity (see the header). */
export function lateShares(hist: Map<string, Map<string, FieldLateness>>): Map<string, Record<string, number>> {
  const prov = new Map<string, { n: number; late: number }>()
  for (const m of hist.values())
    for (const [f, x] of m) {
      const a = prov.get(f) ?? { n: 0, late: 0 }
      a.n += x.received
      a.late += x.late
      prov.set(f, a)
    }
  const p = (f: string) => {
    const a = prov.get(f)
    return a && a.n > 0 ? a.late / a.n : 0
  }
  const out = new Map<string, Record<string, number>>()
  for (const [c, m] of hist) {
    let late = 0
    let expected = 0
    for (const [f, x] of m) {
      late += x.late
      expected += x.received * p(f)
    }
    const factor = (late + SHRINK) / (expected + SHRINK)
    out.set(c, Object.fromEntries([...prov.keys()].map((f) => [f, Math.min(0.95, p(f) * factor)])))
  }
  // A commune without settled history takes the province's shares.
  out.set('', Object.fromEntries([...prov.keys()].map((f) => [f, p(f)])))
  return out
}

export interface ModelInputs {
  asOf: string
  /** Start of the intake history: 56 days before `asOf`, or the first day the store holds in full if later. */
  from: string
  /** The settled reception days the lateness shares were measured on; null: none the store holds in full. */
  settled: { from: string; to: string } | null
  /** The first reception day the store holds in full (null: all of it), `dossierCoverageFrom`. */
  coverageFrom: string | null
  workingDays: number
  fields: Record<string, FieldParam>
  demands: CommuneDemand[]
  /** Communes with no dossier in the history window (their load is 0). */
  noIntake: string[]
  ctx: StaffingContext
}

function fieldParams(ctx: StaffingContext): Record<string, FieldParam> {
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
  return fields
}

export interface ModelOptions {
  /** false = the pure capacity model (no lateness outside capacity): the back-test's "before". */
  lateShares?: boolean
  /** The store's coverage when the caller has read it already (`dossierCoverageFrom`). */
  coverageFrom?: string | null
}

/**
 * Per field, the fraction of the settled window's dossiers the capacity model alone finds late: its intake
 * (received ÷ working days), the staff on site on its last day, the open stock the day before it (ADR 031).
 */
function settledCapacityLate(
  d: CommuneDemand,
  hist: Map<string, FieldLateness> | undefined,
  fields: Readonly<Record<string, FieldParam>>,
  days: number,
  staff: StaffOnSite[],
  stock: StockFacts | undefined,
): Record<string, number> {
  if (!hist || days <= 0) return {}
  const perDay: Record<string, number> = {}
  for (const [f, x] of hist) if (fields[f] && x.received > 0) perDay[f] = x.received / days
  if (Object.keys(perDay).length === 0) return {}
  const then = { ...d, dossiersPerDay: perDay, backlog: backlogOf(stock, perDay, fields), lateShare: undefined }
  const p = predictCommune(then, staff, fields, days, DEFAULT_MODEL)
  return Object.fromEntries(Object.keys(perDay).map((f) => [f, p.lateOfIntakeByField[f]! / (perDay[f]! * days)]))
}

/** The open stock not yet overdue as cohorts (see the header): nearly due → 1 day left, not yet due → half the allowance. */
function backlogOf(s: StockFacts | undefined, perDay: Record<string, number>, fields: Readonly<Record<string, FieldParam>>) {
  const total = Object.values(perDay).reduce((x, y) => x + y, 0)
  return s && total > 0
    ? Object.entries(perDay).flatMap(([field, d]) => [
        { field, dossiers: (s.nearlyDue * d) / total, daysLeft: 1 },
        { field, dossiers: (s.notDue * d) / total, daysLeft: Math.max(2, Math.round((fields[field]?.allowanceDays ?? 4) / 2)) },
      ])
    : []
}

/** Everything `predictCommune` needs for the given communes, from history ending `asOf`. */
export async function loadModelInputs(
  stores: Stores,
  communes: readonly { code: string; name: string }[],
  asOf: string,
  caller: string,
  opts: ModelOptions = {},
): Promise<ModelInputs> {
  const codes = communes.map((c) => c.code)
  const coverageFrom = opts.coverageFrom !== undefined ? opts.coverageFrom : await dossierCoverageFrom(stores)
  const from = later(addDays(asOf, -(MODEL_HISTORY_DAYS - 1)), coverageFrom)
  const settledTo = addDays(asOf, -SETTLE_DAYS)
  const settledFrom = later(addDays(settledTo, -(MODEL_HISTORY_DAYS - 1)), coverageFrom)
  const withShares = opts.lateShares !== false && settledFrom <= settledTo
  const none = Promise.resolve(null)
  const [ctx, forecasts, stock, hist, staffThen, settledDays, stockThen] = await Promise.all([
    loadStaffingContext(stores, codes, from, asOf, caller),
    forecastsFor(stores, codes, asOf, caller),
    stockFacts(stores.ch, codes, asOf, addDays(asOf, -28), caller),
    withShares ? fieldLateness(stores.ch, codes, settledFrom, settledTo, caller) : none,
    withShares ? staffOn(stores, codes, settledTo) : none,
    withShares ? workingDays(stores.ch, settledFrom, settledTo, caller) : none,
    withShares ? stockFacts(stores.ch, codes, addDays(settledFrom, -1), addDays(settledFrom, -1), caller) : none,
  ])
  const W = ctx.workingDays
  const fields = fieldParams(ctx)
  const shares = hist ? lateShares(hist) : null
  const noIntake: string[] = []
  const demands: CommuneDemand[] = communes.map((c) => {
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
    const backlog = backlogOf(s, perDay, fields)
    const demand: CommuneDemand = {
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
    if (shares) {
      const observed = shares.get(c.code) ?? shares.get('')!
      const capacity =
        hist && staffThen && settledDays
          ? settledCapacityLate(demand, hist.get(c.code), fields, settledDays, onSite(staffThen, c.code), stockThen?.get(c.code))
          : {}
      demand.lateShareObserved = observed
      demand.lateShare = Object.fromEntries(Object.entries(observed).map(([f, s]) => [f, netShare(s, capacity[f] ?? 0)]))
    }
    return demand
  })
  const settled = withShares ? { from: settledFrom, to: settledTo } : null
  return { asOf, from, settled, coverageFrom, workingDays: W, fields, demands, noIntake, ctx }
}

/** The late_rate target per commune (its own row, else the province row, else 5 %). */
export async function lateTargets(stores: Stores, codes: string[]): Promise<Map<string, number>> {
  const rows = await stores.pg.db
    .select({ commune: kpiTargets.communeCode, target: kpiTargets.target })
    .from(kpiTargets)
    .where(and(eq(kpiTargets.kpi, 'late_rate'), or(isNull(kpiTargets.communeCode), inCodes(kpiTargets.communeCode, codes))))
  const def = rows.find((r) => r.commune === null)?.target ?? DEFAULT_LATE_TARGET
  const own = new Map(rows.filter((r) => r.commune !== null).map((r) => [r.commune as string, r.target]))
  return new Map(codes.map((c) => [c, own.get(c) ?? def]))
}

/** Counters the wait target needs (Erlang C on the demand's arrivals): 1 without arrivals. */
export function countersNeeded(d: CommuneDemand): number {
  return d.counterArrivalsPerHour > 0
    ? requiredServers({
        arrivalsPerHour: d.counterArrivalsPerHour,
        handlingMinutes: d.handlingMinutes,
        targetWaitMinutes: d.targetWaitMinutes,
        targetServiceLevel: d.targetServiceLevel,
      })
    : 1
}

/** Counted dossiers of a prediction: received over the horizon plus the open ones at its start. */
const counted = (d: CommuneDemand, p: CommunePrediction) => p.intake + d.backlog.reduce((x, b) => x + Math.max(0, b.dossiers), 0)

/**
 * Whether a prediction meets the commune's targets: every counter the wait target needs is open, and the
 * predicted late share is at most the late_rate target — or, where lateness outside capacity alone exceeds
 * the target, staff leave at most half a dossier late over the horizon.
 */
export function meetsTargets(d: CommuneDemand, p: CommunePrediction, lateTarget: number): boolean {
  const other = p.late - p.lateCapacity
  const allowance = Math.max(0.5, lateTarget * counted(d, p) - other)
  return p.counters >= countersNeeded(d) && p.lateCapacity <= allowance + 1e-9
}

/**
 * Smallest headcount whose prediction meets the targets. When the staff on site (`current`) miss them — too few,
 * or without the skills the fields need — the current staff plus the fewest full-time generalists that meet
 * them; otherwise the fewest full-time generalists (at least the minimum staff) that would.
 */
export function requiredHeadcount(
  d: CommuneDemand,
  fields: Readonly<Record<string, FieldParam>>,
  horizon: number,
  lateTarget: number,
  model: ModelParams = DEFAULT_MODEL,
  current?: readonly StaffOnSite[],
): number {
  const generalists = (n: number): StaffOnSite[] => Array.from({ length: n }, () => ({ skills: [], fte: 1, days: Infinity }))
  const meets = (staff: StaffOnSite[]) => meetsTargets(d, predictCommune(d, staff, fields, horizon, model), lateTarget)
  if (current && current.length > 0 && !meets([...current])) {
    for (let k = 1; k <= 500; k++) if (meets([...current, ...generalists(k)])) return Math.max(d.minStaff, current.length + k)
    return 500
  }
  for (let n = Math.max(1, d.minStaff); n <= 500; n++) if (meets(generalists(n))) return n
  return 500
}

export interface CommuneModelResult {
  demand: CommuneDemand
  /** The prediction for the staff on site (the planner's "before"). */
  prediction: CommunePrediction
  required: number
  lateTarget: number
  countersNeeded: number
  heads: number
}

export interface StaffingPrediction {
  inputs: ModelInputs
  staff: StaffMember[]
  horizon: number
  perCommune: Map<string, CommuneModelResult>
}

/** Predictions being computed, per stores: concurrent readers of the same one share it (never kept once settled). */
const inflight = new WeakMap<Stores, Map<string, Promise<StaffingPrediction>>>()

/**
 * The prediction and the required headcount of every commune given, for the staff on site on `staffDay`. The
 * staffing page, the overload level and the alerts read it for the same dates in one request (the KPI API asks
 * for both); a call while the same one is running waits for it rather than simulating the province again.
 */
export function getStaffingPrediction(...args: Parameters<typeof predictStaffing>): Promise<StaffingPrediction> {
  const [stores, communes, asOf, staffDay, , opts] = args
  const key = JSON.stringify([communes.map((c) => c.code), asOf, staffDay, opts ?? {}])
  const running = inflight.get(stores) ?? new Map<string, Promise<StaffingPrediction>>()
  inflight.set(stores, running)
  const hit = running.get(key)
  if (hit) return hit
  const p = predictStaffing(...args).finally(() => running.delete(key))
  running.set(key, p)
  return p
}

async function predictStaffing(
  stores: Stores,
  communes: readonly { code: string; name: string }[],
  asOf: string,
  staffDay: string,
  caller: string,
  opts: ModelOptions & { horizon?: number; model?: ModelParams } = {},
): Promise<StaffingPrediction> {
  const codes = communes.map((c) => c.code)
  const horizon = opts.horizon ?? MODEL_HORIZON
  const model = opts.model ?? DEFAULT_MODEL
  const [inputs, staff, targets] = await Promise.all([
    loadModelInputs(stores, communes, asOf, caller, opts),
    staffOn(stores, codes, staffDay),
    lateTargets(stores, codes),
  ])
  const perCommune = new Map<string, CommuneModelResult>()
  const sites = onSiteByCommune(staff)
  for (const d of inputs.demands) {
    const own = sites.get(d.code) ?? []
    const { objective: _o, ...prediction } = predictCommune(d, own, inputs.fields, horizon, model)
    const lateTarget = targets.get(d.code)!
    perCommune.set(d.code, {
      demand: d,
      prediction,
      required: requiredHeadcount(d, inputs.fields, horizon, lateTarget, model, own),
      lateTarget,
      countersNeeded: countersNeeded(d),
      heads: own.length,
    })
  }
  return { inputs, staff, horizon, perCommune }
}
