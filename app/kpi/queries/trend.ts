/**
 * A trend over [from, to] by day, ISO week or month (`grain`), summed over `communes`, from `commune_day`.
 * `scanFrom` (= from − 31): the days before `from` form one bucket 1970-01-01 whose last stock is the
 * carried-over backlog. Flows are summed over the bucket; stocks are those of the bucket's last day.
 */
import { z } from 'zod'
import { communeCodes, defineQuery, IN_SCOPE, num, sql, ymd } from '../../../db/clickhouse/query.ts'

const Grain = z.enum(['day', 'week', 'month'])

export const trendRows = defineQuery({
  name: 'trend from commune_day',
  params: z.object({ communes: communeCodes, from: ymd, to: ymd, scanFrom: ymd, grain: Grain }),
  row: z.object({
    bucket: z.string(),
    last_day: z.string(),
    days: num,
    received: num,
    received_online: num,
    processed_early: num,
    processed_on_time: num,
    processed_late: num,
    days_sum: num,
    satisfied: num,
    rated: num,
    in_process_not_due: num,
    in_process_nearly_due: num,
    in_process_overdue: num,
  }),
  sql: sql`
SELECT toString(bucket) AS bucket, toString(max(day)) AS last_day, count() AS days,
    sum(received) AS received, sum(received_online) AS received_online, sum(finished_early) AS processed_early, sum(finished_on_time) AS processed_on_time,
    sum(finished_late) AS processed_late, sum(processing_days_sum) AS days_sum,
    sum(satisfied) AS satisfied, sum(rated) AS rated,
    argMax(open_not_due, day) AS in_process_not_due,
    argMax(open_nearly_due, day) AS in_process_nearly_due,
    argMax(open_overdue, day) AS in_process_overdue
FROM (
    SELECT
        if(day < {from:Date}, toDate('1970-01-01'),
           multiIf({grain:String} = 'week', toMonday(day), {grain:String} = 'month', toStartOfMonth(day), day)) AS bucket,
        day,
        sum(received) AS received, sum(received_online) AS received_online, sum(finished_early) AS finished_early, sum(finished_on_time) AS finished_on_time,
        sum(finished_late) AS finished_late, sum(processing_days_sum) AS processing_days_sum,
        sum(rating_4 + rating_5) AS satisfied, sum(rating_1 + rating_2 + rating_3 + rating_4 + rating_5) AS rated,
        sum(open_not_due) AS open_not_due, sum(open_nearly_due) AS open_nearly_due, sum(open_overdue) AS open_overdue
    FROM commune_day FINAL
    WHERE ${IN_SCOPE} AND day BETWEEN {scanFrom:Date} AND {to:Date}
    GROUP BY bucket, day
)
GROUP BY bucket
ORDER BY bucket`,
})

/**
 * Dossiers received per bucket of [from, to] (day, ISO week or month, as `trendRows`), per commune of
 * `communes`: one query for a whole table of sparklines. A bucket without a rollup day has no row (a gap).
 */
export const receivedByCommuneRows = defineQuery({
  name: 'received per commune and bucket from commune_day',
  params: z.object({ communes: communeCodes, from: ymd, to: ymd, grain: Grain }),
  row: z.object({ commune: z.string(), bucket: z.string(), received: num }),
  sql: sql`
SELECT commune_code AS commune,
    toString(multiIf({grain:String} = 'week', toMonday(day), {grain:String} = 'month', toStartOfMonth(day), day)) AS bucket,
    sum(received) AS received
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune, bucket`,
})
