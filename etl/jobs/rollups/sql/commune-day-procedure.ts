/**
 * INSERT … SELECT that recomputes `commune_day_procedure` (migration 0250) for communes {communes} and
 * reception days {fromDay} … {toDay}, built on the per-dossier facts (db/clickhouse/dossier-facts.ts), so
 * "received", statutory time, "finished late" and "overdue" mean exactly what they mean in commune_day.
 *
 * Rows already in the rollup for those communes and days enter with zeros, so a (commune, day, procedure)
 * left without dossiers (a corrected reception date, a changed procedure code) is rewritten as 0.
 *   late    = finished late (second supplement, or ended after the effective due time), or still open and
 *             overdue at the end of yesterday (Asia/Ho_Chi_Minh) — "as known when computed";
 *   problem = at least one supplement request, or late (each dossier once).
 */
import { CALENDAR, dossierFacts, overdueAt } from '../../../../db/clickhouse/dossier-facts.ts'
import { defineStatement, sql, type Sql } from '../../../../db/clickhouse/query.ts'
import { CELL_GRID, indexedIds } from './cells.ts'
import { DayCellParams, DayRangeParams } from './params.ts'

const ZERO = sql`toUInt32(0)`

/**
 * Over {communes} × {fromDay} … {toDay}, the rows `cells` keeps (a condition on commune_code and day), from the
 * dossiers `facts` keeps (a condition on the facts: commune_code, rday, dossier_id).
 */
const refreshSql = (cells: Sql, facts: Sql) => sql`
INSERT INTO commune_day_procedure
    (commune_code, day, procedure_code, procedure_name, field_code, received, received_in_person, statutory_days,
     supplement_requested, supplement_repeated, finished, finished_late, late, problem, digitised, computed_at)
WITH ${CALENDAR}
SELECT
    commune_code, day, procedure_code,
    argMax(procedure_name, received) AS procedure_name,
    argMax(field_code, received) AS field_code,
    sum(received), sum(received_in_person), sum(statutory_days), sum(supplement_requested), sum(supplement_repeated),
    sum(finished), sum(finished_late), sum(late), sum(problem), sum(digitised),
    now64(3)
FROM
(
    SELECT commune_code, day, procedure_code, procedure_name, field_code,
           ${ZERO} AS received, ${ZERO} AS received_in_person, toFloat64(0) AS statutory_days,
           ${ZERO} AS supplement_requested, ${ZERO} AS supplement_repeated, ${ZERO} AS finished,
           ${ZERO} AS finished_late, ${ZERO} AS late, ${ZERO} AS problem, ${ZERO} AS digitised
    FROM commune_day_procedure FINAL
    WHERE commune_code IN {communes:Array(String)} AND day BETWEEN {fromDay:Date} AND {toDay:Date} AND ${cells}

    UNION ALL

    SELECT f.commune_code AS commune_code, f.rday AS day, f.procedure_code AS procedure_code,
           f.procedure_name AS procedure_name, f.field_code AS field_code,
           toUInt32(1) AS received,
           toUInt32(f.channel = 1) AS received_in_person,
           toFloat64(f.statutory_days) AS statutory_days,
           toUInt32(f.supplement_count >= 1) AS supplement_requested,
           toUInt32(f.second_supplement) AS supplement_repeated,
           toUInt32(f.is_finished) AS finished,
           toUInt32(f.fin_late) AS finished_late,
           toUInt32(f.is_late_now) AS late,
           toUInt32(f.supplement_count >= 1 OR f.is_late_now) AS problem,
           toUInt32(f.digitised) AS digitised
    FROM
    (
        SELECT *, fin_late OR (NOT is_finished AND ${overdueAt(sql`yesterday()`)}) AS is_late_now
        FROM (${dossierFacts(sql`rday BETWEEN {fromDay:Date} AND {toDay:Date} AND ${facts}`)})
    ) AS f
)
GROUP BY commune_code, day, procedure_code`

export const refreshCommuneDayProcedure = defineStatement({
  name: 'refresh commune_day_procedure',
  params: DayRangeParams,
  sql: refreshSql(sql`1`, sql`1`),
})

/** The same for the cells {cellCommunes}[i] × {cellDays}[i] only, reading their dossiers by key (ADR 040). */
export const refreshCommuneDayProcedureCells = defineStatement({
  name: 'refresh commune_day_procedure cells',
  params: DayCellParams,
  sql: refreshSql(
    sql`(commune_code, day) IN (${CELL_GRID})`,
    sql`${indexedIds(sql`{fromDay:Date}`, sql`{toDay:Date}`)} AND (commune_code, rday) IN (${CELL_GRID})`,
  ),
})
