-- Complaints about harassment (nhũng nhiễu) received per commune in [from, to] (complaints FINAL: a
-- re-sent complaint counts once).
SELECT commune_code, countIf(category = 'nhung_nhieu') AS n_harassment, count() AS n_complaints
FROM complaints FINAL
WHERE commune_code IN {codes:Array(String)} AND toDate(received_at) BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code
