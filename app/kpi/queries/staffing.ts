import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { CommunePeriod, defineQuery, IN_SCOPE, num, numOrNull, sql } from '../../../db/clickhouse/query.ts'

/**
 * Staff on duty per commune from the daily snapshots (migration 0005) over [from, to]: the mean FTE over
 * working days with a snapshot, and the latest snapshot (fallback when Postgres has no assignments).
 */
export const staffingSnapshotRows = defineQuery({
  name: 'staff on duty from staffing_daily',
  params: CommunePeriod,
  row: z.object({
    commune_code: z.string(),
    avg_fte: numOrNull,
    n_days: num,
    last_officers: num,
    last_fte: num,
    last_day: z.string(),
  }),
  sql: sql`
SELECT
    s.commune_code AS commune_code,
    avgIf(s.fte, w.is_working = 1) AS avg_fte,
    countIf(w.is_working = 1) AS n_days,
    argMax(s.officers, s.day) AS last_officers,
    argMax(s.fte, s.day) AS last_fte,
    toString(max(s.day)) AS last_day
FROM
(
    SELECT commune_code, day, officers, fte
    FROM staffing_daily FINAL
    WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
) AS s
LEFT JOIN (SELECT day, is_working FROM workdays FINAL) AS w ON w.day = s.day
GROUP BY s.commune_code`,
})

export interface SnapshotFacts {
  /** Mean FTE over working days with a snapshot in the period; null if none. */
  avgFte: number | null
  days: number
  lastOfficers: number
  lastFte: number
  lastDay: string
}
/** Staff on duty per commune with snapshots in the period. */
export async function snapshotFacts(
  ch: ChStore,
  codes: string[],
  from: string,
  to: string,
  caller: string,
): Promise<Map<string, SnapshotFacts>> {
  const rows = await staffingSnapshotRows(ch, { communes: codes, from, to }, caller)
  return new Map(
    rows.map((r) => [
      r.commune_code,
      { avgFte: r.n_days > 0 ? r.avg_fte : null, days: r.n_days, lastOfficers: r.last_officers, lastFte: r.last_fte, lastDay: r.last_day },
    ]),
  )
}

/**
 * Per commune × field over reception days [from, to] (commune_day_procedure): dossiers received, those late
 * (finished late, a second supplement request, or open past due when the rollup was computed) and those with
 * a second supplement request. Feeds the staffing prediction's lateness outside capacity and its back-test
 * (ADR 031).
 */
export const fieldLatenessRows = defineQuery({
  name: 'late dossiers per commune and field from commune_day_procedure',
  params: CommunePeriod,
  row: z.object({ commune_code: z.string(), field: z.string(), n_received: num, n_late: num, n_repeated: num }),
  sql: sql`
SELECT commune_code, field_code AS field, sum(received) AS n_received, sum(late) AS n_late,
       sum(supplement_repeated) AS n_repeated
FROM commune_day_procedure FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code, field_code
HAVING n_received > 0
ORDER BY commune_code, field_code`,
})

export interface FieldLateness {
  received: number
  late: number
  repeated: number
}
/** commune → field → received / late / second supplement over reception days [from, to]. */
export async function fieldLateness(
  ch: ChStore,
  codes: string[],
  from: string,
  to: string,
  caller: string,
): Promise<Map<string, Map<string, FieldLateness>>> {
  const rows = await fieldLatenessRows(ch, { communes: codes, from, to }, caller)
  const out = new Map<string, Map<string, FieldLateness>>()
  for (const r of rows) {
    const m = out.get(r.commune_code) ?? new Map<string, FieldLateness>()
    m.set(r.field, { received: r.n_received, late: r.n_late, repeated: r.n_repeated })
    out.set(r.commune_code, m)
  }
  return out
}
