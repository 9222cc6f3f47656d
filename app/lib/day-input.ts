/**
 * Dates as people type them in Vietnam (dd/mm/yyyy), for every date field of the dashboard (the period picker, the
 * staffing editor and planner, actions, the audit filter): the browser's date input shows mm/dd/yyyy in some
 * locales, so the fields are text (components/forms/DayInput.tsx) and the server reads them with these.
 */
import { ymdToDayNumber } from '../../db/lib/workdays.ts'

/**
 * A date as the user types it (dd/mm/yyyy, also d/m/yyyy and dd-mm-yyyy or dd.mm.yyyy) or as links carry it
 * (yyyy-mm-dd) → 'YYYY-MM-DD', or null when it is not a calendar date.
 */
export function parseDayInput(input: string): string | null {
  const s = input.trim()
  let y: number, m: number, d: number
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (vi) [d, m, y] = [Number(vi[1]), Number(vi[2]), Number(vi[3])]
  else return null
  const out = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  try {
    ymdToDayNumber(out)
  } catch {
    return null
  }
  const back = new Date(Date.UTC(y, m - 1, d))
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? out : null
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (what the date fields show). */
export function ymdToVi(s: string): string {
  const [y, m, d] = s.split('-')
  return `${d}/${m}/${y}`
}

/** A form value to 'YYYY-MM-DD' before a schema checks it (`z.preprocess(toYmd, …)`); anything unreadable unchanged. */
export function toYmd(v: unknown): unknown {
  return typeof v === 'string' && v.trim() ? (parseDayInput(v) ?? v) : v
}
