/**
 * What the load, staffing and training models read per commune over a period, from the rollups (never a
 * scan of dossiers): working days, per-procedure totals, dossiers received per day.
 */
import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { CommunePeriod, defineQuery, IN_SCOPE, num, sql, ymd } from '../../../db/clickhouse/query.ts'

/**
 * Working days in [from, to] (the calendar built from the Postgres holidays table, migration 0007).
 */
export const workingDayRows = defineQuery({
  name: 'working days',
  params: z.object({ from: ymd, to: ymd }),
  row: z.object({ working_days: num, calendar_days: num }),
  sql: sql`
SELECT countIf(is_working = 1) AS working_days, count() AS calendar_days
FROM workdays FINAL
WHERE day BETWEEN {from:Date} AND {to:Date}`,
})

export async function workingDays(ch: ChStore, from: string, to: string, caller: string): Promise<number> {
  const [r] = await workingDayRows(ch, { from, to }, caller)
  if (!r || r.calendar_days === 0) throw new Error(`working-day calendar has no days between ${from} and ${to}`)
  return r.working_days
}

/**
 * Per commune × procedure over [from, to] (reception days) from the commune_day_procedure rollup.
 * Feeds load (received, in person, statutory-time weight, digitised), staffing (field mix for back-office
 * hours and counter minutes) and training needs (supplement requests, late, problem dossiers).
 */
export const procedureTotalRows = defineQuery({
  name: 'procedure totals from commune_day_procedure',
  params: CommunePeriod,
  row: z.object({
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
  }),
  sql: sql`
SELECT
    commune_code,
    procedure_code,
    argMax(procedure_name, received) AS name,
    argMax(field_code, received) AS field,
    sum(received) AS n_received,
    sum(received_in_person) AS n_in_person,
    sum(statutory_days) AS n_statutory_days,
    sum(supplement_requested) AS n_supplement,
    sum(supplement_repeated) AS n_supplement_repeated,
    sum(finished) AS n_finished,
    sum(finished_late) AS n_finished_late,
    sum(late) AS n_late,
    sum(problem) AS n_problem,
    sum(digitised) AS n_digitised
FROM commune_day_procedure FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code, procedure_code
HAVING n_received > 0
ORDER BY commune_code, procedure_code`,
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
  caller: string,
): Promise<Map<string, ProcedureFacts[]>> {
  const rows = await procedureTotalRows(ch, { communes: codes, from, to }, caller)
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

/**
 * Dossiers received per commune and day over [from, to] (forecast history), from commune_day_procedure.
 */
export const dailyReceivedRows = defineQuery({
  name: 'received per day from commune_day_procedure',
  params: CommunePeriod,
  row: z.object({ commune_code: z.string(), d: z.string(), n_received: num }),
  sql: sql`
SELECT commune_code, toString(day) AS d, sum(received) AS n_received
FROM commune_day_procedure FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code, day
ORDER BY commune_code, day`,
})

/** Received per commune per day in [from, to]; days without dossiers are absent (the caller densifies). */
export async function dailyReceived(
  ch: ChStore,
  codes: string[],
  from: string,
  to: string,
  caller: string,
): Promise<Map<string, Map<string, number>>> {
  const rows = await dailyReceivedRows(ch, { communes: codes, from, to }, caller)
  const out = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const m = out.get(r.commune_code) ?? new Map<string, number>()
    m.set(r.d, r.n_received)
    out.set(r.commune_code, m)
  }
  return out
}
