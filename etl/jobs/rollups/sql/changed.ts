/**
 * What the rollups job reads to find the days and communes to recompute (range.ts): rows loaded into the
 * source tables after a `loaded_at` mark.
 */
import { z } from 'zod'
import { defineQuery, num, sql } from '../../../../db/clickhouse/query.ts'

const TABLES = ['dossiers', 'ratings', 'complaints', 'queue_tickets'] as const

/** Rows of the four source tables loaded in (from, to] (epoch ms). */
export const loadedBetween = defineQuery({
  name: 'rows loaded between',
  params: z.object({ from: z.number().int(), to: z.number().int() }),
  row: z.object({ n: num }),
  sql: sql`SELECT ${sql.raw(TABLES.map((t) => `(SELECT count() FROM ${t} WHERE loaded_at > fromUnixTimestamp64Milli({from:Int64}) AND loaded_at <= fromUnixTimestamp64Milli({to:Int64}))`).join(' + '))} AS n`,
})

/**
 * The earliest business day (reception, rating, complaint or ticket day, and the reception day of a dossier a
 * new rating or complaint names, and of every commune a changed dossier was in before), the newest `loaded_at`, the count and the communes of the rows loaded after
 * `since` (epoch ms).
 */
export const changedRows = defineQuery({
  name: 'rows loaded since',
  params: z.object({ since: z.number().int() }),
  row: z.object({
    from_day: z.string().nullable(),
    mark: z.coerce.number().nullable(),
    n: num,
    communes: z.array(z.string()),
  }),
  sql: sql`
      SELECT if(count() = 0, NULL, toString(min(d))) AS from_day, if(count() = 0, NULL, toUnixTimestamp64Milli(max(l))) AS mark, count() AS n,
             arraySort(groupUniqArray(toString(c))) AS communes
      FROM (
        SELECT toDate(coalesce(received_at, submitted_at, updated_at)) AS d, loaded_at AS l, commune_code AS c FROM dossiers WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        UNION ALL SELECT toDate(rated_at), loaded_at, commune_code FROM ratings WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        UNION ALL SELECT toDate(received_at), loaded_at, commune_code FROM complaints WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        UNION ALL SELECT toDate(taken_at), loaded_at, commune_code FROM queue_tickets WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        -- every commune a changed dossier was ever received in (ADR 016): a dossier the source moved to another unit
        -- leaves the old commune's cells, which must be recomputed too, even if a merge already dropped its old version
        UNION ALL SELECT day, CAST(0 AS DateTime64(3, 'Asia/Ho_Chi_Minh')), commune_code FROM dossier_communes
          WHERE dossier_id IN (SELECT dossier_id FROM dossiers WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64}))
        -- the dossiers named by new ratings/complaints: their dissatisfaction counts sit on their reception day
        UNION ALL SELECT toDate(coalesce(received_at, submitted_at, updated_at)), CAST(0 AS DateTime64(3, 'Asia/Ho_Chi_Minh')), commune_code FROM dossiers
          WHERE dossier_id IN (
            SELECT dossier_id FROM ratings WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64}) AND dossier_id != ''
            UNION ALL SELECT assumeNotNull(dossier_id) FROM complaints WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64}) AND dossier_id IS NOT NULL)
      )`,
})
