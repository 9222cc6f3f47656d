/**
 * Reading the holiday calendar file (vn-holidays.csv). Kept apart from workdays.ts so the browser bundle,
 * which uses the calendar arithmetic, never pulls in the CSV parser (csv-parse runs Node's Buffer at load).
 */
import { parseCsv } from './csv'
import { WorkCalendar, ymdToDayNumber, type HolidayRow } from './workdays.ts'

/**
 * Reads vn-holidays.csv (columns date, name, kind, source). Throws on a bad date or an unknown kind.
 * The `name` column absorbs unquoted commas (two 2024 rows have them; see ParseCsvOptions).
 */
export function parseHolidaysCsv(text: string): HolidayRow[] {
  return parseCsv(text, { overflowColumn: 'name' }).map((r, i) => {
    const kind = (r.kind ?? '').trim()
    const date = (r.date ?? '').trim()
    if (kind !== 'holiday' && kind !== 'day_off' && kind !== 'makeup_workday') {
      throw new Error(`vn-holidays.csv row ${i + 2}: unknown kind ${JSON.stringify(kind)}`)
    }
    ymdToDayNumber(date) // throws with the bad value
    return { date, kind, name: r.name, source: r.source }
  })
}

/** Convenience: a calendar straight from the CSV text. */
export function calendarFromCsv(text: string): WorkCalendar {
  return new WorkCalendar(parseHolidaysCsv(text))
}
