-- Staff on duty per commune from the daily snapshots (migration 0005) over [from, to]: the mean FTE over
-- working days with a snapshot, and the latest snapshot (fallback when Postgres has no assignments).
SELECT
    s.commune_code AS commune_code,
    avgIf(s.fte, w.is_working = 1) AS avg_fte,
    countIf(w.is_working = 1) AS n_days,
    argMax(s.officers, s.day) AS last_officers,
    argMax(s.fte, s.day) AS last_fte,
    toString(max(s.day)) AS last_day
FROM
(
    SELECT commune_code, day, officers, fte
    FROM staffing_daily FINAL
    WHERE commune_code IN {codes:Array(String)} AND day BETWEEN {from:Date} AND {to:Date}
) AS s
LEFT JOIN (SELECT day, is_working FROM workdays FINAL) AS w ON w.day = s.day
GROUP BY s.commune_code
