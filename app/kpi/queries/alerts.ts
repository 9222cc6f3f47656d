import { z } from 'zod'
import { CommunePeriod, defineQuery, IN_SCOPE, num, sql } from '../../../db/clickhouse/query.ts'

/**
 * Complaints about harassment (nhũng nhiễu) received per commune in [from, to] (complaints FINAL: a
 * re-sent complaint counts once).
 */
export const harassmentComplaintRows = defineQuery({
  name: 'harassment complaints',
  params: CommunePeriod,
  row: z.object({ commune_code: z.string(), n_harassment: num, n_complaints: num }),
  sql: sql`
SELECT commune_code, countIf(category = 'nhung_nhieu') AS n_harassment, count() AS n_complaints
FROM complaints FINAL
WHERE ${IN_SCOPE} AND toDate(received_at) BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code`,
})
