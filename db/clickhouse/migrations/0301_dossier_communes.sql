-- @table dossier_communes
-- @shard cityHash64(dossier_id)
-- Every commune a dossier has ever been received in (ADR 016): one row per (dossier, commune), written by the
-- materialized view of 0302 on every insert into `dossiers` (both load lanes), with the reception day of the
-- version seen there. When a later version moves a dossier to another commune, the dossiers table keeps only
-- the new one (and a merge may drop the old version at any time); this table still names the old commune, so
-- the rollups job (etl/jobs/rollups/sql/changed.ts) recomputes the old commune's cells as well as the new one's.
-- Engine: ReplacingMergeTree(loaded_at) keyed (dossier_id, commune_code): a few bytes per dossier, not per version.
CREATE TABLE IF NOT EXISTS dossier_communes{{LOCAL}} {{ON_CLUSTER}}
(
    dossier_id    String,
    commune_code  LowCardinality(String),
    day           Date COMMENT 'reception day (else submission, else last change) of the version seen in this commune',
    loaded_at     DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (dossier_id, commune_code);
