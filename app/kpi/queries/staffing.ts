import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { communeCodes, defineQuery, num, numOrNull, sql, ymd } from '../../../db/clickhouse/query.ts'

/**
 * Staff on duty per commune from the daily snapshots (migration 0005) over [from, to]: the mean FTE over
 * working days with a snapshot, and the latest snapshot (fallback when Postgres has no assignments).
 */
export const staffingSnapshotRows = defineQuery({
  name: 'staff on duty from staffing_daily',
  params: z.object({ communes: communeCodes, from: ymd, to: ymd }),
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
    WHERE commune_code IN {communes:Array(String)} AND day BETWEEN {from:Date} AND {to:Date}
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
