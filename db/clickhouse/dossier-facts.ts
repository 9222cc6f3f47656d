/**
 * The per-dossier facts every backlog / timeliness / satisfaction figure is built from — docs/design.md §3,
 * written ONCE here and used both by the rollups (etl/jobs/rollups/sql/) and by the direct computation from
 * dossiers (app/kpi/sql/backlog-direct.ts), so the two cannot drift apart (a test checks they agree).
 *
 * These are SQL fragments (`sql`, db/clickhouse/query.ts): functions assemble fixed fragments only; every value
 * arrives as a server-side parameter ({communes:Array(String)}, {from:Date}, {to:Date}, {nearlyDueDays:UInt8}).
 *
 * Definitions (Asia/Ho_Chi_Minh; "seq" is the working-day index of the `workdays` table, so the working
 * days between days a and b are seq(b) − seq(a), exactly as db/lib/workdays.ts):
 *  - Counted at all only once received (received_at not null). Status 3 without reception is ignored.
 *  - Finished = status 9 resolved, 10 returned, or 3/7/8 refused/withdrawn/stopped after reception
 *    ("cancelled"). End of processing = finished_at (NgayKetThucXuLy), else returned_at (NgayTra), else
 *    updated_at (the time the source recorded the stop/withdrawal/refusal) — and never before reception.
 *  - Effective due = due_at + the supplement pause. supplement_hours are WORKING hours: each full 8 hours
 *    moves the due date one working day forward on the calendar (keeping the time of day); the remaining
 *    < 8 hours are added as clock time.
 *  - Late (finished) = second supplement request (supplement_count ≥ 2) OR end > effective due. A dossier
 *    finished exactly at its due time is on time. No due date → never late, never overdue.
 *  - Early (finished, not late) = at least one working day left: seq(end day) < seq(due day). Finished on
 *    the due day, or on a weekend just before a Monday due date with no working day between, is on time.
 *    (Finished Friday, due Monday → seq differs by 1 → early.)
 *  - Cancelled dossiers (3/7/8) are classified early / on time / late like the others, so that
 *    to process = processed + in process holds; they are also counted apart (finished_cancelled).
 *  - Open at the end of day d = received on or before d and not finished by the end of d.
 *    Overdue at d = second supplement OR effective due day ≤ d. Nearly due at d = not overdue and the due
 *    day is at most N working days after d (N = nearlyDueDays, default 2). Otherwise not yet due.
 *  - Age at d = seq(d) − seq(reception day) working days. Processing time = seq(end day) − seq(reception
 *    day): whole working days (received and finished the same day = 0; Friday → Monday = 1).
 *  - Statutory time (load weight) = max(1, seq(due day) − seq(reception day)), 1 when there is no due date.
 *  - Dissatisfied (766 satisfaction in TTHC) = late/overdue, OR rated 1–2 at least once, OR with a complaint
 *    (PAKN) naming the dossier — each dossier once. Ratings and complaints are taken as known now.
 * The calendar covers 2020-01-01 … 2030-12-31 (db/seed/workdays.ts); days outside are clamped to its ends.
 */
import { IN_SCOPE, sql, type Sql } from './query.ts'

/** "Nearly due" = due within this many working days after the end of the period (docs/design.md §3). */
export const NEARLY_DUE_WORKING_DAYS = 2

/** Scalar WITH entries: the working-day calendar as two arrays. Put `WITH ${CALENDAR}` atop a query. */
export const CALENDAR = sql`
    toDate('2020-01-01') AS wd_epoch,
    (SELECT arraySort(groupArray(seq)) FROM workdays FINAL) AS wd_seqs,
    (SELECT arraySort(groupArray(day)) FROM workdays FINAL WHERE is_working = 1) AS wd_days`

/** seq(day) for a Date expression (seq is non-decreasing in day, so the sorted array is in day order). */
export const seqOf = (day: Sql) => sql`toInt64(wd_seqs[least(greatest(dateDiff('day', wd_epoch, ${day}), 0), length(wd_seqs) - 1) + 1])`

/** The k-th working day after `day` (k = 0: `day` itself). */
export const shiftWorking = (day: Sql, k: Sql) => sql`if(${k} = 0, ${day}, wd_days[toUInt32(least(${seqOf(day)} + ${k}, length(wd_days)))])`

/** Dossier ids rated 1–2 (at least once) in the communes in scope. */
const UNSATISFIED_IDS = sql`(SELECT dossier_id FROM ratings FINAL WHERE ${IN_SCOPE} AND level <= 2)`
/** Dossier ids named by a complaint. */
const COMPLAINED_IDS = sql`(SELECT assumeNotNull(dossier_id) FROM complaints FINAL WHERE dossier_id IS NOT NULL)`

/**
 * One row per received dossier of the communes in scope, with its facts. `where` is an extra SQL
 * condition over the aliases below (rday, eday, is_finished …), made of fixed text and parameters only.
 */
export function dossierFacts(where: Sql = sql`1`): Sql {
  return sql`
    SELECT
        commune_code, dossier_id, field_code, procedure_code, procedure_name, officer_id, channel, status, supplement_count,
        fee_vnd, paid_online, e_result, digitised, data_reused, population_data, synthetic,
        assumeNotNull(received_at) AS recv_at,
        toDate(recv_at) AS rday,
        ${seqOf(sql`rday`)} AS r_seq,
        status IN (3, 7, 8, 9, 10) AS is_finished,
        status IN (3, 7, 8) AS is_cancelled,
        greatest(coalesce(finished_at, returned_at, updated_at), recv_at) AS end_at,
        toDate(end_at) AS eday,
        ${seqOf(sql`eday`)} AS e_seq,
        due_at IS NOT NULL AS has_due,
        ifNull(due_at, recv_at) AS due_base,
        toDate(due_base) AS due_base_day,
        toUInt32(floor(greatest(supplement_hours, 0) / 8)) AS pause_days,
        greatest(supplement_hours, 0) - 8 * pause_days AS pause_rest_hours,
        addMinutes(addDays(due_base, dateDiff('day', due_base_day, ${shiftWorking(sql`due_base_day`, sql`pause_days`)})),
                   toInt64(round(pause_rest_hours * 60))) AS due_eff,
        toDate(due_eff) AS due_day,
        ${seqOf(sql`due_day`)} AS due_seq,
        if(has_due, greatest(1, ${seqOf(sql`due_base_day`)} - r_seq), 1) AS statutory_days,
        supplement_count >= 2 AS second_supplement,
        is_finished AND (second_supplement OR (has_due AND end_at > due_eff)) AS fin_late,
        is_finished AND NOT fin_late AND has_due AND e_seq < due_seq AS fin_early,
        is_finished AND NOT fin_late AND NOT fin_early AS fin_on_time,
        e_seq - r_seq AS proc_days,
        field_code = 'dat_dai' AS is_land,
        dossier_id IN ${UNSATISFIED_IDS} AS rated_unsatisfied,
        dossier_id IN ${COMPLAINED_IDS} AS complained
    FROM dossiers FINAL
    WHERE ${IN_SCOPE} AND received_at IS NOT NULL AND (${where})`
}

/** Overdue at the end of the day `day` (a Date expression). */
export const overdueAt = (day: Sql) => sql`(second_supplement OR (has_due AND due_day <= ${day}))`
/** Nearly due at the end of `day` whose seq is `daySeq`: not overdue, due within N working days. */
export const nearlyDueAt = (day: Sql, daySeq: Sql) =>
  sql`(NOT ${overdueAt(day)} AND has_due AND due_seq - ${daySeq} <= {nearlyDueDays:UInt8})`
/** Open at the end of `day`. */
export const openAt = (day: Sql) => sql`(rday <= ${day} AND (NOT is_finished OR eday > ${day}))`
