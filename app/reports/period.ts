/**
 * The report pages' period: `from`/`to` in the URL as YYYY-MM-DD (what links and the API use) or as typed
 * dd/mm/yyyy (the form, without JavaScript); the default is the last whole month. Also the quick periods
 * a report is usually filed for. Client-safe.
 */
import { fmtDate } from '../i18n/format.ts'
import { periodOf, previousPeriod, periodDays, MAX_PERIOD_DAYS } from '../kpi/period.ts'
import { ymdToDayNumber } from '../../db/lib/workdays.ts'

const real = (s: string) => {
  try {
    ymdToDayNumber(s)
    return true
  } catch {
    return false
  }
}

/** 'YYYY-MM-DD' or 'd/m/yyyy' (also with '-' or '.') → 'YYYY-MM-DD', or null. */
export function parseReportDate(text: string | null | undefined): string | null {
  const s = (text ?? '').trim()
  let ymd: string | null = null
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) ymd = s
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  if (m) ymd = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
  return ymd && real(ymd) ? ymd : null
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (what the form shows). */
export const toDmy = (ymd: string) => fmtDate(ymd)

export interface ReportPeriod {
  from: string
  to: string
  /** True when the URL asked for a period that could not be read (the default is shown instead). */
  invalid: boolean
}

export function reportPeriod(search: URLSearchParams, today: string): ReportPeriod {
  const fallback = previousPeriod(periodOf('month', today))
  const rawFrom = search.get('from')
  const rawTo = search.get('to')
  if (!rawFrom && !rawTo) return { from: fallback.from, to: fallback.to, invalid: false }
  const from = parseReportDate(rawFrom)
  const to = parseReportDate(rawTo)
  if (!from || !to || from > to || periodDays({ from, to }) > MAX_PERIOD_DAYS)
    return { from: fallback.from, to: fallback.to, invalid: true }
  return { from, to, invalid: false }
}

/** The quick periods: this month, last month, this quarter, last quarter, this year (to date where running). */
export function quickPeriods(today: string): { key: string; from: string; to: string }[] {
  const month = periodOf('month', today)
  const quarter = periodOf('quarter', today)
  const year = periodOf('year', today)
  const lastMonth = previousPeriod(month)
  const lastQuarter = previousPeriod(quarter)
  return [
    { key: 'b06.thisMonth', from: month.from, to: today },
    { key: 'b06.lastMonth', from: lastMonth.from, to: lastMonth.to },
    { key: 'b06.thisQuarter', from: quarter.from, to: today },
    { key: 'b06.lastQuarter', from: lastQuarter.from, to: lastQuarter.to },
    { key: 'b06.thisYear', from: year.from, to: today },
  ]
}
