-- Moves the dossiers of 0001's table (keyed (commune_code, dossier_id)) into 0300's (keyed dossier_id) and swaps
-- the names, so every query that reads `dossiers` (FINAL) reads the new table (ADR 016).
-- 1. The rows are copied as they are, except that a dossier stored under two or more communes gets a new
--    loaded_at: the next rollups run then recomputes every commune it was ever in (dossier_communes, step 2),
--    which removes the stale copy from the old commune's cells.
-- 2. dossier_communes is filled from every stored version, then kept by a materialized view on `dossiers`.
-- 3. RENAME swaps the two tables in one statement; the old table is dropped.
-- On a cluster the locals are swapped ON CLUSTER and the Distributed `dossiers` is re-created sharded by the id.
INSERT INTO dossiers_by_id
SELECT * REPLACE (
    if(dossier_id IN (SELECT dossier_id FROM dossiers GROUP BY dossier_id HAVING uniqExact(commune_code) > 1),
       now64(3), loaded_at) AS loaded_at)
FROM dossiers;

INSERT INTO dossier_communes (dossier_id, commune_code, day, loaded_at)
SELECT dossier_id, commune_code, toDate(coalesce(received_at, submitted_at, updated_at)), loaded_at FROM dossiers;

RENAME TABLE dossiers{{LOCAL}} TO dossiers_by_commune{{LOCAL}}, dossiers_by_id{{LOCAL}} TO dossiers{{LOCAL}} {{ON_CLUSTER}};

{{CLUSTER_ONLY}} DROP TABLE IF EXISTS dossiers_by_id {{ON_CLUSTER}} SYNC;

{{CLUSTER_ONLY}} DROP TABLE IF EXISTS dossiers {{ON_CLUSTER}} SYNC;

{{CLUSTER_ONLY}} CREATE TABLE IF NOT EXISTS dossiers {{ON_CLUSTER}} AS dossiers_local
ENGINE = Distributed({{CLUSTER}}, {{DATABASE}}, dossiers_local, cityHash64(dossier_id));

DROP TABLE IF EXISTS dossiers_by_commune{{LOCAL}} {{ON_CLUSTER}} SYNC;

CREATE MATERIALIZED VIEW IF NOT EXISTS dossier_communes_mv{{LOCAL}} {{ON_CLUSTER}} TO dossier_communes{{LOCAL}} AS
SELECT dossier_id, commune_code, toDate(coalesce(received_at, submitted_at, updated_at)) AS day, loaded_at
FROM dossiers{{LOCAL}};
