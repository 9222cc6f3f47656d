-- Open dossiers per commune at the end of `at` and at the end of `prev` (the previous period's last day),
-- from part 1's commune_day rollup: the latest row on or before each date (a day without a row keeps the
-- stock of the last day that has one). A *_day of 1970-01-01 means no row at all.
SELECT
    commune_code,
    toString(max(day)) AS at_day,
    argMax(open_not_due, day) AS not_due,
    argMax(open_nearly_due, day) AS nearly_due,
    argMax(open_overdue, day) AS overdue,
    toString(maxIf(day, day <= {prev:Date})) AS prev_day,
    argMaxIf(open_not_due + open_nearly_due + open_overdue, day, day <= {prev:Date}) AS prev_open
FROM commune_day FINAL
WHERE commune_code IN {codes:Array(String)} AND day <= {at:Date}
GROUP BY commune_code
