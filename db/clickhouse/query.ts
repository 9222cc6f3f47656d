/**
 * The one way to query ClickHouse (ADR 013): every query is defined once, with its name, its SQL as a `sql`
 * tagged template, zod schemas for its parameters and for its rows — and is then a typed function
 * `(ch, params, caller) → rows`. Values travel only as server-side parameters (`{name:Type}` in the SQL);
 * the template accepts nothing but other `sql` fragments, so a value cannot be spliced into the text.
 * Every run goes through `execute` below, with a `log_comment` naming the caller and the query: the single
 * place where every read and every statement passes. Reads go through the run-time layer
 * (query-runtime.ts, ADR 027): the answer cache per (query, parameters, data generation), the bound on
 * concurrent reads, and the abort of a read whose request went away (the request's AbortSignal reaches the
 * client's query: chDB does not start a read that is still queued, a ClickHouse server cancels it).
 */
import { z } from 'zod'
import type { ClickHouseSettings } from '@clickhouse/client'
import type { ChStore } from './client.ts'
import { YMD } from '../lib/vn-time.ts'
import { cachedRead, dataChanged } from './query-runtime.ts'

/** SQL text made of code only (never a value). */
export class Sql {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/** A SQL fragment; `${…}` only takes other fragments (`sql.raw` for text generated from code constants). */
export function sql(strings: TemplateStringsArray, ...parts: Sql[]): Sql {
  let text = strings[0]!
  parts.forEach((p, i) => {
    if (!(p instanceof Sql)) throw new TypeError('sql: only sql fragments may be interpolated; pass values as {name:Type} parameters')
    text += p.text + strings[i + 1]!
  })
  return new Sql(text)
}
/** Text generated from code constants (a column list, a fixed level) — never from input. */
sql.raw = (text: string): Sql => new Sql(text)
/** Fragments joined by `sep`. */
sql.join = (parts: readonly Sql[], sep = ', '): Sql => new Sql(parts.map((p) => p.text).join(sep))

/** A number from ClickHouse (64-bit integers may arrive as numbers or strings). */
export const num = z.coerce.number()
/** A number or null (NaN from 0/0 becomes null). */
export const numOrNull = z.union([z.null(), z.coerce.number()]).transform((x) => (x === null || Number.isNaN(x) ? null : x))
/** A calendar date parameter, 'YYYY-MM-DD'. */
export const ymd = z.string().regex(YMD, 'expected YYYY-MM-DD')
/** Commune codes parameter (`{communes:Array(String)}`). */
export const communeCodes = z.array(z.string().min(1))
/**
 * "In the scope's communes" on `commune_code`, for reads (ADR 041). The scope's codes travel as `{communes}`,
 * except when they are every commune of the deployment (`ChStore.deploymentCommunes`: a national overview,
 * or a province deployment's province): then `execute` sends an empty list and `{every_commune}` true, and
 * ClickHouse filters nothing — the same rows, since a deployment's ClickHouse holds only its own communes (the
 * ETL rejects a unit it cannot map, `unknown_unit`), without shipping and matching a 3,321-code list per read.
 * Statements (the rollups) always get the list: their grid of (commune, day) cells is built from it.
 */
export const IN_SCOPE = sql`(commune_code IN {communes:Array(String)} OR {every_commune:Bool})`
const EVERY_COMMUNE = '{every_commune:Bool}'

/** True when `codes` are exactly the deployment's communes (a set compare: no order, no duplicate assumed away). */
function isEveryCommune(ch: ChStore, codes: unknown): boolean {
  const all = ch.deploymentCommunes
  if (!all || !Array.isArray(codes) || codes.length < all.size) return false
  const seen = new Set<string>()
  for (const c of codes as string[]) {
    if (!all.has(c)) return false
    seen.add(c)
  }
  return seen.size === all.size
}

/** The parameters of a run: `IN_SCOPE`'s two, when its SQL has them (see IN_SCOPE). */
export function scopeParams(
  ch: ChStore,
  text: string,
  params: Record<string, unknown>,
  kind: 'query' | 'command',
): Record<string, unknown> {
  if (!text.includes(EVERY_COMMUNE)) return params
  const every = kind === 'query' && isEveryCommune(ch, params.communes)
  return every ? { ...params, communes: [], every_commune: true } : { ...params, every_commune: false }
}

/** The parameters of most reads: communes × days {from} … {to} (inclusive). */
export const CommunePeriod = z.object({ communes: communeCodes, from: ymd, to: ymd })

interface Definition<P extends z.ZodType> {
  /** Names what the query reads or writes; with the caller, the query's `log_comment`. */
  name: string
  params: P
  sql: Sql
}

export interface QueryDefinition<P extends z.ZodType, R extends z.ZodType> extends Definition<P> {
  row: R
}

/** A defined read: call it with the store, its parameters and the caller's name. */
export interface Query<P extends z.ZodType, R extends z.ZodType> {
  (ch: ChStore, params: z.input<P>, caller: string): Promise<z.infer<R>[]>
  readonly definition: QueryDefinition<P, R>
}

/** A defined statement (INSERT … SELECT, a rollup refresh). */
export interface Statement<P extends z.ZodType> {
  (ch: ChStore, params: z.input<P>, caller: string): Promise<void>
  readonly definition: Definition<P>
}

/** Every query and statement defined so far (by the modules loaded), in order: for checks over all of them. */
const registry: { name: string; sql: Sql; kind: 'query' | 'statement' }[] = []
export function definedQueries(): readonly { name: string; sql: Sql; kind: 'query' | 'statement' }[] {
  return registry
}

export function defineQuery<P extends z.ZodType, R extends z.ZodType>(definition: QueryDefinition<P, R>): Query<P, R> {
  registry.push({ name: definition.name, sql: definition.sql, kind: 'query' })
  const rows = z.array(definition.row)
  const run = async (ch: ChStore, params: z.input<P>, caller: string) => rows.parse(await execute(ch, definition, params, caller, 'query'))
  return Object.assign(run, { definition })
}

export function defineStatement<P extends z.ZodType>(definition: Definition<P>): Statement<P> {
  registry.push({ name: definition.name, sql: definition.sql, kind: 'statement' })
  const run = async (ch: ChStore, params: z.input<P>, caller: string) => {
    await execute(ch, definition, params, caller, 'command')
  }
  return Object.assign(run, { definition })
}

/** Where every defined query and statement runs. */
async function execute<P extends z.ZodType>(
  ch: ChStore,
  definition: Definition<P>,
  params: z.input<P>,
  caller: string,
  kind: 'query' | 'command',
): Promise<unknown> {
  const query_params = scopeParams(ch, definition.sql.text, definition.params.parse(params) as Record<string, unknown>, kind)
  const log_comment = `${caller} ${definition.name}`
  if (kind === 'command') {
    try {
      return await ch.client.command({ query: definition.sql.text, query_params, clickhouse_settings: { log_comment } })
    } finally {
      dataChanged()
    }
  }
  return cachedRead(ch.client, definition, query_params, async (abort_signal) => {
    // A ClickHouse server cancels a read whose HTTP request is closed only with this setting.
    const clickhouse_settings: ClickHouseSettings =
      ch.kind === 'server' ? { log_comment, cancel_http_readonly_queries_on_client_close: 1 } : { log_comment }
    // chDB cannot interrupt a read once it runs: aborting it would only let the caller go and free the read's
    // slot while the engine still works, so the next read would queue inside chDB behind it, unbounded (the
    // burst of issue 15). Without the signal the slot is held until the engine is done; the request itself
    // still leaves at once (query-runtime.ts), and a read still waiting for a slot never starts (ADR 039).
    const signal = ch.kind === 'server' ? abort_signal : undefined
    const rs = await ch.client.query({
      query: definition.sql.text,
      query_params,
      format: 'JSONEachRow',
      clickhouse_settings,
      abort_signal: signal,
    })
    return rs.json()
  })
}
