/**
 * How the KPI engine (part 2) talks to ClickHouse: every query is a `.sql` file in this folder, run with
 * server-side parameters (`{name:Type}`), a `log_comment` naming the caller, and rows parsed with zod.
 * Files are read from the project root (db/paths.ts), so the same code runs from source (tsx, vitest) and
 * from the Remix server bundle.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { projectRoot } from '../../../db/paths.ts'

const cache = new Map<string, string>()

/** The text of app/kpi/sql2/<name>.sql. */
export function loadSql(name: string): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = fs.readFileSync(path.join(projectRoot, 'app/kpi/sql2', `${name}.sql`), 'utf8')
    cache.set(name, text)
  }
  return text
}

/** Runs app/kpi/sql2/<name>.sql and parses every row with `row`. */
export async function chRows<S extends z.ZodType>(
  ch: ChStore,
  name: string,
  params: Record<string, unknown>,
  row: S,
  logComment: string,
): Promise<z.infer<S>[]> {
  const rs = await ch.client.query({
    query: loadSql(name),
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: logComment },
  })
  return z.array(row).parse(await rs.json())
}

/** Runs a statement file (INSERT … SELECT) with parameters. */
export async function chExec(ch: ChStore, name: string, params: Record<string, unknown>, logComment: string): Promise<void> {
  await ch.client.command({ query: loadSql(name), query_params: params, clickhouse_settings: { log_comment: logComment } })
}

/** A number from ClickHouse (64-bit integers may arrive as numbers or strings; NaN from 0/0 becomes null). */
export const num = z.coerce.number()
export const numOrNull = z.union([z.null(), z.coerce.number()]).transform((x) => (x === null || Number.isNaN(x) ? null : x))

const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')

/** `{ commune?, from, to }` — the period every KPI function takes (dates inclusive, Asia/Ho_Chi_Minh). */
export const PeriodQuery = z
  .object({ commune: z.string().min(1).optional(), from: Ymd, to: Ymd })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
export type PeriodQuery = z.infer<typeof PeriodQuery>

/** A commune that is not in the configured province (a loader turns it into a 404). */
export class KpiNotFoundError extends Error {
  readonly status = 404
  constructor(message: string) {
    super(message)
    this.name = 'KpiNotFoundError'
  }
}

export const round2 = (x: number) => Math.round(x * 100 + (x >= 0 ? 1e-9 : -1e-9)) / 100
export const round4 = (x: number) => Math.round(x * 10_000 + (x >= 0 ? 1e-9 : -1e-9)) / 10_000
/** a / b, or null when b is 0 or either is null. */
export const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b)
