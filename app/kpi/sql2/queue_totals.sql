-- Queue tickets over [from, to] per commune, and for all the given communes together (commune_code = ''),
-- from the commune_hour_queue rollup. days = days with at least one ticket; waits and service in minutes.
SELECT
    commune_code,
    sum(tickets) AS n_tickets,
    uniqExactIf(day, tickets > 0) AS n_days,
    sum(called) AS n_called,
    sum(wait_minutes_sum) AS wait_sum,
    quantileExactInclusiveArray(0.9)(waits) AS wait_p90,
    sum(served) AS n_served,
    sum(service_minutes_sum) AS service_sum
FROM commune_hour_queue FINAL
WHERE commune_code IN {codes:Array(String)} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY ROLLUP(commune_code)
HAVING n_tickets > 0
