/**
 * Backlog, ageing and processing time per commune for a period [from, to], read from the `commune_day`
 * rollup (never from dossiers). `scanFrom` (= from − 31 days) is where the carried-over stock is looked for.
 *
 * Stock figures (carried over, in process, ageing) are the end-of-day stock of the LAST rolled-up day:
 * carried over = the last day before `from`; in process = the last day in [from, to] — i.e. `to`, or today
 * when the period runs into the future (its day is returned as stock_day).
 */
import { z } from 'zod'
import { CommunePeriod, defineQuery, IN_SCOPE, num, sql, ymd } from '../../../db/clickhouse/query.ts'

const PeriodWithScan = CommunePeriod.extend({ scanFrom: ymd })

export const BacklogCounts = z.object({
  carried_over: num,
  received: num,
  received_online: num,
  processed_early: num,
  processed_on_time: num,
  processed_late: num,
  processed_cancelled: num,
  in_process_not_due: num,
  in_process_nearly_due: num,
  in_process_overdue: num,
})
export type BacklogCounts = z.infer<typeof BacklogCounts>

/** The backlog's columns over commune_day rows of [scanFrom, to] (also read by communePeriodRows, commune-period.ts). */
export const BACKLOG_COLUMNS = sql`
    argMaxIf(open_not_due + open_nearly_due + open_overdue, day, day < {from:Date}) AS carried_over,
    sumIf(received, day >= {from:Date}) AS received,
    sumIf(received_online, day >= {from:Date}) AS received_online,
    sumIf(finished_early, day >= {from:Date}) AS processed_early,
    sumIf(finished_on_time, day >= {from:Date}) AS processed_on_time,
    sumIf(finished_late, day >= {from:Date}) AS processed_late,
    sumIf(finished_cancelled, day >= {from:Date}) AS processed_cancelled,
    argMaxIf(open_not_due, day, day >= {from:Date}) AS in_process_not_due,
    argMaxIf(open_nearly_due, day, day >= {from:Date}) AS in_process_nearly_due,
    argMaxIf(open_overdue, day, day >= {from:Date}) AS in_process_overdue,
    toString(maxIf(day, day >= {from:Date})) AS stock_day`

export const backlogRows = defineQuery({
  name: 'backlog from commune_day',
  params: PeriodWithScan,
  row: BacklogCounts.extend({ commune_code: z.string(), stock_day: z.string() }),
  sql: sql`
SELECT commune_code,${BACKLOG_COLUMNS}
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {scanFrom:Date} AND {to:Date}
GROUP BY commune_code`,
})

export const AgeCounts = z.object({ age_0_5: num, age_6_10: num, age_11_20: num, age_over_20: num })

export const ageingRows = defineQuery({
  name: 'ageing from commune_day',
  params: CommunePeriod,
  row: AgeCounts.extend({ commune_code: z.string(), stock_day: z.string() }),
  sql: sql`
SELECT commune_code,
    argMax(open_age_0_5, day) AS age_0_5,
    argMax(open_age_6_10, day) AS age_6_10,
    argMax(open_age_11_20, day) AS age_11_20,
    argMax(open_age_over_20, day) AS age_over_20,
    toString(max(day)) AS stock_day
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code`,
})

export const ProcessingHistogram = z.object({ finished: num, days_sum: num, hist_days: z.array(num), hist_counts: z.array(num) })

export const processingTimeRows = defineQuery({
  name: 'processing time from commune_day',
  params: CommunePeriod,
  row: ProcessingHistogram.extend({ commune_code: z.string() }),
  sql: sql`
SELECT commune_code,
    sum(finished) AS finished,
    sum(processing_days_sum) AS days_sum,
    mapKeys(sumMap(processing_days_hist)) AS hist_days,
    mapValues(sumMap(processing_days_hist)) AS hist_counts
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code`,
})
