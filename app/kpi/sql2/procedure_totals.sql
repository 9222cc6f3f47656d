-- Per commune × procedure over [from, to] (reception days) from the commune_day_procedure rollup.
-- Feeds load (received, in person, statutory-time weight, digitised), staffing (field mix for back-office
-- hours and counter minutes) and training needs (supplement requests, late, problem dossiers).
SELECT
    commune_code,
    procedure_code,
    argMax(procedure_name, received) AS name,
    argMax(field_code, received) AS field,
    sum(received) AS n_received,
    sum(received_in_person) AS n_in_person,
    sum(statutory_days) AS n_statutory_days,
    sum(supplement_requested) AS n_supplement,
    sum(supplement_repeated) AS n_supplement_repeated,
    sum(finished) AS n_finished,
    sum(finished_late) AS n_finished_late,
    sum(late) AS n_late,
    sum(problem) AS n_problem,
    sum(digitised) AS n_digitised
FROM commune_day_procedure FINAL
WHERE commune_code IN {codes:Array(String)} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code, procedure_code
HAVING n_received > 0
ORDER BY commune_code, procedure_code
