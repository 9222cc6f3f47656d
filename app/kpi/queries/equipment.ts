import { z } from 'zod'
import { CommunePeriod, defineQuery, IN_SCOPE, num, sql } from '../../../db/clickhouse/query.ts'

/**
 * Equipment working/broken per day and type over [from, to] for the given communes (summed), from the daily
 * snapshots of the Postgres inventory (migration 0006).
 */
export const equipmentHistoryRows = defineQuery({
  name: 'equipment per day from equipment_daily',
  params: CommunePeriod,
  row: z.object({ d: z.string(), type_code: z.string(), n_working: num, n_broken: num, n_communes: num }),
  sql: sql`
SELECT toString(day) AS d, type_code, sum(working) AS n_working, sum(broken) AS n_broken, uniqExact(commune_code) AS n_communes
FROM equipment_daily FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY day, type_code
ORDER BY day, type_code`,
})
