/**
 * What every source record kind (dossiers, ratings, complaints, queue tickets) defines, and the one
 * validation entry point the pipeline calls. A record kind turns a raw record (`unknown`) into the row of
 * its ClickHouse table, in column order, or a reject with a stable reason code.
 */
import { z } from 'zod'
import { firstReason, invalidUtf8Field, type RejectReason } from './fields.ts'
import type { UnitResolver } from './units.ts'
import type { FastLaneKind } from '../load/fast-lane.ts'
import type { Contract } from '../contract/index.ts'

/** A value of a TabSeparated row: null is \N; times are already ClickHouse text (fields.chTime). */
export type TsvValue = string | number | boolean | null

export interface ValidateContext {
  units: UnitResolver
  /** Rows come from the built-in simulator (or say so themselves): stored with synthetic = true. */
  synthetic: boolean
  /** Epoch ms: a time other than a deadline after this is rejected `future_date` (the run's start + ETL_FUTURE_TOLERANCE). */
  notAfterMs?: number
}

export type Validated =
  { ok: true; id: string; updatedAt: number; row: TsvValue[] } | { ok: false; id: string | null; reason: RejectReason; detail: string }

export interface RecordKind {
  /** Job name, e.g. 'dossiers'. */
  job: string
  /** ClickHouse table. */
  table: string
  /** Source path, e.g. '/dossiers'. */
  path: string
  /** The source contract of the kind (etl/contract): fields, types, bounds, headers. */
  contract: Contract
  /** The contract's id field, e.g. 'MaHoSo'. */
  idField: string
  /** [column, ClickHouse type for the file() structure], in row order. */
  columns: readonly (readonly [string, string])[]
  /** Contract field → accepted spreadsheet headers (Vietnamese): headersOf(contract). */
  headers: Readonly<Record<string, readonly string[]>>
  /** The same checks in ClickHouse SQL, for pages the source sends in the usual envelope (ADR 011). */
  fastLane?: FastLaneKind
  /** Validates a raw record that is an object and holds valid text. */
  validate(raw: Record<string, unknown>, ctx: ValidateContext): Validated
}

/** Runs the checks common to every kind, then the kind's own. */
export function validateRecord(kind: RecordKind, raw: unknown, ctx: ValidateContext): Validated {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, id: null, reason: 'bad_record', detail: `record is ${Array.isArray(raw) ? 'an array' : typeof raw}` }
  const rec = raw as Record<string, unknown>
  const rawId = rec[kind.idField]
  const id = typeof rawId === 'string' && rawId.trim() ? rawId : typeof rawId === 'number' ? String(rawId) : null
  const bad = invalidUtf8Field(rec)
  if (bad) return { ok: false, id, reason: 'invalid_utf8', detail: `${bad}: U+FFFD or a lone surrogate (text that was not valid UTF-8)` }
  return kind.validate(rec, ctx)
}

/**
 * Parses a record of `kind` (its contract's validator) and checks its times against the run's clock: a time the
 * contract does not mark as a deadline may not lie beyond `ctx.notAfterMs` (a future-dated version would win over
 * every later real correction).
 */
export function parseRecord<T extends Record<string, unknown>>(
  kind: RecordKind,
  schema: z.ZodType<T>,
  raw: Record<string, unknown>,
  ctx: ValidateContext,
): { ok: true; data: T } | { ok: false; id: string | null; reason: RejectReason; detail: string } {
  const p = parseWith(schema, raw, kind.idField)
  if (!p.ok || ctx.notAfterMs === undefined) return p
  for (const f of kind.contract.fields) {
    if (f.type !== 'time' || f.future) continue
    const at = p.data[f.name]
    if (typeof at === 'number' && at > ctx.notAfterMs)
      return { ok: false, id: String(p.data[kind.idField]), reason: 'future_date', detail: `${f.name}: ${JSON.stringify(raw[f.name])}` }
  }
  return p
}

/** Parses with a kind's zod schema; a failure becomes a reject with the first issue's reason. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  raw: Record<string, unknown>,
  idField: string,
): { ok: true; data: T } | { ok: false; id: string | null; reason: RejectReason; detail: string } {
  const r = schema.safeParse(raw)
  if (r.success) return { ok: true, data: r.data }
  // Parse the failure again with the inputs in the issues, for the reject's detail (rare: not on the fast path).
  const detailed = schema.safeParse(raw, { reportInput: true })
  const issues = detailed.success ? r.error.issues : detailed.error.issues
  const rawId = raw[idField]
  const id = typeof rawId === 'string' && rawId.trim() ? rawId.normalize('NFC').trim() : typeof rawId === 'number' ? String(rawId) : null
  return { ok: false, id, ...firstReason(issues) }
}
