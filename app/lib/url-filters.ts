/**
 * The dashboard's filters live in the URL so every view can be linked and shared. One zod schema parses
 * the search params (unknown or malformed values fall back to the defaults, never throw); `resolvePeriod`
 * turns a preset into concrete dates (Asia/Ho_Chi_Minh) together with the comparison period; `withParams`
 * writes a changed filter back into a query string.
 */
import { z } from 'zod'
import { addDays, toLocalYmd, ymdToDayNumber } from '../../db/lib/workdays.ts'
import { parseDayInput } from './day-input.ts'
import { customPeriod, periodOf, previousPeriod, samePeriodLastYear } from '../kpi/period.ts'

/** day = today, week = this ISO week to today, ytd = this year to today ("Năm nay"). */
export const PERIOD_PRESETS = ['day', 'week', '7d', '30d', 'month', 'quarter', 'ytd', '12m', 'custom'] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]
export const COMPARISONS = ['previous', 'last_year'] as const
export type Comparison = (typeof COMPARISONS)[number]
export const COMMUNE_TYPES = ['all', 'xa', 'phuong', 'dac_khu'] as const
export type CommuneTypeFilter = (typeof COMMUNE_TYPES)[number]
/** KPIs the map (and the commune table's rank) can be coloured by. */
export const MAP_KPIS = [
  'on_time_rate',
  'late_rate',
  'backlog',
  'overdue',
  'received_per_day',
  'satisfied_share',
  'overload',
  'qd766_total',
  'equipment_gap_vnd',
] as const
export type MapKpi = (typeof MAP_KPIS)[number]

export { parseDayInput, ymdToVi } from './day-input.ts'

const ymd = z.string().transform((s, ctx) => parseDayInput(s) ?? (ctx.addIssue({ code: 'custom', message: 'not a date' }), z.NEVER))

/** `.catch` makes a bad value fall back to the default instead of failing the page. */
export const FiltersSchema = z.object({
  period: z.enum(PERIOD_PRESETS).catch('30d'),
  from: ymd.optional().catch(undefined),
  to: ymd.optional().catch(undefined),
  compare: z.enum(COMPARISONS).catch('previous'),
  type: z.enum(COMMUNE_TYPES).catch('all'),
  kpi: z.enum(MAP_KPIS).catch('on_time_rate'),
  q: z.string().max(100).catch('').default(''),
  sort: z
    .string()
    .regex(/^[a-zA-Z0-9_]{1,40}$/)
    .optional()
    .catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})
export type Filters = z.infer<typeof FiltersSchema>

export function parseFilters(search: URLSearchParams | string): Filters {
  const sp = typeof search === 'string' ? new URLSearchParams(search) : search
  const raw: Record<string, string> = {}
  for (const k of Object.keys(FiltersSchema.shape)) {
    const v = sp.get(k)
    if (v !== null && v !== '') raw[k] = v
  }
  return FiltersSchema.parse(raw)
}

/** A range of days as the filters resolve it: both ends inclusive, with its length (app/kpi/period.ts has the `Period`). */
export interface DayRange {
  from: string
  /** Inclusive last day. */
  to: string
  days: number
}
export interface ResolvedPeriod {
  preset: PeriodPreset
  /** "Tùy chọn" was asked for without two valid dates in order: the default 30 days are shown, with a message. */
  customInvalid?: boolean
  current: DayRange
  comparison: DayRange
  compare: Comparison
  /** Trend bucket that keeps a chart readable for this length. */
  grain: 'day' | 'week' | 'month'
}

function period(from: string, to: string): DayRange {
  return { from, to, days: ymdToDayNumber(to) - ymdToDayNumber(from) + 1 }
}

function shiftYear(d: string, years: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number]
  const yy = y + years
  // 29 February → 28 February in a non-leap year.
  const last = new Date(Date.UTC(yy, m, 0)).getUTCDate()
  return `${String(yy).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`
}

/** The period a page's URL asks for (its filters resolved to dates). */
export function periodOfUrl(url: string | URL): ResolvedPeriod {
  return resolvePeriod(parseFilters(new URL(url).searchParams))
}

/** Concrete dates for the filters; `today` is the local (Asia/Ho_Chi_Minh) date the presets end on. */
export function resolvePeriod(
  f: Pick<Filters, 'period' | 'from' | 'to' | 'compare'>,
  today: string = toLocalYmd(new Date()),
): ResolvedPeriod {
  let from: string
  let to = today
  let preset = f.period
  let customInvalid = false
  const [y, m] = today.split('-').map(Number) as [number, number]
  switch (preset) {
    case 'day':
      from = today
      break
    case 'week':
      from = periodOf('week', today).from
      break
    case '7d':
      from = addDays(today, -6)
      break
    case 'month':
      from = `${today.slice(0, 7)}-01`
      break
    case 'quarter':
      from = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
      break
    case 'ytd':
      from = `${y}-01-01`
      break
    case '12m':
      from = addDays(shiftYear(today, -1), 1)
      break
    case 'custom':
      if (f.from && f.to && f.from <= f.to) {
        from = f.from
        to = f.to
        break
      }
      preset = '30d'
      customInvalid = true
      from = addDays(today, -29)
      break
    default:
      from = addDays(today, -29)
  }
  const current = period(from, to)
  // The KPI engine's own definitions (app/kpi/period.ts), so a tile's "previous" is the API's "previous":
  // a whole month/quarter/year compares with the previous one, any other range with the same number of days before.
  const c = f.compare === 'last_year' ? samePeriodLastYear(customPeriod(from, to)) : previousPeriod(customPeriod(from, to))
  const comparison = period(c.from, c.to)
  const grain = current.days <= 62 ? 'day' : current.days <= 370 ? 'week' : 'month'
  return { preset, ...(customInvalid ? { customInvalid } : {}), current, comparison, compare: f.compare, grain }
}

/** The current query string with some params changed (undefined/'' removes one); page resets unless given. */
export function withParams(search: URLSearchParams | string, changes: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams(typeof search === 'string' ? search : search.toString())
  if (!('page' in changes)) sp.delete('page')
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') sp.delete(k)
    else sp.set(k, String(v))
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

/** The params that define the period and comparison only (for links between pages that keep the period). */
export function periodParams(search: URLSearchParams | string): string {
  const sp = new URLSearchParams(typeof search === 'string' ? search : search.toString())
  const keep = new URLSearchParams()
  // `province`: the province a national deployment is drilled to (ADR 033) travels with the period.
  for (const k of ['period', 'from', 'to', 'compare', 'province']) {
    const v = sp.get(k)
    if (v) keep.set(k, v)
  }
  const s = keep.toString()
  return s ? `?${s}` : ''
}
