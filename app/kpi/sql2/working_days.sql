-- Working days in [from, to] (the calendar built from the Postgres holidays table, migration 0007).
SELECT countIf(is_working = 1) AS working_days, count() AS calendar_days
FROM workdays FINAL
WHERE day BETWEEN {from:Date} AND {to:Date}
