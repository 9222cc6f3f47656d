/**
 * zod field schemas for source records. Each failure carries a stable reject reason code as its message,
 * so `firstReason(issues)` gives the code stored in `etl_rejects` and counted in the run summary.
 *
 * Text is normalised to NFC. Times are returned as epoch milliseconds (parsed by db/lib/vn-time.ts: ISO 8601
 * with an offset, or for spreadsheets Vietnam wall time, `dd/mm/yyyy[ HH:MM[:SS]]`, or a JS Date from exceljs;
 * see source/file.ts for Excel's wall-clock dates). A number where a time belongs is `bad_date`.
 * Which builder a field uses, and with what bounds, comes from the contract (etl/validate/schema.ts).
 */
import { z } from 'zod'
import { parseTime, vnMidnight } from '../../db/lib/vn-time.ts'
import { TIME_RANGE } from '../contract/bounds.ts'
import { REJECT_REASONS, type RejectReason } from '../contract/reasons.ts'

export { REJECT_REASONS, type RejectReason } from '../contract/reasons.ts'

type Ctx = z.core.$RefinementCtx
function fail(ctx: Ctx, reason: RejectReason, input: unknown): never {
  ctx.issues.push({ code: 'custom', message: reason, input })
  return z.NEVER
}

const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

/** Length in code points (what ClickHouse's lengthUTF8 counts), computed only past `max` UTF-16 units. */
function longerThan(s: string, max: number): boolean {
  if (s.length <= max) return false
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++
  }
  return n > max
}

/** NFC, trimmed, at most `max` code points (else `too_long`). */
function boundedText(v: string, max: number | undefined, ctx: Ctx): string {
  const t = v.normalize('NFC').trim()
  return max !== undefined && longerThan(t, max) ? fail(ctx, 'too_long', v.length > 300 ? `${v.slice(0, 300)}… (${v.length} chars)` : v) : t
}

/** A record id: a non-empty string (or a number, as spreadsheets store ids), at most `max` characters. */
export function idField(max?: number) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (typeof v === 'number' && Number.isFinite(v)) return String(v)
      if (typeof v !== 'string' || v.trim() === '') return fail(ctx, 'missing_id', v)
      return boundedText(v, max, ctx)
    })
}

/** Text, NFC, at most `max` characters; null/missing → '' (or null when `nullable`, blank too). A number is kept as its decimal text (spreadsheet cells). */
export function textField(max?: number, nullable = false) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): string | null => {
      if (nullable ? empty(v) : v === null || v === undefined) return nullable ? null : ''
      if (typeof v === 'number' && Number.isFinite(v)) return String(v)
      if (typeof v !== 'string') return fail(ctx, 'bad_record', v)
      return boundedText(v, max, ctx)
    })
}

/** Times the contract accepts: TIME_RANGE (2000 to the end of 2100, Vietnam time). */
export const MIN_TIME_MS = vnMidnight(TIME_RANGE.from)
export const END_TIME_MS = vnMidnight(TIME_RANGE.toExclusive)

function inRange(v: unknown, ctx: Ctx): number {
  const ms = parseTime(v)
  if (ms === null) return fail(ctx, 'bad_date', v)
  return ms < MIN_TIME_MS || ms >= END_TIME_MS ? fail(ctx, 'date_out_of_range', v) : ms
}

export const timeField = z
  .unknown()
  .optional()
  .transform((v, ctx) => inRange(v, ctx))

export const optTimeField = z
  .unknown()
  .optional()
  .transform((v, ctx) => (empty(v) ? null : inRange(v, ctx)))

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v !== 'string') return null
  let s = v.trim()
  if (!s.includes('.') && /^-?\d+,\d+$/.test(s)) s = s.replace(',', '.') // decimal comma "1,5"
  // Decimal syntax, as ClickHouse reads a quoted number (the ETL's fast lane must agree): "+3", "3.", ".5", "1e3".
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

/** An integer in [min, max]; anything else fails with `reason`. Blank fails too unless `blank` is given. */
export function intField(min: number, max: number, reason: RejectReason, blank?: number) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (blank !== undefined && empty(v)) return blank
      const n = toNumber(v)
      if (n === null || !Number.isInteger(n) || n < min || n > max) return fail(ctx, reason, v)
      return n
    })
}

/** A number in [0, max]; blank/missing → 0; negative or not a number → `bad_number`, above `max` → `out_of_range`. */
export function amountField(max?: number) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (empty(v)) return 0
      const n = toNumber(v)
      if (n === null || n < 0) return fail(ctx, 'bad_number', v)
      if (max !== undefined && n > max) return fail(ctx, 'out_of_range', v)
      return n
    })
}

const TRUE = new Set(['true', '1', 'có', 'co', 'x', 'yes', 'đúng'])
const FALSE = new Set(['false', '0', 'không', 'khong', 'no', 'sai'])

/** A boolean (JSON true/false, 0/1, or spreadsheet "có"/"không"/"x"); missing → false, or null if `nullable`. */
export function boolField(nullable = false) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): boolean | null => {
      if (empty(v)) return nullable ? null : false
      if (typeof v === 'boolean') return v
      if (v === 1 || v === 0) return v === 1
      if (typeof v === 'string') {
        const k = v.normalize('NFC').trim().toLocaleLowerCase('vi')
        if (TRUE.has(k)) return true
        if (FALSE.has(k)) return false
      }
      return fail(ctx, 'bad_enum', v)
    })
}

/** One of `values`; blank → null when `nullable`. */
export function enumField<const T extends string>(values: readonly T[], nullable = false) {
  const set = new Set<string>(values)
  return z
    .unknown()
    .optional()
    .transform((v, ctx): T | null => {
      if (empty(v) && nullable) return null
      if (typeof v === 'string' && set.has(v.trim())) return v.trim() as T
      return fail(ctx, 'bad_enum', v)
    })
}

const BAD_TEXT = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The first string field holding U+FFFD (bytes that were not UTF-8) or a lone surrogate, or null. */
export function invalidUtf8Field(raw: Record<string, unknown>): string | null {
  for (const k in raw) {
    const v = raw[k]
    if (typeof v === 'string' && BAD_TEXT.test(v)) return k
  }
  return null
}

/** The reason code of a failed parse: `missing_id` first (the record cannot be named), else the first issue. */
export function firstReason(issues: readonly z.core.$ZodIssue[]): { reason: RejectReason; detail: string } {
  const pick = issues.find((i) => i.message === 'missing_id') ?? issues[0]!
  const reason = (REJECT_REASONS as readonly string[]).includes(pick.message) ? (pick.message as RejectReason) : 'bad_record'
  const field = pick.path.join('.')
  const input = (pick as { input?: unknown }).input
  return { reason, detail: `${field || 'record'}: ${JSON.stringify(input)?.slice(0, 200) ?? 'missing'}` }
}

/** Makes a raw record storable as Postgres jsonb (no NUL, no lone surrogates), keeping everything else. */
export function storableRaw(raw: unknown): unknown {
  return JSON.parse(
    JSON.stringify(raw ?? null, (_k, v: unknown) =>
      typeof v === 'string'
        ? v.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        : v,
    ),
  )
}
