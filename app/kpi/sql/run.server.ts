/**
 * How part 1 of the KPI engine runs its SQL templates (app/kpi/sql/*.ts): server-side parameters only,
 * a `log_comment` naming the caller, every row parsed with zod. Also resolves the scope of a KPI call: one
 * commune (404 if it is not in the configured province) or the whole province.
 */
import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import type { Stores } from '../../../db/stores.ts'
import { YmdSchema } from '../period.ts'
import { communesFor, type CommuneInfo } from '../sql2/pg-inputs.server.ts'

export { KpiNotFoundError } from '../sql2/run.server.ts'

export async function chSelect<S extends z.ZodType>(
  ch: ChStore,
  query: string,
  params: Record<string, unknown>,
  row: S,
  logComment: string,
): Promise<z.infer<S>[]> {
  const rs = await ch.client.query({ query, query_params: params, format: 'JSONEachRow', clickhouse_settings: { log_comment: logComment } })
  return z.array(row).parse(await rs.json())
}

/** Counts from ClickHouse (64-bit integers may come as numbers or strings). */
export const count = z.coerce.number()

/** `{ commune?, from, to }` as every KPI function takes it. */
export const KpiQuery = z
  .object({
    commune: z
      .string()
      .regex(/^\d{5}$/, 'mã xã 5 chữ số / a 5-digit commune code')
      .optional(),
    from: YmdSchema,
    to: YmdSchema,
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
export interface KpiQuery {
  commune?: string
  from: string
  to: string
}

export interface Scope {
  /** The commune asked for, or null for the province. */
  commune: CommuneInfo | null
  /** Commune codes whose rows are summed (one, or all of the province). */
  codes: string[]
  all: CommuneInfo[]
}

export async function resolveScope(stores: Stores, commune?: string): Promise<Scope> {
  const { all, selected } = await communesFor(stores, commune)
  return { commune: commune ? selected[0]! : null, codes: selected.map((c) => c.code), all }
}

/** a / b, or null when b is 0. */
export const rate = (a: number, b: number): number | null => (b === 0 ? null : a / b)
