-- @table equipment_daily
-- @shard cityHash64(commune_code)
-- Daily snapshot of equipment per commune and type (working/broken), copied from Postgres inventory.
-- Engine: ReplacingMergeTree(snapshot_at) — re-snapshotting a day replaces it.
-- Sorting key: (commune_code, day, type_code). Partition: year.
CREATE TABLE IF NOT EXISTS equipment_daily{{LOCAL}} {{ON_CLUSTER}}
(
    commune_code  LowCardinality(String),
    day           Date,
    type_code     LowCardinality(String),
    working       UInt16,
    broken        UInt16,
    snapshot_at   DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(snapshot_at)
PARTITION BY toYear(day)
ORDER BY (commune_code, day, type_code);
