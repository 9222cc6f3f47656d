/**
 * Load per commune and for the province over a period:
 *  - dossiers received per working day (working days from the `workdays` calendar: weekends, Tết and other
 *    days off excluded, make-up Saturdays included);
 *  - per officer on duty: received per working day ÷ mean FTE on working days with a staffing snapshot
 *    (null without staff data); the province counts only communes that have staff data on both sides;
 *  - weighted by procedure complexity: each dossier weighs its statutory time in working days (reception day
 *    → due day, at least 1), so a 15-day land dossier weighs 15 same-day certifications;
 *  - at centres with a ticket machine: arrivals per hour of the day (tickets ÷ days with tickets), the peak
 *    hour, mean and p90 wait (called − taken) and mean counter service time (done − called).
 * Reads the rollups commune_day_procedure and commune_hour_queue, and staffing_daily, only.
 */
import type { Stores } from '../../db/stores.ts'
import { ratio, round, roundOrNull } from './numbers.ts'
import { procedureFacts, workingDays, type ProcedureFacts } from './queries/load.ts'
import { PROVINCE, queueFacts, type QueueFacts } from './queries/queue.ts'
import { snapshotFacts, type SnapshotFacts } from './queries/staffing.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export interface QueueLoad {
  tickets: number
  daysWithTickets: number
  arrivalsPerDay: number
  peakHour: number
  peakArrivalsPerHour: number
  meanWaitMinutes: number | null
  p90WaitMinutes: number | null
  meanServiceMinutes: number | null
  byHour: { hour: number; arrivalsPerHour: number; meanWaitMinutes: number | null }[]
}

export interface LoadFigures {
  received: number
  receivedInPerson: number
  receivedPerWorkday: number | null
  weightedReceived: number
  weightedPerWorkday: number | null
  /** Mean statutory working days per dossier received. */
  complexity: number | null
  /** Mean FTE on duty over working days with a snapshot (Σ over communes for the province). */
  fte: number | null
  perOfficerPerWorkday: number | null
  weightedPerOfficerPerWorkday: number | null
  queue: QueueLoad | null
}

export interface CommuneLoad extends LoadFigures {
  commune: string
  name: string
}

export interface Load extends LoadFigures {
  commune: string | null
  from: string
  to: string
  workingDays: number
  /** Communes whose load per officer is known (staff snapshots in the period). */
  communesWithStaffData: number
  perCommune: CommuneLoad[]
}

function queueLoad(q: QueueFacts | undefined): QueueLoad | null {
  if (!q) return null
  return {
    tickets: q.tickets,
    daysWithTickets: q.daysWithTickets,
    arrivalsPerDay: round(q.tickets / q.daysWithTickets),
    peakHour: q.peakHour,
    peakArrivalsPerHour: round(q.peakArrivalsPerHour),
    meanWaitMinutes: roundOrNull(q.meanWaitMinutes),
    p90WaitMinutes: roundOrNull(q.p90WaitMinutes),
    meanServiceMinutes: roundOrNull(q.meanServiceMinutes),
    byHour: q.byHour.map((h) => ({
      hour: h.hour,
      arrivalsPerHour: round(h.arrivalsPerHour),
      meanWaitMinutes: roundOrNull(h.meanWaitMinutes),
    })),
  }
}

function figures(
  W: number,
  procs: ProcedureFacts[],
  fte: number | null,
  receivedWithStaff: number,
  weightedWithStaff: number,
  queue: QueueFacts | undefined,
): LoadFigures {
  const received = procs.reduce((s, p) => s + p.received, 0)
  const weighted = procs.reduce((s, p) => s + p.statutoryDays, 0)
  const perDay = (n: number) => ratio(n, W)
  return {
    received,
    receivedInPerson: procs.reduce((s, p) => s + p.inPerson, 0),
    receivedPerWorkday: roundOrNull(perDay(received)),
    weightedReceived: round(weighted),
    weightedPerWorkday: roundOrNull(perDay(weighted)),
    complexity: roundOrNull(ratio(weighted, received)),
    fte: roundOrNull(fte),
    perOfficerPerWorkday: roundOrNull(fte === null ? null : ratio(perDay(receivedWithStaff), fte)),
    weightedPerOfficerPerWorkday: roundOrNull(fte === null ? null : ratio(perDay(weightedWithStaff), fte)),
    queue: queueLoad(queue),
  }
}

export async function getLoad(stores: Stores, query: KpiQuery): Promise<Load> {
  const q = KpiQuery.parse(query)
  const { selected } = await resolveScope(stores, q.commune)
  const codes = selected.map((c) => c.code)
  const log = 'kpi:getLoad'
  const [W, procs, queue, snaps] = await Promise.all([
    workingDays(stores.ch, q.from, q.to, log),
    procedureFacts(stores.ch, codes, q.from, q.to, log),
    queueFacts(stores.ch, codes, q.from, q.to, log),
    snapshotFacts(stores.ch, codes, q.from, q.to, log),
  ])
  const fteOf = (code: string) => (snaps as Map<string, SnapshotFacts>).get(code)?.avgFte ?? null
  const perCommune: CommuneLoad[] = selected.map((c) => {
    const p = procs.get(c.code) ?? []
    const sum = (f: (x: ProcedureFacts) => number) => p.reduce((s, x) => s + f(x), 0)
    return {
      commune: c.code,
      name: c.name,
      ...figures(
        W,
        p,
        fteOf(c.code),
        sum((x) => x.received),
        sum((x) => x.statutoryDays),
        queue.get(c.code),
      ),
    }
  })
  // Province (or the single commune): per officer only over communes that have staff data.
  const withStaff = perCommune.filter((c) => c.fte !== null)
  const allProcs = selected.flatMap((c) => procs.get(c.code) ?? [])
  const staffedCodes = new Set(withStaff.map((c) => c.commune))
  const staffedProcs = selected.filter((c) => staffedCodes.has(c.code)).flatMap((c) => procs.get(c.code) ?? [])
  const fteTotal = withStaff.length ? withStaff.reduce((s, c) => s + (fteOf(c.commune) ?? 0), 0) : null
  const total = figures(
    W,
    allProcs,
    fteTotal,
    staffedProcs.reduce((s, x) => s + x.received, 0),
    staffedProcs.reduce((s, x) => s + x.statutoryDays, 0),
    q.commune ? queue.get(q.commune) : queue.get(PROVINCE),
  )
  return {
    commune: q.commune ?? null,
    from: q.from,
    to: q.to,
    workingDays: W,
    ...total,
    communesWithStaffData: withStaff.length,
    perCommune,
  }
}
