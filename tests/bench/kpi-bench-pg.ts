/**
 * The backlog KPI computed on the Postgres server from the bench's dossiers, with the same definitions as
 * db/clickhouse/dossier-facts.ts and docs/design.md §3 (effective due with the supplement pause on the working-day calendar, second
 * supplement = late/overdue, early = a working day or more before the due day, nearly due = within 2
 * working days of the period end). Parameters: $1 from, $2 to (dates). One row per commune.
 */
export const PG_BACKLOG = `
WITH f AS (
    SELECT commune_code, supplement_count, due_at,
        (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS rday,
        status IN (3, 7, 8, 9, 10) AS fin,
        GREATEST(COALESCE(finished_at, returned_at, updated_at), received_at) AS end_at,
        floor(GREATEST(supplement_hours, 0) / 8)::int AS k,
        GREATEST(supplement_hours, 0) - 8 * floor(GREATEST(supplement_hours, 0) / 8) AS rest
    FROM bench_dossiers
    WHERE received_at IS NOT NULL AND (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $2::date
), g AS (
    SELECT f.*, (end_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS eday,
        (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS due_base_day
    FROM f
), h AS (
    SELECT g.*,
        CASE WHEN g.k = 0 THEN g.due_at ELSE g.due_at + (s.day - g.due_base_day) * interval '1 day' END
            + make_interval(mins => round(g.rest * 60)::int) AS due_eff
    FROM g
    LEFT JOIN bench_workdays wb ON wb.day = g.due_base_day
    LEFT JOIN bench_workdays s ON g.k > 0 AND s.is_working AND s.seq = wb.seq + g.k
    WHERE NOT g.fin OR g.eday >= $1::date
), i AS (
    SELECT h.*, we.seq AS e_seq, wd.seq AS due_seq, (h.due_eff AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS due_day,
        h.fin AND (h.supplement_count >= 2 OR (h.due_at IS NOT NULL AND h.end_at > h.due_eff)) AS late
    FROM h
    LEFT JOIN bench_workdays we ON we.day = h.eday
    LEFT JOIN bench_workdays wd ON wd.day = (h.due_eff AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
), j AS (
    SELECT i.*,
        i.fin AND i.eday BETWEEN $1::date AND $2::date AS done,
        i.rday <= $2::date AND (NOT i.fin OR i.eday > $2::date) AS open_end,
        i.supplement_count >= 2 OR (i.due_at IS NOT NULL AND i.due_day <= $2::date) AS overdue_end,
        (SELECT seq FROM bench_workdays WHERE day = $2::date) AS to_seq
    FROM i
)
SELECT commune_code,
    count(*) FILTER (WHERE rday < $1::date AND (NOT fin OR eday >= $1::date)) AS carried_over,
    count(*) FILTER (WHERE rday >= $1::date) AS received,
    count(*) FILTER (WHERE done AND NOT late AND due_at IS NOT NULL AND e_seq < due_seq) AS processed_early,
    count(*) FILTER (WHERE done AND NOT late AND NOT (due_at IS NOT NULL AND e_seq < due_seq)) AS processed_on_time,
    count(*) FILTER (WHERE done AND late) AS processed_late,
    count(*) FILTER (WHERE open_end AND NOT overdue_end AND NOT (due_at IS NOT NULL AND due_seq - to_seq <= 2)) AS in_process_not_due,
    count(*) FILTER (WHERE open_end AND NOT overdue_end AND due_at IS NOT NULL AND due_seq - to_seq <= 2) AS in_process_nearly_due,
    count(*) FILTER (WHERE open_end AND overdue_end) AS in_process_overdue
FROM j
GROUP BY commune_code`
