import { z } from 'zod'
import { communeCodes, defineQuery, IN_SCOPE, num, sql } from '../../../db/clickhouse/query.ts'

/**
 * Per commune, the newest dossier data it sent: the latest CapNhatLuc of any version (the source's clock) and when
 * the latest version was loaded here (ours). Every version counts (no FINAL): a commune that sent anything is heard.
 * A commune with no dossier at all has no row.
 */
export const communeLastData = defineQuery({
  name: 'latest dossier data per commune',
  params: z.object({ communes: communeCodes }),
  row: z.object({ commune_code: z.string(), last_ms: num, loaded_ms: num, versions: num }),
  sql: sql`
SELECT
    commune_code,
    toUnixTimestamp64Milli(max(updated_at)) AS last_ms,
    toUnixTimestamp64Milli(max(loaded_at)) AS loaded_ms,
    count() AS versions
FROM dossiers
WHERE ${IN_SCOPE}
GROUP BY commune_code`,
})
