/** Vietnamese-first number and date formats (1.234,5 — 24/11/2026). */
import { z } from 'zod'

/** The interface languages, Vietnamese first. */
export const LangSchema = z.enum(['vi', 'en'])
export type Lang = z.infer<typeof LangSchema>

/** The locale a language formats with: vi-VN (1.234,5 · 24/11/2026) or en-GB. */
export const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB')

/**
 * One Intl formatter per (kind, language, options), made once: constructing an Intl.NumberFormat costs
 * ~50× formatting with it, and a page writes thousands of numbers (it was 8 % of the server's CPU under load).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
function numberFormat(lang: Lang, min: number, max: number): Intl.NumberFormat {
  const key = `n${lang}${min}.${max}`
  let f = formatters.get(key) as Intl.NumberFormat | undefined
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: min, maximumFractionDigits: max })))
  return f
}
function dateFormat(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `d${lang}${withTime}`
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined
  if (!f) {
    const time = withTime ? ({ hour: '2-digit', minute: '2-digit' } as const) : {}
    f = new Intl.DateTimeFormat(locale(lang), { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', ...time })
    formatters.set(key, f)
  }
  return f
}

export function fmtInt(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return numberFormat(lang, 0, 0).format(n)
}

/**
 * A difference with its sign — "+2", "−3" (the minus sign U+2212, as the headers write "thừa (−)", not a hyphen),
 * "0" — for a shortage (+) or surplus (−) of officers.
 */
export function fmtSignedInt(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  const sign = n > 0 ? '+' : n < 0 ? '\u2212' : ''
  return sign + fmtInt(Math.abs(n), lang)
}

export function fmtNum(n: number | null | undefined, digits = 1, lang: Lang = 'vi'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return numberFormat(lang, digits, digits).format(n)
}

export function fmtPct(ratio: number | null | undefined, digits = 1, lang: Lang = 'vi'): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—'
  return `${fmtNum(ratio * 100, digits, lang)}%`
}

export function fmtVnd(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return `${fmtInt(n, lang)} ₫`
}

/** The kinds of number a table column, an export cell and a catalogued figure are written as. */
export type NumberKind = 'int' | 'num1' | 'num2' | 'pct' | 'vnd'

/** A number written as its kind says ('—' when there is none). */
export function fmtNumberKind(kind: NumberKind, v: number | null | undefined, lang: Lang = 'vi'): string {
  switch (kind) {
    case 'int':
      return fmtInt(v, lang)
    case 'num1':
      return fmtNum(v, 1, lang)
    case 'num2':
      return fmtNum(v, 2, lang)
    case 'pct':
      return fmtPct(v, 1, lang)
    case 'vnd':
      return fmtVnd(v, lang)
  }
}

/** 'YYYY-MM-DD' or an instant → dd/mm/yyyy in Asia/Ho_Chi_Minh. */
export function fmtDate(d: string | Date | null | undefined, lang: Lang = 'vi'): string {
  if (!d) return '—'
  const date = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(d + 'T00:00:00+07:00') : new Date(d)
  return dateFormat(lang, false).format(date)
}

const HOUR_MINUTE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/**
 * The fixed stamp of files and exports, the same in either language: dd/mm/yyyy, or dd/mm/yyyy HH:mm, in
 * Asia/Ho_Chi_Minh. Without the time, a 'YYYY-MM-DD…' text keeps the calendar day it names (a cell may hold a
 * time after the date); a text that is no date stays as it is.
 */
export function fmtStamp(v: string | Date, withTime = false): string {
  if (!withTime && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return fmtDate(v.slice(0, 10))
  const t = typeof v === 'string' ? Date.parse(v) : v.getTime()
  if (Number.isNaN(t)) return String(v)
  const d = new Date(t)
  return withTime ? `${fmtDate(d)} ${HOUR_MINUTE.format(d)}` : fmtDate(d)
}

export function fmtDateTime(d: string | Date | null | undefined, lang: Lang = 'vi'): string {
  if (!d) return '—'
  return dateFormat(lang, true).format(new Date(d))
}

/** A value the data holds in both languages (a name from the reference data: nameVi / nameEn), in the viewer's. */
export function inLang<T>(lang: Lang, vi: T, en: T): T {
  return lang === 'vi' ? vi : en
}
