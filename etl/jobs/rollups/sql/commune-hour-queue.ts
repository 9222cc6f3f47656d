/**
 * Recomputes commune_hour_queue (migration 0251) for communes {communes} and ticket days in [fromDay, toDay].
 * Rows already in the rollup for those communes and days enter with zeros, so an hour left without tickets is rewritten as 0.
 * wait = called − taken, service = done − called, in minutes (negative clock skew counts as 0).
 */
import { defineStatement, sql, type Sql } from '../../../../db/clickhouse/query.ts'
import { CELL_GRID } from './cells.ts'
import { DayCellParams, DayRangeParams } from './params.ts'

/** Over {communes} × {fromDay} … {toDay}, the (commune_code, day) rows `cells` keeps. */
const refreshSql = (cells: Sql) => sql`
INSERT INTO commune_hour_queue
    (commune_code, day, hour, tickets, called, wait_minutes_sum, waits, served, service_minutes_sum, computed_at)
SELECT commune_code, day, hour,
       sum(tickets), sum(called), sum(wait_minutes), groupArrayArray(waits), sum(served), sum(service_minutes),
       now64(3)
FROM
(
    SELECT commune_code, day, hour, toUInt32(0) AS tickets, toUInt32(0) AS called, toFloat64(0) AS wait_minutes,
           CAST([], 'Array(Float32)') AS waits, toUInt32(0) AS served, toFloat64(0) AS service_minutes
    FROM commune_hour_queue FINAL
    WHERE commune_code IN {communes:Array(String)} AND day BETWEEN {fromDay:Date} AND {toDay:Date} AND ${cells}

    UNION ALL

    SELECT commune_code, toDate(taken_at) AS day, toUInt8(toHour(taken_at)) AS hour,
           toUInt32(1) AS tickets,
           toUInt32(called_at IS NOT NULL) AS called,
           toFloat64(ifNull(w, 0)) AS wait_minutes,
           if(called_at IS NOT NULL, [toFloat32(ifNull(w, 0))], CAST([], 'Array(Float32)')) AS waits,
           toUInt32(called_at IS NOT NULL AND done_at IS NOT NULL) AS served,
           toFloat64(ifNull(s, 0)) AS service_minutes
    FROM
    (
        SELECT commune_code, taken_at, called_at, done_at,
               greatest(0, dateDiff('millisecond', taken_at, called_at) / 60000) AS w,
               greatest(0, dateDiff('millisecond', called_at, done_at) / 60000) AS s
        FROM queue_tickets FINAL
        WHERE commune_code IN {communes:Array(String)} AND toDate(taken_at) BETWEEN {fromDay:Date} AND {toDay:Date}
    )
)
WHERE ${cells}
GROUP BY commune_code, day, hour
`

export const refreshCommuneHourQueue = defineStatement({
  name: 'refresh commune_hour_queue',
  params: DayRangeParams,
  sql: refreshSql(sql`1`),
})

/** The same for the cells {cellCommunes}[i] × {cellDays}[i] only (ADR 040). */
export const refreshCommuneHourQueueCells = defineStatement({
  name: 'refresh commune_hour_queue cells',
  params: DayCellParams,
  sql: refreshSql(sql`(commune_code, day) IN (${CELL_GRID})`),
})
