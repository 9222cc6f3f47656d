-- @table reconcile_results
-- @shard cityHash64(commune_code)
-- The scheduled reconciliation of dossiers with the source (etl/jobs/reconcile, issue #17 item 4): one row per
-- run × (commune, day of last change) of the window re-read, with the source's and the store's count and content
-- hash (groupBitXor of cityHash64 over every column but loaded_at, newest version per dossier). `matched` = equal
-- counts and hashes; `loaded` = the source's records of that cell loaded because it differed. The data page
-- (/data) shows the latest run. Kept 180 days (TTL).
CREATE TABLE IF NOT EXISTS reconcile_results{{LOCAL}} {{ON_CLUSTER}}
(
    run_id          UInt64,
    run_at          DateTime64(3, 'Asia/Ho_Chi_Minh'),
    window_from     Date,
    commune_code    LowCardinality(String),
    day             Date COMMENT 'day of CapNhatLuc (Asia/Ho_Chi_Minh)',
    source_count    UInt32,
    stored_count    UInt32,
    source_hash     UInt64,
    stored_hash     UInt64,
    matched         Bool,
    loaded          UInt32
)
ENGINE = MergeTree()
ORDER BY (run_id, commune_code, day)
TTL toDateTime(run_at) + INTERVAL 180 DAY;
