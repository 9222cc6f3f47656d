-- @table commune_day_procedure
-- @shard cityHash64(commune_code)
-- Rollup per commune × reception day × procedure (load, staffing need, training needs).
-- Recomputed by refreshLoadRollups (etl/jobs/rollups/load-rollups.ts) for the reception days a load touched,
-- from `dossiers FINAL`, so re-delivered and out-of-order versions are counted once (decision 003).
-- A row describes the cohort of dossiers RECEIVED that day:
--   received / received_in_person (channel 1) — intake and counter arrivals without a ticket machine;
--   statutory_days  — Σ of each dossier's statutory time in working days (reception day → due day, at
--                     least 1): the complexity-weighted load;
--   supplement_requested (≥ 1 request), supplement_repeated (≥ 2: overdue by rule, docs/design.md §3);
--   finished, finished_late, late (finished late, second supplement, or open past due when computed),
--   problem (supplement requested OR late, each dossier once) — for training needs;
--   digitised — for the equipment priority weight.
-- Engine: ReplacingMergeTree(computed_at) — recomputing a day replaces its rows; a refresh also rewrites
--   rows that no longer have any dossier with zeros, so the job is idempotent and exact.
-- Sorting key: (commune_code, day, procedure_code) — reads filter by commune and a day range and group by
--   procedure. Partition: year of day (small; a year can be rebuilt cleanly).
CREATE TABLE IF NOT EXISTS commune_day_procedure{{LOCAL}} {{ON_CLUSTER}}
(
    commune_code          LowCardinality(String),
    day                   Date COMMENT 'reception day, Asia/Ho_Chi_Minh',
    procedure_code        LowCardinality(String),
    procedure_name        String,
    field_code            LowCardinality(String),
    received              UInt32,
    received_in_person    UInt32,
    statutory_days        Float64 COMMENT 'Σ working days from reception to due (≥ 1 each)',
    supplement_requested  UInt32,
    supplement_repeated   UInt32,
    finished              UInt32,
    finished_late         UInt32,
    late                  UInt32,
    problem               UInt32,
    digitised             UInt32,
    computed_at           DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYear(day)
ORDER BY (commune_code, day, procedure_code);
