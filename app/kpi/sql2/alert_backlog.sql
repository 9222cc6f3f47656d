-- Backlog figures per commune for the alert window [from, to] from part 1's commune_day rollup
-- (DESIGN §3 backlog arithmetic): carried over = open at the end of the latest day before `from`; flows
-- summed over the window; stock = open at the end of the latest day on or before `to`; counter ratings by
-- level over the window. Rows older than a year before `from` are not read (the rollup has every day).
SELECT
    commune_code,
    toString(maxIf(day, day < {from:Date})) AS carried_day,
    argMaxIf(open_not_due + open_nearly_due + open_overdue, day, day < {from:Date}) AS carried,
    sumIf(received, day >= {from:Date}) AS n_received,
    sumIf(finished_early, day >= {from:Date}) AS n_early,
    sumIf(finished_on_time, day >= {from:Date}) AS n_on_time,
    sumIf(finished_late, day >= {from:Date}) AS n_late,
    toString(max(day)) AS last_day,
    argMax(open_not_due, day) AS not_due,
    argMax(open_nearly_due, day) AS nearly_due,
    argMax(open_overdue, day) AS overdue,
    sumIf(rating_4 + rating_5, day >= {from:Date}) AS n_satisfied,
    sumIf(rating_1 + rating_2 + rating_3 + rating_4 + rating_5, day >= {from:Date}) AS n_rated
FROM commune_day FINAL
WHERE commune_code IN {codes:Array(String)} AND day BETWEEN {from:Date} - 366 AND {to:Date}
GROUP BY commune_code
