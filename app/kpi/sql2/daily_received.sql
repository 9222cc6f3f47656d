-- Dossiers received per commune and day over [from, to] (forecast history), from commune_day_procedure.
SELECT commune_code, toString(day) AS d, sum(received) AS n_received
FROM commune_day_procedure FINAL
WHERE commune_code IN {codes:Array(String)} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code, day
ORDER BY commune_code, day
