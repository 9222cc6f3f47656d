/** Dossiers received per commune, read from the ClickHouse rollup (never a scan of dossiers). */
import { z } from 'zod'
import type { ChStore } from '../../db/clickhouse/client.ts'

const Row = z.object({ commune_code: z.string(), received: z.coerce.number(), last_day: z.string().nullable() })

export async function receivedByCommune(ch: ChStore, codes: string[]): Promise<Map<string, { received: number; lastDay: string | null }>> {
  const rs = await ch.client.query({
    query: `SELECT commune_code, sum(received) AS received, toString(max(day)) AS last_day
            FROM commune_day FINAL WHERE commune_code IN {codes:Array(String)} GROUP BY commune_code`,
    query_params: { codes },
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: 'route:index receivedByCommune' },
  })
  const rows = z.array(Row).parse(await rs.json())
  return new Map(rows.map((r) => [r.commune_code, { received: r.received, lastDay: r.last_day }]))
}
