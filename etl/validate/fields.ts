/**
 * zod field schemas for source records. Each failure carries a stable reject reason code as its message,
 * so `firstReason(issues)` gives the code stored in `etl_rejects` and counted in the run summary.
 *
 * Text is normalised to NFC. Times are returned as epoch milliseconds: ISO 8601 with an offset (the
 * contract), or — for spreadsheets — without one (read as Asia/Ho_Chi_Minh wall time, UTC+7, no DST),
 * `dd/mm/yyyy[ HH:MM[:SS]]`, or a JS Date (exceljs; see source/file.ts for Excel's wall-clock dates).
 * A number where a time belongs is `bad_date`.
 */
import { z } from 'zod'

export const REJECT_REASONS = [
  'missing_id',
  'invalid_utf8',
  'bad_date',
  'bad_number',
  'bad_enum',
  'bad_status',
  'bad_record',
  'unknown_unit',
  'ambiguous_unit',
  'split_unit_without_share',
  'due_before_received',
  // Source adapters (ADR 019): a status, channel or unit code the province has not mapped yet.
  'unmapped_status',
  'unmapped_channel',
  'unmapped_unit',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

type Ctx = z.core.$RefinementCtx
function fail(ctx: Ctx, reason: RejectReason, input: unknown): never {
  ctx.issues.push({ code: 'custom', message: reason, input })
  return z.NEVER
}

/** Vietnam is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3600_000

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil): no Date objects. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]! || h > 23 || mi > 59 || s > 59) return null
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offsetMin) * 60_000 + s * 1000 + ms
}

/** Two ASCII digits at i, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48
  const b = s.charCodeAt(i + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** The contract's own form "YYYY-MM-DDTHH:MM:SS+07:00" (optionally .sss, Z or another offset), read without a regex. */
function parseCanonical(s: string): number | null | undefined {
  const n = s.length
  if (
    n < 20 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return undefined
  const c1 = d2(s, 0)
  const c2 = d2(s, 2)
  const mo = d2(s, 5)
  const d = d2(s, 8)
  const h = d2(s, 11)
  const mi = d2(s, 14)
  const sec = d2(s, 17)
  if (c1 < 0 || c2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined
  let i = 19
  let ms = 0
  if (s.charCodeAt(i) === 46) {
    const a = d2(s, 20)
    const b = s.charCodeAt(22) - 48
    if (a < 0 || b < 0 || b > 9 || n < 23) return undefined
    ms = a * 10 + b
    i = 23
  }
  let offset: number
  if (n === i + 1 && (s.charCodeAt(i) === 90 || s.charCodeAt(i) === 122)) offset = 0
  else if (n === i + 6 && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) && s.charCodeAt(i + 3) === 58) {
    const oh = d2(s, i + 1)
    const om = d2(s, i + 4)
    if (oh < 0 || om < 0) return undefined
    offset = (s.charCodeAt(i) === 45 ? -1 : 1) * (oh * 60 + om)
  } else return undefined
  return build(c1 * 100 + c2, mo, d, h, mi, sec, ms, offset)
}

/** Parses a source time to epoch ms, or null. Exported for the source client's `to` cut-off. */
export function parseTime(v: unknown): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime()
  if (typeof v !== 'string') return null
  const fast = parseCanonical(v)
  if (fast !== undefined) return fast
  const s = v.trim()
  let m = ISO.exec(s)
  if (m) {
    let offset = 7 * 60
    const tz = m[8]
    if (tz) {
      if (tz.toUpperCase() === 'Z') offset = 0
      else {
        const digits = tz.replace(':', '')
        offset = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)))
      }
    }
    const frac = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), frac, offset)
  }
  m = VN_DATE.exec(s)
  if (m) return build(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, 7 * 60)
  return null
}

const pad2 = (n: number) => (n < 10 ? '0' + n : '' + n)
const pad3 = (n: number) => (n < 10 ? '00' + n : n < 100 ? '0' + n : '' + n)

/** Epoch ms → ClickHouse DateTime64(3, 'Asia/Ho_Chi_Minh') text (wall time in Vietnam), without Date objects. */
export function chTime(ms: number): string {
  const local = ms + VN_OFFSET_MS
  const days = Math.floor(local / 86_400_000)
  let rest = local - days * 86_400_000
  // civil_from_days (H. Hinnant)
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const h = Math.floor(rest / 3_600_000)
  rest -= h * 3_600_000
  const mi = Math.floor(rest / 60_000)
  rest -= mi * 60_000
  const sec = Math.floor(rest / 1000)
  return `${y}-${pad2(m)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${pad3(rest - sec * 1000)}`
}

/** Epoch ms → ISO 8601 with +07:00, the contract's format. */
export function isoVn(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().replace('Z', '+07:00')
}

/** Epoch ms → the Vietnam calendar day 'YYYY-MM-DD'. */
export function vnDay(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10)
}

const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

/** A record id: a non-empty string (or a number, as spreadsheets store ids). */
export const idField = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    if (typeof v !== 'string' || v.trim() === '') return fail(ctx, 'missing_id', v)
    return v.normalize('NFC').trim()
  })

/** Text, NFC; null/missing → ''. A number is kept as its decimal text (spreadsheet cells). */
export const textField = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined) return ''
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    if (typeof v !== 'string') return fail(ctx, 'bad_record', v)
    return v.normalize('NFC').trim()
  })

/** Text or null (null/missing/blank → null). */
export const optTextField = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (empty(v)) return null
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    if (typeof v !== 'string') return fail(ctx, 'bad_record', v)
    return v.normalize('NFC').trim()
  })

export const timeField = z
  .unknown()
  .optional()
  .transform((v, ctx) => parseTime(v) ?? fail(ctx, 'bad_date', v))

export const optTimeField = z
  .unknown()
  .optional()
  .transform((v, ctx) => (empty(v) ? null : (parseTime(v) ?? fail(ctx, 'bad_date', v))))

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

/** A number ≥ 0; blank/missing → 0. */
export const amountField = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (empty(v)) return 0
    const n = toNumber(v)
    if (n === null || n < 0) return fail(ctx, 'bad_number', v)
    return n
  })

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
        ? v.replace(/\u0000/g, '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        : v,
    ),
  )
}
