import { z } from 'zod'
import { defineQuery, num, sql } from './query.ts'

/** Whether ClickHouse answers (the health check). */
export const ping = defineQuery({ name: 'ping', params: z.object({}), row: z.object({ ok: num }), sql: sql`SELECT 1 AS ok` })
