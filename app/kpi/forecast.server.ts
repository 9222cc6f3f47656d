/**
 * Intake forecast for the next 28 days per commune and for the province, through `forecastIntake`
 * (app/kpi/forecast.ts: weekday profile, recent level, damped trend) with the holiday calendar of the
 * Postgres `holidays` table — so Tết, National Day and make-up Saturdays are known in advance.
 * History: the 8 weeks (56 days) ending `asOf` (default yesterday, Asia/Ho_Chi_Minh: today is incomplete),
 * densified (a day without dossiers is 0), read from the commune_day_procedure rollup.
 * Growth = expected intake per working day ahead ÷ actual intake per working day over the last 28 days − 1.
 */
import type { Stores } from '../../db/stores.ts'
import { loadCalendar } from '../../db/seed/workdays.ts'
import { addDays, toLocalYmd, type WorkCalendar } from '../../db/lib/workdays.ts'
import { forecastWithModel, type DailyIntake, type ForecastOptions, type ForecastPoint, type IntakeModel } from './forecast.ts'
import { round } from './numbers.ts'
import { dailyReceived } from './queries/load.ts'
import { PROVINCE } from './queries/queue.ts'
import { YmdSchema } from './period.ts'
import { KpiPeriod, resolveScope } from './scope.server.ts'

export const HISTORY_DAYS = 56
export const HORIZON_DAYS = 28

export interface IntakeForecast {
  commune: string | null
  /** Last day of history; the forecast starts the day after. */
  asOf: string
  start: string
  end: string
  history: DailyIntake[]
  points: ForecastPoint[]
  totalExpected: number
  workingDaysAhead: number
  expectedPerWorkday: number | null
  recentPerWorkday: number | null
  growthPct: number | null
  model: IntakeModel
}

export function forecastFromHistory(
  commune: string | null,
  history: DailyIntake[],
  cal: WorkCalendar,
  options: ForecastOptions = {},
): IntakeForecast {
  const asOf = history[history.length - 1]!.date
  // One fit for the points and the model shown (the horizon does not enter the fit).
  const { points, model } = forecastWithModel(history, cal, { horizonDays: HORIZON_DAYS, ...options })
  const open = points.filter((p) => p.kind === 'workday' || p.kind === 'makeup_saturday')
  const totalExpected = round(points.reduce((s, p) => s + p.expected, 0))
  const recentFrom = addDays(asOf, -28)
  const recent = history.filter((h) => h.date > recentFrom)
  const recentDays = recent.filter((h) => cal.isWorkingDay(h.date)).length
  const recentTotal = recent.reduce((s, h) => s + h.received, 0)
  const expectedPerWorkday = open.length ? totalExpected / open.length : null
  const recentPerWorkday = recentDays ? recentTotal / recentDays : null
  const growthPct = expectedPerWorkday !== null && recentPerWorkday ? round((expectedPerWorkday / recentPerWorkday - 1) * 100) : null
  const r = (x: number) => round(x, 4)
  return {
    commune,
    asOf,
    start: points[0]!.date,
    end: points[points.length - 1]!.date,
    history,
    points,
    totalExpected,
    workingDaysAhead: open.length,
    expectedPerWorkday: expectedPerWorkday === null ? null : round(expectedPerWorkday),
    recentPerWorkday: recentPerWorkday === null ? null : round(recentPerWorkday),
    growthPct,
    model: {
      ...model,
      weekdayFactors: {
        1: r(model.weekdayFactors[1]),
        2: r(model.weekdayFactors[2]),
        3: r(model.weekdayFactors[3]),
        4: r(model.weekdayFactors[4]),
        5: r(model.weekdayFactors[5]),
      },
      profileMean: r(model.profileMean),
      recentLevel: r(model.recentLevel),
      previousLevel: model.previousLevel === null ? null : r(model.previousLevel),
      trendRatio: r(model.trendRatio),
      trendMultiplier: r(model.trendMultiplier),
      baseLevel: r(model.baseLevel),
      relativeNoise: r(model.relativeNoise),
    },
  }
}

/** Forecasts for many communes from one query, plus PROVINCE ('') for their sum. */
export async function forecastsFor(
  stores: Stores,
  codes: string[],
  asOf: string,
  caller: string,
  cal?: WorkCalendar,
): Promise<Map<string, IntakeForecast>> {
  const from = addDays(asOf, -(HISTORY_DAYS - 1))
  const [daily, calendar] = await Promise.all([dailyReceived(stores.ch, codes, from, asOf, caller), cal ?? loadCalendar(stores.pg.db)])
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) => addDays(from, i))
  const out = new Map<string, IntakeForecast>()
  const total = new Map<string, number>()
  for (const code of codes) {
    const m = daily.get(code)
    const history = days.map((d) => ({ date: d, received: m?.get(d) ?? 0 }))
    for (const h of history) total.set(h.date, (total.get(h.date) ?? 0) + h.received)
    out.set(code, forecastFromHistory(code, history, calendar))
  }
  out.set(
    PROVINCE,
    forecastFromHistory(
      null,
      days.map((d) => ({ date: d, received: total.get(d) ?? 0 })),
      calendar,
    ),
  )
  return out
}

const ForecastQuery = KpiPeriod.partial().extend({ asOf: YmdSchema.optional() })

/**
 * The next 28 days' intake for one commune, or the province when `commune` is omitted. History ends at
 * `asOf`, else at the period's `to` (a dashboard period can be passed as is; `from` is ignored), else yesterday.
 */
export async function getIntakeForecast(
  stores: Stores,
  query: { commune?: string; asOf?: string; from?: string; to?: string } = {},
): Promise<IntakeForecast> {
  const q = ForecastQuery.parse(query)
  const { selected } = await resolveScope(stores, q.commune)
  const asOf = q.asOf ?? q.to ?? addDays(toLocalYmd(new Date()), -1)
  const all = await forecastsFor(
    stores,
    selected.map((c) => c.code),
    asOf,
    'kpi:getIntakeForecast',
  )
  return all.get(q.commune ?? PROVINCE)!
}
