/**
 * Time in Vietnam, in one place: Asia/Ho_Chi_Minh is UTC+7 all year (no DST), so an instant and its wall time
 * differ by a constant. Every +07:00, every "YYYY-MM-DD" check and the parsing of source times live here.
 *
 * Source times are read to epoch milliseconds: ISO 8601 with an offset (the contract), or — for spreadsheets —
 * without one (read as Vietnam wall time), `dd/mm/yyyy[ HH:MM[:SS]]`, or a JS Date. Nothing here uses the
 * process's time zone.
 */

import { z } from 'zod'

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh'
/** The contract's offset text. */
export const VN_OFFSET = '+07:00'
export const VN_OFFSET_MINUTES = 7 * 60
export const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000
export const DAY_MS = 86_400_000

/** A calendar day written 'YYYY-MM-DD' (shape only: see `ymdToMs` for a real date). */
export const YMD = /^\d{4}-\d{2}-\d{2}$/
export const isYmd = (s: string): boolean => YMD.test(s)

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

/** Parses a source time to epoch ms, or null. A time without an offset is Vietnam wall time. */
export function parseTime(v: unknown): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime()
  if (typeof v !== 'string') return null
  const fast = parseCanonical(v)
  if (fast !== undefined) return fast
  const s = v.trim()
  let m = ISO.exec(s)
  if (m) {
    let offset = VN_OFFSET_MINUTES
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
  if (m) return build(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, VN_OFFSET_MINUTES)
  return null
}

/** 'YYYY-MM-DD' → epoch ms of its midnight in Vietnam, or null when it is not a calendar day. */
export function ymdToMs(ymd: string): number | null {
  if (!YMD.test(ymd)) return null
  return build(+ymd.slice(0, 4), +ymd.slice(5, 7), +ymd.slice(8, 10), 0, 0, 0, 0, VN_OFFSET_MINUTES)
}

/** Like ymdToMs for a day known to be valid (constants); throws otherwise. */
export function vnMidnight(ymd: string): number {
  const ms = ymdToMs(ymd)
  if (ms === null) throw new Error(`not a calendar day: ${ymd}`)
  return ms
}

const pad2 = (n: number) => (n < 10 ? '0' + n : '' + n)
const pad3 = (n: number) => (n < 10 ? '00' + n : n < 100 ? '0' + n : '' + n)

/** Epoch ms → ClickHouse DateTime64(3, 'Asia/Ho_Chi_Minh') text (wall time in Vietnam), without Date objects. */
export function chTime(ms: number): string {
  const local = ms + VN_OFFSET_MS
  const days = Math.floor(local / DAY_MS)
  let rest = local - days * DAY_MS
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
  return new Date(ms + VN_OFFSET_MS).toISOString().replace('Z', VN_OFFSET)
}

/** Epoch ms → the Vietnam calendar day 'YYYY-MM-DD'. */
export function vnDay(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10)
}

/** A calendar day 'YYYY-MM-DD' (zod), e.g. a rollup range's bound. */
export const YmdDay = z
  .string()
  .regex(YMD, 'expected YYYY-MM-DD')
  .refine((s) => ymdToMs(s) !== null, 'not a calendar date')

/** The window of whole Vietnam days `fromDay` … `toDay` (inclusive), as epoch ms [from, to). */
export function dayRangeMs(fromDay: string, toDay: string): { from: number; to: number } {
  return { from: vnMidnight(fromDay), to: vnMidnight(toDay) + DAY_MS }
}
