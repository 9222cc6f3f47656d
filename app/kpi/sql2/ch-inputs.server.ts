/**
 * What the KPI engine (part 2) reads from ClickHouse for a period, for many communes at once (one query
 * per kind of fact, whatever the number of communes). Everything comes from rollups, never from a scan of
 * dossiers or tickets. The province-wide figures are keyed '' (ROLLUP / GROUPING SETS rows).
 */
import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { chRows, num, numOrNull } from './run.server.ts'

export const PROVINCE = ''

export async function workingDays(ch: ChStore, from: string, to: string, log: string): Promise<number> {
  const [r] = await chRows(ch, 'working_days', { from, to }, z.object({ working_days: num, calendar_days: num }), log)
  if (!r || r.calendar_days === 0) throw new Error(`working-day calendar has no days between ${from} and ${to}`)
  return r.working_days
}

const ProcRow = z.object({
  commune_code: z.string(),
  procedure_code: z.string(),
  name: z.string(),
  field: z.string(),
  n_received: num,
  n_in_person: num,
  n_statutory_days: num,
  n_supplement: num,
  n_supplement_repeated: num,
  n_finished: num,
  n_finished_late: num,
  n_late: num,
  n_problem: num,
  n_digitised: num,
})
export interface ProcedureFacts {
  code: string
  name: string
  field: string
  received: number
  inPerson: number
  statutoryDays: number
  supplement: number
  supplementRepeated: number
  finished: number
  finishedLate: number
  late: number
  problem: number
  digitised: number
}

/** Per commune: one entry per procedure with dossiers received in the period. */
export async function procedureFacts(
  ch: ChStore,
  codes: string[],
  from: string,
  to: string,
  log: string,
): Promise<Map<string, ProcedureFacts[]>> {
  const rows = await chRows(ch, 'procedure_totals', { codes, from, to }, ProcRow, log)
  const out = new Map<string, ProcedureFacts[]>()
  for (const r of rows) {
    const list = out.get(r.commune_code) ?? []
    list.push({
      code: r.procedure_code,
      name: r.name,
      field: r.field,
      received: r.n_received,
      inPerson: r.n_in_person,
      statutoryDays: r.n_statutory_days,
      supplement: r.n_supplement,
      supplementRepeated: r.n_supplement_repeated,
      finished: r.n_finished,
      finishedLate: r.n_finished_late,
      late: r.n_late,
      problem: r.n_problem,
      digitised: r.n_digitised,
    })
    out.set(r.commune_code, list)
  }
  return out
}

export interface HourFacts {
  hour: number
  tickets: number
  /** Tickets in this hour of the day ÷ days with tickets. */
  arrivalsPerHour: number
  meanWaitMinutes: number | null
}
export interface QueueFacts {
  tickets: number
  daysWithTickets: number
  called: number
  meanWaitMinutes: number | null
  p90WaitMinutes: number | null
  served: number
  meanServiceMinutes: number | null
  byHour: HourFacts[]
  peakHour: number
  peakArrivalsPerHour: number
}

const QTotal = z.object({
  commune_code: z.string(),
  n_tickets: num,
  n_days: num,
  n_called: num,
  wait_sum: num,
  wait_p90: numOrNull,
  n_served: num,
  service_sum: num,
})
const QHour = z.object({ commune_code: z.string(), hour: num, n_tickets: num, n_called: num, wait_sum: num })

/** Queue facts per commune with tickets in the period, plus PROVINCE ('') for all of them together. */
export async function queueFacts(ch: ChStore, codes: string[], from: string, to: string, log: string): Promise<Map<string, QueueFacts>> {
  const [totals, hours] = await Promise.all([
    chRows(ch, 'queue_totals', { codes, from, to }, QTotal, log),
    chRows(ch, 'queue_by_hour', { codes, from, to }, QHour, log),
  ])
  const out = new Map<string, QueueFacts>()
  for (const t of totals) {
    const byHour = hours
      .filter((h) => h.commune_code === t.commune_code)
      .map((h) => ({
        hour: h.hour,
        tickets: h.n_tickets,
        arrivalsPerHour: h.n_tickets / t.n_days,
        meanWaitMinutes: h.n_called > 0 ? h.wait_sum / h.n_called : null,
      }))
      .sort((a, b) => a.hour - b.hour)
    const peak = byHour.reduce((best, h) => (h.arrivalsPerHour > best.arrivalsPerHour ? h : best), byHour[0]!)
    out.set(t.commune_code, {
      tickets: t.n_tickets,
      daysWithTickets: t.n_days,
      called: t.n_called,
      meanWaitMinutes: t.n_called > 0 ? t.wait_sum / t.n_called : null,
      p90WaitMinutes: t.n_called > 0 ? t.wait_p90 : null,
      served: t.n_served,
      meanServiceMinutes: t.n_served > 0 ? t.service_sum / t.n_served : null,
      byHour,
      peakHour: peak.hour,
      peakArrivalsPerHour: peak.arrivalsPerHour,
    })
  }
  return out
}

export interface SnapshotFacts {
  /** Mean FTE over working days with a snapshot in the period; null if none. */
  avgFte: number | null
  days: number
  lastOfficers: number
  lastFte: number
  lastDay: string
}
const SnapRow = z.object({
  commune_code: z.string(),
  avg_fte: numOrNull,
  n_days: num,
  last_officers: num,
  last_fte: num,
  last_day: z.string(),
})

export async function snapshotFacts(
  ch: ChStore,
  codes: string[],
  from: string,
  to: string,
  log: string,
): Promise<Map<string, SnapshotFacts>> {
  const rows = await chRows(ch, 'staffing_snapshots', { codes, from, to }, SnapRow, log)
  return new Map(
    rows.map((r) => [
      r.commune_code,
      { avgFte: r.n_days > 0 ? r.avg_fte : null, days: r.n_days, lastOfficers: r.last_officers, lastFte: r.last_fte, lastDay: r.last_day },
    ]),
  )
}

/** Received per commune per day in [from, to]; days without dossiers are absent (the caller densifies). */
export async function dailyReceived(
  ch: ChStore,
  codes: string[],
  from: string,
  to: string,
  log: string,
): Promise<Map<string, Map<string, number>>> {
  const rows = await chRows(
    ch,
    'daily_received',
    { codes, from, to },
    z.object({ commune_code: z.string(), d: z.string(), n_received: num }),
    log,
  )
  const out = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const m = out.get(r.commune_code) ?? new Map<string, number>()
    m.set(r.d, r.n_received)
    out.set(r.commune_code, m)
  }
  return out
}

export interface StockFacts {
  atDay: string
  notDue: number
  nearlyDue: number
  overdue: number
  open: number
  /** Open dossiers at the end of the previous period; null when the rollup has no row that early. */
  prevOpen: number | null
  prevDay: string | null
}
const StockRow = z.object({
  commune_code: z.string(),
  at_day: z.string(),
  not_due: num,
  nearly_due: num,
  overdue: num,
  prev_day: z.string(),
  prev_open: num,
})

/** Open-dossier stock per commune at `at` and `prev` from part 1's commune_day rollup (absent: no rows). */
export async function stockFacts(ch: ChStore, codes: string[], at: string, prev: string, log: string): Promise<Map<string, StockFacts>> {
  const rows = await chRows(ch, 'open_stock', { codes, at, prev }, StockRow, log)
  return new Map(
    rows.map((r) => {
      const hasPrev = r.prev_day > '1970-01-01'
      return [
        r.commune_code,
        {
          atDay: r.at_day,
          notDue: r.not_due,
          nearlyDue: r.nearly_due,
          overdue: r.overdue,
          open: r.not_due + r.nearly_due + r.overdue,
          prevOpen: hasPrev ? r.prev_open : null,
          prevDay: hasPrev ? r.prev_day : null,
        },
      ]
    }),
  )
}
