/**
 * Counter queue tickets per commune over a period, from the `commune_hour_queue` rollup: totals, waits and
 * service times, arrivals by hour of day. The province-wide figures are keyed PROVINCE ('').
 */
import { z } from 'zod'
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { CommunePeriod, defineQuery, IN_SCOPE, num, numOrNull, sql } from '../../../db/clickhouse/query.ts'

/** The key of the rows summed over every commune asked for (ROLLUP / GROUPING SETS). */
export const PROVINCE = ''

/**
 * Queue tickets over [from, to] per commune, and for all the given communes together (commune_code = ''),
 * from the commune_hour_queue rollup. days = days with at least one ticket; waits and service in minutes.
 */
export const queueTotalRows = defineQuery({
  name: 'queue totals from commune_hour_queue',
  params: CommunePeriod,
  row: z.object({
    commune_code: z.string(),
    n_tickets: num,
    n_days: num,
    n_called: num,
    wait_sum: num,
    wait_p90: numOrNull,
    n_served: num,
    service_sum: num,
  }),
  sql: sql`
SELECT
    commune_code,
    sum(tickets) AS n_tickets,
    uniqExactIf(day, tickets > 0) AS n_days,
    sum(called) AS n_called,
    sum(wait_minutes_sum) AS wait_sum,
    quantileExactInclusiveArray(0.9)(waits) AS wait_p90,
    sum(served) AS n_served,
    sum(service_minutes_sum) AS service_sum
FROM commune_hour_queue FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY ROLLUP(commune_code)
HAVING n_tickets > 0`,
})

/**
 * Queue tickets over [from, to] per commune × hour of day, and per hour for all the given communes together
 * (commune_code = ''). Divided by the days with tickets (queue_totals) this is arrivals per hour.
 */
export const queueByHourRows = defineQuery({
  name: 'queue by hour from commune_hour_queue',
  params: CommunePeriod,
  row: z.object({ commune_code: z.string(), hour: num, n_tickets: num, n_called: num, wait_sum: num }),
  sql: sql`
SELECT
    commune_code,
    hour,
    sum(tickets) AS n_tickets,
    sum(called) AS n_called,
    sum(wait_minutes_sum) AS wait_sum
FROM commune_hour_queue FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY GROUPING SETS ((commune_code, hour), (hour))
HAVING n_tickets > 0
ORDER BY commune_code, hour`,
})

export interface HourFacts {
  hour: number
  tickets: number
  /** Tickets in this hour of the day ÷ days with tickets. */
  arrivalsPerHour: number
  meanWaitMinutes: number | null
}
export interface QueueFacts {
  tickets: number
  daysWithTickets: number
  called: number
  meanWaitMinutes: number | null
  p90WaitMinutes: number | null
  served: number
  meanServiceMinutes: number | null
  byHour: HourFacts[]
  peakHour: number
  peakArrivalsPerHour: number
}

/** Queue facts per commune with tickets in the period, plus PROVINCE ('') for all of them together. */
export async function queueFacts(ch: ChStore, codes: string[], from: string, to: string, caller: string): Promise<Map<string, QueueFacts>> {
  const [totals, hours] = await Promise.all([
    queueTotalRows(ch, { communes: codes, from, to }, caller),
    queueByHourRows(ch, { communes: codes, from, to }, caller),
  ])
  const out = new Map<string, QueueFacts>()
  for (const t of totals) {
    const byHour = hours
      .filter((h) => h.commune_code === t.commune_code)
      .map((h) => ({
        hour: h.hour,
        tickets: h.n_tickets,
        arrivalsPerHour: h.n_tickets / t.n_days,
        meanWaitMinutes: h.n_called > 0 ? h.wait_sum / h.n_called : null,
      }))
      .sort((a, b) => a.hour - b.hour)
    const peak = byHour.reduce((best, h) => (h.arrivalsPerHour > best.arrivalsPerHour ? h : best), byHour[0]!)
    out.set(t.commune_code, {
      tickets: t.n_tickets,
      daysWithTickets: t.n_days,
      called: t.n_called,
      meanWaitMinutes: t.n_called > 0 ? t.wait_sum / t.n_called : null,
      p90WaitMinutes: t.n_called > 0 ? t.wait_p90 : null,
      served: t.n_served,
      meanServiceMinutes: t.n_served > 0 ? t.service_sum / t.n_served : null,
      byHour,
      peakHour: peak.hour,
      peakArrivalsPerHour: peak.arrivalsPerHour,
    })
  }
  return out
}
