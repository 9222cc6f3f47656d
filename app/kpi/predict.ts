/**
 * The predicted effect of a staffing on one commune over a horizon of H working days — written once and used
 * for "before", "after", every what-if edit and the bench's baseline.
 *
 * Each working day t = 0 … H−1, with the staff present that day (a secondee counts only for their days):
 *  1. Counter. Offered load A = λ·h/60 Erlangs (λ counter arrivals per hour, h handling minutes). The centre
 *     opens N = min(requiredServers(λ, h, target wait, target service level), max(1, ⌊FTE⌋)) counters
 *     (app/kpi/erlang.ts); no staff → N = 0.
 *     Mean wait: Erlang C  Wq = C(N, A)·h/(N − A) when A < N, capped at T/2 (T = the counter day in minutes:
 *     a queue that does not clear is turned away and comes back); when A ≥ N, the fluid overflow
 *     T/2·max(1, A/N − 1); N = 0 → T. Wait hours = λ·T/60 · Wq/60.
 *  2. Staff time. S = FTE × work hours. Counter staff time Tc = counterHours·(N − u·max(0, N − A)): the
 *     busy time, plus the idle counter time not reused (u = idleCounterUse, default ½). Everyone takes turns
 *     at the counter, so each officer loses the share Tc/S of their day; the rest is back-office time.
 *  3. Back office, a fluid queue per field. Every day each field f receives D_f dossiers needing s_f hours
 *     each, due a_f working days later (its allowance; open backlog keeps its own days left). The day's
 *     back-office hours are dispatched earliest-due-first across fields (first in, first out within a
 *     field); a field's work goes only to officers holding that skill (an officer with no listed skill is a
 *     generalist; `openFields` such as 'khac' are open to all), specialists (fewest skills) first; officers with as many
 *     skills share a field's work in proportion to the time each has left, so the prediction depends on who is
 *     on site, never on the order of the staff list.
 *  4. Late dossiers = of the dossiers received during the horizon and those open at its start, the ones
 *     finished after their due day: `late` = `lateOfIntake` (received during the horizon: the figure the
 *     pages show and the back-test checks, ADR 031) + `lateOfOpen` (open and not yet due at its start). The simulation goes on past the horizon (same intake and staff) until
 *     all of them are finished — so a plan cannot hide lateness by pushing it past the horizon — for at most
 *     max allowance + 1 + H more days; any still open then are past their due day and late too. Dossiers
 *     already overdue at the start are late whatever the plan does: reported as `alreadyOverdue`, not in `late`.
 *  Utilisation = Σ_t (A·counterHours + Σ D_f·s_f) / Σ_t S over the horizon (> 1: more work than staff time).
 *  Objective (what the planner minimises) = late + waitWeight × waitHours.
 * This is a deterministic fluid model: it predicts the lateness caused by a lack of staff capacity and skills,
 * not lateness caused outside the centre (other agencies, citizens' supplements).
 */
import { erlangC, requiredServers } from './erlang.ts'
import type { CommuneDemand, CommunePrediction, FieldParam, ModelParams } from './predict-types.ts'

export interface StaffOnSite {
  skills: readonly string[]
  fte: number
  /** Working days present from the start: a secondment's length; Infinity for the centre's own staff. */
  days: number
}

interface Cohort {
  deadline: number
  hours: number
  perDossier: number
  /** Received within the horizon (or open at its start): its lateness counts. */
  counted: boolean
  /** Received within the horizon (not open at its start). */
  intake: boolean
}

interface SkillClass {
  skills: readonly string[]
  fte: number
  days: number
  /** Infinity = generalist; otherwise the number of skills (specialists are used first). */
  rank: number
  /** The skill set, sorted (a fixed order of the classes, whatever the order of the staff list). */
  key: string
}

function counterWaitMinutes(a: number, n: number, h: number, dayMinutes: number): number {
  if (n === 0) return dayMinutes
  if (a === 0) return 0
  if (a >= n) return (dayMinutes / 2) * Math.max(1, a / n - 1)
  const wq = (erlangC(n, a) * h) / (n - a)
  return Math.min(wq, dayMinutes / 2)
}

/**
 * A dossier is late for a reason outside the centre's capacity with the field's probability s_f (ADR 031),
 * or, if not, when the staff's time does not reach it before its due day (the fluid queue):
 *   late_f = s_f × counted dossiers_f + (1 − s_f) × capacity late_f.
 */
function combineLateness(
  load: CommuneDemand,
  fieldCodes: readonly string[],
  horizon: number,
  capByField: Record<string, number>,
  capIntakeByField: Record<string, number>,
) {
  const lateByField: Record<string, number> = {}
  const lateOfIntakeByField: Record<string, number> = {}
  let late = 0
  let lateOfIntake = 0
  let lateCapacity = 0
  for (const f of fieldCodes) {
    const share = Math.min(1, Math.max(0, load.lateShare?.[f] ?? 0))
    const intake = horizon * (load.dossiersPerDay[f] ?? 0)
    const open = load.backlog.reduce((x, b) => x + (b.field === f && b.dossiers > 0 ? b.dossiers : 0), 0)
    const cap = capByField[f] * (1 - share)
    lateByField[f] = share * (intake + open) + cap
    late += lateByField[f]
    lateOfIntakeByField[f] = share * intake + capIntakeByField[f] * (1 - share)
    lateOfIntake += lateOfIntakeByField[f]
    lateCapacity += cap
  }
  return { late, lateByField, lateOfIntake, lateOfIntakeByField, lateOfOpen: late - lateOfIntake, lateCapacity }
}

export function predictCommune(
  load: CommuneDemand,
  staff: readonly StaffOnSite[],
  fields: Readonly<Record<string, FieldParam>>,
  horizon: number,
  model: ModelParams,
): CommunePrediction & { objective: number } {
  const fieldCodes = [...new Set([...Object.keys(load.dossiersPerDay), ...load.backlog.map((b) => b.field)])].sort()
  for (const f of fieldCodes) if (!fields[f]) throw new Error(`predict: no effort/allowance for field "${f}" (commune ${load.code})`)
  const classes: SkillClass[] = staff
    .filter((s) => s.fte > 0 && s.days > 0)
    .map((s) => ({
      skills: s.skills,
      fte: s.fte,
      days: s.days,
      rank: s.skills.length === 0 ? Infinity : s.skills.length,
      key: [...s.skills].sort().join(','),
    }))
    // Fewest skills first (ties share work pro rata, below); the fixed order only makes sums bit-identical.
    .sort((x, y) => x.rank - y.rank || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) || x.fte - y.fte || x.days - y.days)
  const canDo = (c: SkillClass, f: string) => c.rank === Infinity || c.skills.includes(f) || model.openFields.includes(f)
  // Per field, the classes that can do it, in groups of equal rank (fewest skills first).
  const doers = new Map(
    fieldCodes.map((f) => {
      const groups: number[][] = []
      classes.forEach((c, i) => {
        if (!canDo(c, f)) return
        const last = groups[groups.length - 1]
        if (last && classes[last[0]].rank === c.rank) last.push(i)
        else groups.push([i])
      })
      return [f, groups]
    }),
  )

  const queues = new Map<string, { items: Cohort[]; head: number }>(fieldCodes.map((f) => [f, { items: [], head: 0 }]))
  for (const b of [...load.backlog].sort((x, y) => x.daysLeft - y.daysLeft)) {
    if (b.dossiers <= 0) continue
    const s = fields[b.field].backOfficeHours
    queues.get(b.field)!.items.push({ deadline: b.daysLeft, hours: b.dossiers * s, perDossier: s, counted: true, intake: false })
  }

  const h = load.handlingMinutes
  const a = (load.counterArrivalsPerHour * h) / 60
  const dayMinutes = load.counterHoursPerDay * 60
  const arrivalsPerDay = load.counterArrivalsPerHour * load.counterHoursPerDay
  const required =
    a > 0
      ? requiredServers({
          arrivalsPerHour: load.counterArrivalsPerHour,
          handlingMinutes: h,
          targetWaitMinutes: load.targetWaitMinutes,
          targetServiceLevel: load.targetServiceLevel,
        })
      : 1
  const workPerDay = fieldCodes.reduce((sum, f) => sum + (load.dossiersPerDay[f] ?? 0) * fields[f].backOfficeHours, 0)

  // Capacity lateness per field: every counted dossier, and those received in the horizon.
  const capByField: Record<string, number> = Object.fromEntries(fieldCodes.map((f) => [f, 0]))
  const capIntakeByField: Record<string, number> = Object.fromEntries(fieldCodes.map((f) => [f, 0]))
  let waitHours = 0
  let demandHours = 0
  let supplyHours = 0
  let firstCounters = 0
  const hoursLeft = new Float64Array(classes.length)
  // After the horizon the simulation goes on (same intake, staff still there) until every counted dossier is
  // finished, so lateness pushed past the horizon is still seen; whatever is open at `end` is past its due day.
  const maxAllowance = Math.max(0, ...fieldCodes.map((f) => fields[f].allowanceDays), ...load.backlog.map((b) => b.daysLeft))
  const end = horizon + Math.ceil(maxAllowance) + 1 + horizon
  let open = load.backlog.reduce((x, b) => x + (b.dossiers > 0 ? 1 : 0), 0)
  for (let t = 0; t < end && (t < horizon || open > 0); t++) {
    const inHorizon = t < horizon
    let fte = 0
    for (const c of classes) if (c.days > t) fte += c.fte
    const n = fte <= 0 ? 0 : Math.min(required, Math.max(1, Math.floor(fte + 1e-9)))
    if (t === 0) firstCounters = n
    const supply = fte * load.workHoursPerDay
    const counterTime = load.counterHoursPerDay * (n - model.idleCounterUse * Math.max(0, n - a))
    const backShare = supply > 0 ? Math.max(0, 1 - counterTime / supply) : 0
    if (inHorizon) {
      waitHours += (arrivalsPerDay * counterWaitMinutes(a, n, h, dayMinutes)) / 60
      demandHours += a * load.counterHoursPerDay + workPerDay
      supplyHours += supply
    }
    classes.forEach((c, i) => (hoursLeft[i] = c.days > t ? c.fte * load.workHoursPerDay * backShare : 0))

    for (const f of fieldCodes) {
      const d = load.dossiersPerDay[f] ?? 0
      if (d > 0) {
        const p = fields[f]
        queues.get(f)!.items.push({
          deadline: t + p.allowanceDays,
          hours: d * p.backOfficeHours,
          perDossier: p.backOfficeHours,
          counted: inHorizon,
          intake: inHorizon,
        })
        if (inHorizon) open++
      }
    }
    // Earliest-due-first across fields; a field nobody present can do is skipped for the day.
    const blocked = new Set<string>()
    for (;;) {
      let best: string | null = null
      let bestDeadline = Infinity
      for (const f of fieldCodes) {
        const q = queues.get(f)!
        if (blocked.has(f) || q.head >= q.items.length) continue
        if (q.items[q.head].deadline < bestDeadline) {
          bestDeadline = q.items[q.head].deadline
          best = f
        }
      }
      if (best === null) break
      const q = queues.get(best)!
      const cohort = q.items[q.head]
      for (const group of doers.get(best)!) {
        if (cohort.hours <= 1e-12) break
        let avail = 0
        for (const i of group) avail += hoursLeft[i]
        if (avail <= 1e-12) continue
        // Within a group of equal rank every member gives the same share of the time it has left.
        const take = Math.min(avail, cohort.hours)
        const share = take / avail
        for (const i of group) hoursLeft[i] = share >= 1 ? 0 : hoursLeft[i] * (1 - share)
        cohort.hours -= take
        if (t > cohort.deadline && cohort.counted) {
          capByField[best] += take / cohort.perDossier
          if (cohort.intake) capIntakeByField[best] += take / cohort.perDossier
        }
      }
      if (cohort.hours <= 1e-12) {
        q.head++
        if (cohort.counted) open--
      } else blocked.add(best)
    }
  }
  for (const [f, q] of queues)
    for (let k = q.head; k < q.items.length; k++) {
      const c = q.items[k]
      if (!c.counted) continue
      capByField[f] += c.hours / c.perDossier
      if (c.intake) capIntakeByField[f] += c.hours / c.perDossier
    }
  const lt = combineLateness(load, fieldCodes, horizon, capByField, capIntakeByField)
  const late = lt.late

  const intake = horizon * fieldCodes.reduce((sum, f) => sum + (load.dossiersPerDay[f] ?? 0), 0)
  const totalArrivals = arrivalsPerDay * horizon
  return {
    code: load.code,
    heads: staff.filter((s) => s.days >= horizon).length,
    fte: staff.filter((s) => s.days >= horizon).reduce((x, s) => x + s.fte, 0),
    counters: firstCounters,
    intake,
    late,
    lateByField: lt.lateByField,
    lateOfIntake: lt.lateOfIntake,
    lateOfIntakeByField: lt.lateOfIntakeByField,
    lateOfOpen: lt.lateOfOpen,
    lateCapacity: lt.lateCapacity,
    meanWaitMinutes: totalArrivals > 0 ? (waitHours * 60) / totalArrivals : 0,
    waitHours,
    utilisation: supplyHours > 0 ? demandHours / supplyHours : demandHours > 0 ? Infinity : 0,
    demandHours,
    supplyHours,
    arrivals: totalArrivals,
    alreadyOverdue: load.alreadyOverdue,
    objective: late + model.waitWeight * waitHours,
  }
}
