/**
 * Which days the rollups must recompute: every day from the earliest business day (reception, rating,
 * complaint or ticket day, and the reception day of a dossier a new rating or complaint names) of any row
 * loaded since the last rollups run, up to today — a changed dossier moves the open-stock counts of every
 * day after its reception (commune-day.ts says the same).
 *
 * Only the communes those rows belong to are recomputed over that range (a late update of one old dossier no
 * longer recomputes the whole province's history); today is recomputed for every commune.
 *
 * The mark is the newest `loaded_at` seen. A batch inserted concurrently can commit *after* a run with a
 * slightly older `loaded_at`, so the run also remembers how many rows it saw in the 2 minutes up to its mark;
 * the next run looks back those 2 minutes only if that count has changed since (a late commit), and
 * otherwise starts strictly after the mark — so an idle re-run recomputes nothing.
 */
import { z } from 'zod'
import type { Stores } from '../../../db/stores.ts'
import { vnDay } from '../../../db/lib/vn-time.ts'

export const ROLLUP_LOOKBACK_MS = 2 * 60_000

const TABLES = ['dossiers', 'ratings', 'complaints', 'queue_tickets'] as const
const Row = z.object({
  from_day: z.string().nullable(),
  mark: z.coerce.number().nullable(),
  n: z.coerce.number(),
  communes: z.array(z.string()),
})
const Count = z.object({ n: z.coerce.number() })

export interface RollupMark {
  /** Epoch ms of the newest loaded_at covered. */
  at: number
  /** Rows seen with loaded_at in (at − look-back, at] when it was set. */
  seen: number
}

export interface RollupRange {
  fromDay: string
  toDay: string
  /** The communes whose rows changed: only their rollups can differ before today. */
  communes: string[]
  mark: RollupMark
}

const settings = { log_comment: 'etl:rollups changedRange' }

async function countBetween(stores: Stores, fromMs: number, toMs: number): Promise<number> {
  const rs = await stores.ch.client.query({
    query: `SELECT ${TABLES.map((t) => `(SELECT count() FROM ${t} WHERE loaded_at > fromUnixTimestamp64Milli({from:Int64}) AND loaded_at <= fromUnixTimestamp64Milli({to:Int64}))`).join(' + ')} AS n`,
    query_params: { from: fromMs, to: toMs },
    format: 'JSONEachRow',
    clickhouse_settings: settings,
  })
  return z.array(Count).parse(await rs.json())[0]!.n
}

export async function changedRange(stores: Stores, prev: RollupMark | null, lookbackMs = ROLLUP_LOOKBACK_MS): Promise<RollupRange | null> {
  let since = 0
  if (prev) since = (await countBetween(stores, prev.at - lookbackMs, prev.at)) === prev.seen ? prev.at : prev.at - lookbackMs
  const rs = await stores.ch.client.query({
    query: `
      SELECT if(count() = 0, NULL, toString(min(d))) AS from_day, if(count() = 0, NULL, toUnixTimestamp64Milli(max(l))) AS mark, count() AS n,
             arraySort(groupUniqArray(toString(c))) AS communes
      FROM (
        SELECT toDate(coalesce(received_at, submitted_at, updated_at)) AS d, loaded_at AS l, commune_code AS c FROM dossiers WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        UNION ALL SELECT toDate(rated_at), loaded_at, commune_code FROM ratings WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        UNION ALL SELECT toDate(received_at), loaded_at, commune_code FROM complaints WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        UNION ALL SELECT toDate(taken_at), loaded_at, commune_code FROM queue_tickets WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64})
        -- the dossiers named by new ratings/complaints: their dissatisfaction counts sit on their reception day
        UNION ALL SELECT toDate(coalesce(received_at, submitted_at, updated_at)), CAST(0 AS DateTime64(3, 'Asia/Ho_Chi_Minh')), commune_code FROM dossiers
          WHERE dossier_id IN (
            SELECT dossier_id FROM ratings WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64}) AND dossier_id != ''
            UNION ALL SELECT assumeNotNull(dossier_id) FROM complaints WHERE loaded_at > fromUnixTimestamp64Milli({since:Int64}) AND dossier_id IS NOT NULL)
      )`,
    query_params: { since },
    format: 'JSONEachRow',
    clickhouse_settings: settings,
  })
  const [row] = z.array(Row).parse(await rs.json())
  if (!row || row.n === 0 || row.from_day === null || row.mark === null) return null
  const today = vnDay(Date.now())
  const seen = await countBetween(stores, row.mark - lookbackMs, row.mark)
  return { fromDay: row.from_day < today ? row.from_day : today, toDay: today, communes: row.communes, mark: { at: row.mark, seen } }
}
