-- @table staffing_daily
-- @shard cityHash64(commune_code)
-- Daily snapshot of staffing per commune, copied from Postgres assignments (daily and after edits), so
-- load per officer can be computed over time in ClickHouse without joining Postgres.
-- Engine: ReplacingMergeTree(snapshot_at) — re-snapshotting a day replaces it (idempotent).
-- Sorting key: (commune_code, day). Partition: year (a few thousand rows a year per province).
CREATE TABLE IF NOT EXISTS staffing_daily{{LOCAL}} {{ON_CLUSTER}}
(
    commune_code      LowCardinality(String),
    day               Date,
    officers          UInt16   COMMENT 'officers assigned that day (home + seconded in)',
    fte               Float32  COMMENT 'full-time equivalents (the director counts part-time)',
    seconded_in       UInt16,
    counters          UInt16,
    snapshot_at       DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(snapshot_at)
PARTITION BY toYear(day)
ORDER BY (commune_code, day);
