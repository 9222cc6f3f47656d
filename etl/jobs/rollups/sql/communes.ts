import { z } from 'zod'
import { defineQuery, sql } from '../../../../db/clickhouse/query.ts'

/** Every commune code present in dossiers (a commune outside the province's list still gets its rollups). */
export const dossierCommunes = defineQuery({
  name: 'dossier communes',
  params: z.object({}),
  row: z.object({ commune_code: z.string() }),
  sql: sql`SELECT DISTINCT commune_code FROM dossiers`,
})
