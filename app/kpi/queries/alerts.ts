import { z } from 'zod'
import { communeCodes, defineQuery, num, sql, ymd } from '../../../db/clickhouse/query.ts'

/**
 * Complaints about harassment (nhũng nhiễu) received per commune in [from, to] (complaints FINAL: a
 * re-sent complaint counts once).
 */
export const harassmentComplaintRows = defineQuery({
  name: 'harassment complaints',
  params: z.object({ communes: communeCodes, from: ymd, to: ymd }),
  row: z.object({ commune_code: z.string(), n_harassment: num, n_complaints: num }),
  sql: sql`
SELECT commune_code, countIf(category = 'nhung_nhieu') AS n_harassment, count() AS n_complaints
FROM complaints FINAL
WHERE commune_code IN {communes:Array(String)} AND toDate(received_at) BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code`,
})
