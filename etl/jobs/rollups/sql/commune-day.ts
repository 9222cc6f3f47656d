/**
 * INSERT … SELECT that recomputes `commune_day` (migrations 0008 + 0200) for communes {communes} and days
 * {from} … {to} ({days} = number of days) from `dossiers FINAL` and `ratings FINAL`.
 *
 * Every (commune, day) of the grid gets a row, zeros included, so a day whose dossiers moved away (a
 * corrected date, a re-delivered version) is overwritten rather than left stale. The table is
 * ReplacingMergeTree(computed_at): the new rows replace the old ones, and re-running changes nothing.
 *
 * Each dossier emits events: (1, reception day) if received in range; (2, end day) if finished in range;
 * (3, d) for every day d in range at whose end it is still open — the stock columns. Flows are counted on
 * the day they happen; `e_result` on the end day (resolved dossiers only); digitisation, data reuse,
 * population data, fee / paid online and supplement requests on the reception day.
 */
import { z } from 'zod'
import { CALENDAR, dossierFacts, nearlyDueAt, overdueAt, seqOf } from '../../../../db/clickhouse/dossier-facts.ts'
import { communeCodes, defineStatement, sql, ymd, type Sql } from '../../../../db/clickhouse/query.ts'
import { CELL_GRID, CellParams, INDEXED_IDS, communeFrom } from './cells.ts'

const EMPTY = sql`CAST([], 'Array(Tuple(UInt8, Date))')`

const events = (ids: Sql, cellFilter: Sql, from: Sql) => sql`
    SELECT *, ev.1 AS kind, ev.2 AS ev_day, ${seqOf(sql`ev.2`)} AS ev_seq
    FROM (
        SELECT *,
            greatest(rday, ${from}) AS open_from,
            least({to:Date}, if(is_finished, eday - 1, {to:Date})) AS open_to
        FROM (${dossierFacts(sql`rday <= {to:Date} AND (NOT is_finished OR eday >= {from:Date}) AND ${ids}`)})
    )
    ARRAY JOIN arrayConcat(
        if(rday >= {from:Date}, [(toUInt8(1), rday)], ${EMPTY}),
        if(is_finished AND eday BETWEEN {from:Date} AND {to:Date}, [(toUInt8(2), eday)], ${EMPTY}),
        arrayMap(i -> (toUInt8(3), open_from + i), range(toUInt32(greatest(0, dateDiff('day', open_from, open_to) + 1))))
    ) AS ev
    WHERE ${cellFilter}`

const OD = overdueAt(sql`ev_day`)
const ND = nearlyDueAt(sql`ev_day`, sql`ev_seq`)
const AGE = sql`(ev_seq - r_seq)`

const dossierDay = (ids: Sql, cellFilter: Sql, from: Sql) => sql`
    SELECT commune_code, ev_day AS day,
        countIf(kind = 1) AS received,
        countIf(kind = 1 AND channel = 2) AS received_online,
        countIf(kind = 1 AND is_land) AS received_land,
        sumIf(toFloat64(statutory_days), kind = 1) AS weighted_received,
        countIf(kind = 2) AS finished,
        countIf(kind = 2 AND fin_early) AS finished_early,
        countIf(kind = 2 AND fin_on_time) AS finished_on_time,
        countIf(kind = 2 AND fin_late) AS finished_late,
        countIf(kind = 2 AND is_cancelled) AS finished_cancelled,
        sumIf(toFloat64(proc_days), kind = 2) AS processing_days_sum,
        countIf(synthetic) AS synthetic_events,
        countIf(kind = 3 AND NOT ${OD} AND NOT ${ND}) AS open_not_due,
        countIf(kind = 3 AND ${ND}) AS open_nearly_due,
        countIf(kind = 3 AND ${OD}) AS open_overdue,
        countIf(kind = 1 AND supplement_count >= 1) AS supplement_requested,
        countIf(kind = 2 AND e_result AND NOT is_cancelled) AS e_result,
        countIf(kind = 1 AND digitised) AS digitised,
        countIf(kind = 1 AND data_reused) AS data_reused,
        countIf(kind = 1 AND population_data) AS population_data,
        countIf(kind = 1 AND fee_vnd > 0) AS with_fee,
        countIf(kind = 1 AND fee_vnd > 0 AND paid_online > 0) AS paid_online,
        countIf(kind = 3 AND ${AGE} <= 5) AS open_age_0_5,
        countIf(kind = 3 AND ${AGE} BETWEEN 6 AND 10) AS open_age_6_10,
        countIf(kind = 3 AND ${AGE} BETWEEN 11 AND 20) AS open_age_11_20,
        countIf(kind = 3 AND ${AGE} > 20) AS open_age_over_20,
        sumMapIf(map(toUInt16(proc_days), toUInt32(1)), kind = 2) AS processing_days_hist,
        countIf(kind = 2 AND NOT is_cancelled) AS finished_resolved,
        countIf(kind = 2 AND (fin_late OR rated_unsatisfied OR complained)) AS finished_dissatisfied,
        countIf(kind = 3 AND (${OD} OR rated_unsatisfied OR complained)) AS open_dissatisfied,
        countIf(kind = 2 AND is_land) AS land_finished,
        countIf(kind = 2 AND is_land AND fin_late) AS land_finished_late,
        countIf(kind = 3 AND is_land) AS land_open,
        countIf(kind = 3 AND is_land AND ${OD}) AS land_open_overdue
    FROM (${events(ids, cellFilter, from)})
    GROUP BY commune_code, day`

const RATED_IN_RANGE = sql`(SELECT dossier_id FROM ratings FINAL
        WHERE commune_code IN {communes:Array(String)} AND toDate(rated_at) BETWEEN {from:Date} AND {to:Date})`

const RATING_DAY = sql`
    SELECT commune_code, toDate(rated_at) AS day,
        ${sql.raw([1, 2, 3, 4, 5].map((l) => `countIf(level = ${l}) AS rating_${l}`).join(',\n        '))},
        ${sql.raw([1, 2, 3, 4, 5].map((l) => `countIf(level = ${l} AND land) AS land_rating_${l}`).join(',\n        '))}
    FROM (
        SELECT commune_code, rated_at, level,
            dossier_id IN (SELECT dossier_id FROM dossiers FINAL
                WHERE commune_code IN {communes:Array(String)} AND field_code = 'dat_dai' AND dossier_id IN ${RATED_IN_RANGE}) AS land
        FROM ratings FINAL
        WHERE commune_code IN {communes:Array(String)} AND toDate(rated_at) BETWEEN {from:Date} AND {to:Date}
    )
    GROUP BY commune_code, day`

const DOSSIER_COLUMNS = [
  'received',
  'received_online',
  'received_land',
  'weighted_received',
  'finished',
  'finished_early',
  'finished_on_time',
  'finished_late',
  'finished_cancelled',
  'processing_days_sum',
  'open_not_due',
  'open_nearly_due',
  'open_overdue',
  'supplement_requested',
  'e_result',
  'digitised',
  'data_reused',
  'population_data',
  'with_fee',
  'paid_online',
  'open_age_0_5',
  'open_age_6_10',
  'open_age_11_20',
  'open_age_over_20',
  'processing_days_hist',
  'finished_resolved',
  'finished_dissatisfied',
  'open_dissatisfied',
  'land_finished',
  'land_finished_late',
  'land_open',
  'land_open_overdue',
  'synthetic_events',
]
const RATING_COLUMNS = [1, 2, 3, 4, 5].flatMap((l) => [`rating_${l}`, `land_rating_${l}`])

/**
 * The statement over the cells of `grid`, reading the dossiers `ids` selects, counting stock from `from` (per
 * dossier: its commune's first day) and keeping the events `cellFilter` keeps.
 */
const refreshSql = (grid: Sql, ids: Sql, cellFilter: Sql, from: Sql) => sql`
INSERT INTO commune_day (commune_code, day, ${sql.raw([...DOSSIER_COLUMNS, ...RATING_COLUMNS].join(', '))}, computed_at)
WITH ${CALENDAR}
SELECT g.commune_code, g.day,
    ${sql.raw(DOSSIER_COLUMNS.map((c) => `e.${c}`).join(', '))},
    ${sql.raw(RATING_COLUMNS.map((c) => `r.${c}`).join(', '))},
    now64(3)
FROM (${grid}) AS g
LEFT JOIN (${dossierDay(ids, cellFilter, from)}) AS e ON e.commune_code = g.commune_code AND e.day = g.day
LEFT JOIN (${RATING_DAY}) AS r ON r.commune_code = g.commune_code AND r.day = g.day
SETTINGS join_use_nulls = 0`

/** Recomputes `commune_day` for `communes` × the `days` days from `from` to `to` (the rollups job's statement). */
export const refreshCommuneDay = defineStatement({
  name: 'refresh commune_day',
  params: z.object({
    communes: communeCodes,
    from: ymd,
    to: ymd,
    days: z.number().int().positive(),
    nearlyDueDays: z.number().int().min(0).max(30),
  }),
  sql: refreshSql(
    sql`SELECT arrayJoin({communes:Array(String)}) AS commune_code, arrayJoin(arrayMap(i -> {from:Date} + i, range({days:UInt32}))) AS day`,
    sql`1`,
    sql`1`,
    sql`{from:Date}`,
  ),
})

/**
 * Recomputes the `commune_day` cells {cellCommunes}[i] × {cellDays}[i] (the rollups job after a load, ADR 040):
 * {communes} are the cells' communes and {from} … {to} their earliest and latest day. Only the dossiers that
 * rollup_dossier_cells names for those communes from {from} on are read (by primary key), and only the events on
 * the cells are counted; the figures are those of `refreshCommuneDay` over a range holding the cells.
 */
export const refreshCommuneDayCells = defineStatement({
  name: 'refresh commune_day cells',
  params: CellParams.extend({ nearlyDueDays: z.number().int().min(0).max(30) }),
  sql: refreshSql(CELL_GRID, INDEXED_IDS, sql`(commune_code, ev_day) IN (${CELL_GRID})`, communeFrom(sql`commune_code`, sql`{from:Date}`)),
})
