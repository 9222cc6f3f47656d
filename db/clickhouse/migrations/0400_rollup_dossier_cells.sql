-- @table rollup_dossier_cells
-- @shard cityHash64(dossier_id)
-- Where each dossier version can count in the commune × day rollups (ADR 040): one row per (commune, last day
-- it can count, dossier, reception day) of every version ever inserted into `dossiers` with a reception, written
-- by the materialized view below on every insert (both load lanes) and filled from the stored versions here.
--   until_day  the end day (dossier-facts.ts: end of processing, never before reception) of a finished version
--              (status 3, 7, 8, 9, 10); 2149-06-06 (Date's maximum) for a version still open.
-- The rollups job recomputes a set of (commune, day) cells by reading the dossiers of those communes whose
-- until_day is on or after the earliest cell (the sorting key prunes to them) and then `dossiers FINAL` by id:
-- a dossier counts in cell (c, d) only if received in c on or before d and not finished before d, so these rows
-- name every dossier that can count there. Stale rows (earlier versions) only add ids that are read and found
-- elsewhere: harmless. Engine: ReplacingMergeTree keyed on every column (identical rows collapse).
-- On a cluster the rows live on the shard of their dossier, like `dossiers` (the view runs on each shard).
CREATE TABLE IF NOT EXISTS rollup_dossier_cells{{LOCAL}} {{ON_CLUSTER}}
(
    commune_code  LowCardinality(String),
    until_day     Date COMMENT 'end day of a finished version, 2149-06-06 while open',
    dossier_id    String,
    rday          Date COMMENT 'reception day, Asia/Ho_Chi_Minh'
)
ENGINE = ReplacingMergeTree()
ORDER BY (commune_code, until_day, dossier_id, rday);

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_dossier_cells_mv{{LOCAL}} {{ON_CLUSTER}} TO rollup_dossier_cells{{LOCAL}} AS
SELECT commune_code,
       if(status IN (3, 7, 8, 9, 10), toDate(greatest(coalesce(finished_at, returned_at, updated_at), assumeNotNull(received_at))),
          toDate('2149-06-06')) AS until_day,
       dossier_id, toDate(assumeNotNull(received_at)) AS rday
FROM dossiers{{LOCAL}}
WHERE received_at IS NOT NULL;

INSERT INTO rollup_dossier_cells (commune_code, until_day, dossier_id, rday)
SELECT commune_code,
       if(status IN (3, 7, 8, 9, 10), toDate(greatest(coalesce(finished_at, returned_at, updated_at), assumeNotNull(received_at))),
          toDate('2149-06-06')),
       dossier_id, toDate(assumeNotNull(received_at))
FROM dossiers
WHERE received_at IS NOT NULL;
