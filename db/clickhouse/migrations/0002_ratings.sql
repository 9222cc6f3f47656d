-- @table ratings
-- @shard cityHash64(commune_code)
-- Counter and online satisfaction ratings (5 levels: 1 very dissatisfied … 5 very satisfied).
-- Engine: ReplacingMergeTree(updated_at) so a re-delivered or corrected rating replaces the old one.
-- Sorting key: (commune_code, rating_id) — read per commune; the id makes replacement exact.
-- Partition: by month of the rating time, which never changes for a rating; old months drop cleanly.
CREATE TABLE IF NOT EXISTS ratings{{LOCAL}} {{ON_CLUSTER}}
(
    rating_id     String,
    dossier_id    String,
    commune_code  LowCardinality(String),
    level         UInt8,
    rated_at      DateTime64(3, 'Asia/Ho_Chi_Minh'),
    channel       LowCardinality(String) COMMENT 'tai_quay | truc_tuyen',
    updated_at    DateTime64(3, 'Asia/Ho_Chi_Minh'),
    synthetic     Bool DEFAULT false,
    loaded_at     DateTime64(3, 'Asia/Ho_Chi_Minh') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
PARTITION BY toYYYYMM(rated_at)
ORDER BY (commune_code, rating_id);
