-- Queue tickets over [from, to] per commune × hour of day, and per hour for all the given communes together
-- (commune_code = ''). Divided by the days with tickets (queue_totals) this is arrivals per hour.
SELECT
    commune_code,
    hour,
    sum(tickets) AS n_tickets,
    sum(called) AS n_called,
    sum(wait_minutes_sum) AS wait_sum
FROM commune_hour_queue FINAL
WHERE commune_code IN {codes:Array(String)} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY GROUPING SETS ((commune_code, hour), (hour))
HAVING n_tickets > 0
ORDER BY commune_code, hour
