-- @table rollup_dossier_versions
-- @shard cityHash64(dossier_id)
-- Every version of every dossier as the rollups see it, keyed on the dossier id (ADR 040), so the rollups job finds
-- by primary key which cells the versions of a changed dossier count in — the commune it left, its old reception
-- and end days — and which of them differ between versions. One row per distinct (version shape, load time),
-- written by the materialized view below on every insert into `dossiers` and filled from the stored versions here.
-- A merge of `dossiers` may drop an old version at any time; its row here stays.
--   received    the version has a reception (only those count anywhere); a version without one counts nowhere
--               (a dossier "deleted" by the source's correction);
--   until_day   as in rollup_dossier_cells (0400): end day of a finished version, 2149-06-06 while open;
--   stock_key   a hash of what the version's end-of-day stock depends on besides the days it is open (reception
--               day, due time, supplement requests and pause, land field, synthetic): two versions with the same
--               key count the same on every day both are open in the same commune;
--   loaded_at   when the version was loaded: versions loaded after the job's mark are the new ones.
CREATE TABLE IF NOT EXISTS rollup_dossier_versions{{LOCAL}} {{ON_CLUSTER}}
(
    dossier_id    String,
    commune_code  LowCardinality(String),
    received      Bool,
    rday          Date,
    until_day     Date,
    stock_key     UInt64,
    loaded_at     DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree()
ORDER BY (dossier_id, commune_code, received, rday, until_day, stock_key, loaded_at);

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_dossier_versions_mv{{LOCAL}} {{ON_CLUSTER}} TO rollup_dossier_versions{{LOCAL}} AS
SELECT dossier_id, commune_code, received_at IS NOT NULL AS received, toDate(ifNull(received_at, updated_at)) AS rday,
       if(status IN (3, 7, 8, 9, 10), toDate(greatest(coalesce(finished_at, returned_at, updated_at), ifNull(received_at, updated_at))),
          toDate('2149-06-06')) AS until_day,
       cityHash64(rday, assumeNotNull(due_at), due_at IS NULL, supplement_count >= 2, supplement_hours, field_code = 'dat_dai', synthetic) AS stock_key,
       loaded_at
FROM dossiers{{LOCAL}};

INSERT INTO rollup_dossier_versions (dossier_id, commune_code, received, rday, until_day, stock_key, loaded_at)
SELECT dossier_id, commune_code, received_at IS NOT NULL, toDate(ifNull(received_at, updated_at)) AS rd,
       if(status IN (3, 7, 8, 9, 10), toDate(greatest(coalesce(finished_at, returned_at, updated_at), ifNull(received_at, updated_at))),
          toDate('2149-06-06')),
       cityHash64(rd, assumeNotNull(due_at), due_at IS NULL, supplement_count >= 2, supplement_hours, field_code = 'dat_dai', synthetic),
       loaded_at
FROM dossiers;
