-- @table commune_day
-- @shard cityHash64(commune_code)
-- Rollup per commune × day, recomputed by the rollups job for every day touched by a load. The dashboard
-- reads this (and never scans dossiers) for overviews, trends and rankings.
-- Flows (counted on the day they happen): received, finished early / on time / late, withdrawn/stopped.
-- Stock (at the end of the day): open dossiers not yet due / nearly due / overdue.
-- Engine: ReplacingMergeTree(computed_at) — recomputing a day replaces it, so the job is idempotent.
-- Sorting key: (commune_code, day). Partition: year of day (small; lets a year be rebuilt cleanly).
CREATE TABLE IF NOT EXISTS commune_day{{LOCAL}} {{ON_CLUSTER}}
(
    commune_code            LowCardinality(String),
    day                     Date,
    received                UInt32,
    received_online         UInt32,
    received_land           UInt32,
    weighted_received       Float64 COMMENT 'received weighted by statutory working days of the procedure',
    finished                UInt32,
    finished_early          UInt32,
    finished_on_time        UInt32,
    finished_late           UInt32,
    finished_cancelled      UInt32 COMMENT 'withdrawn, stopped or refused after reception',
    processing_days_sum     Float64 COMMENT 'working days from reception to end, summed over finished',
    open_not_due            UInt32,
    open_nearly_due         UInt32,
    open_overdue            UInt32,
    supplement_requested    UInt32,
    e_result                UInt32,
    digitised               UInt32,
    data_reused             UInt32,
    population_data         UInt32,
    with_fee                UInt32,
    paid_online             UInt32,
    computed_at             DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYear(day)
ORDER BY (commune_code, day);
