import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { communeCodes, defineQuery, IN_SCOPE, num, sql, ymd } from '../../../db/clickhouse/query.ts'

/**
 * Open dossiers per commune at the end of `at` and at the end of `prev` (the previous period's last day),
 * from the commune_day rollup: the latest row on or before each date (a day without a row keeps the
 * stock of the last day that has one). A *_day of 1970-01-01 means no row at all.
 */
export const openStockRows = defineQuery({
  name: 'open stock from commune_day',
  params: z.object({ communes: communeCodes, at: ymd, prev: ymd }),
  row: z.object({
    commune_code: z.string(),
    at_day: z.string(),
    not_due: num,
    nearly_due: num,
    overdue: num,
    prev_day: z.string(),
    prev_open: num,
  }),
  sql: sql`
SELECT
    commune_code,
    toString(max(day)) AS at_day,
    argMax(open_not_due, day) AS not_due,
    argMax(open_nearly_due, day) AS nearly_due,
    argMax(open_overdue, day) AS overdue,
    toString(maxIf(day, day <= {prev:Date})) AS prev_day,
    argMaxIf(open_not_due + open_nearly_due + open_overdue, day, day <= {prev:Date}) AS prev_open
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day <= {at:Date}
GROUP BY commune_code`,
})

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
/** Open-dossier stock per commune at `at` and `prev` from the commune_day rollup (absent: no rows). */
export async function stockFacts(ch: ChStore, codes: string[], at: string, prev: string, caller: string): Promise<Map<string, StockFacts>> {
  const rows = await openStockRows(ch, { communes: codes, at, prev }, caller)
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
