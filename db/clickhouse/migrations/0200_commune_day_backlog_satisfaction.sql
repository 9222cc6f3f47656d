-- @table commune_day
-- @shard cityHash64(commune_code)
-- Columns added to the commune × day rollup (refreshRollups, etl/jobs/rollups/commune-day.ts).
-- Added, never renamed: the original columns keep their meaning. Exact definitions are in
-- db/clickhouse/dossier-facts.ts; in short:
--   open_age_*              open dossiers at the end of the day by working days since reception
--                           (0–5, 6–10, 11–20, > 20);
--   processing_days_hist    finished that day: {working days reception → end: count}, so a period's exact
--                           mean and p90 come from the rollup (sumMap), not from a scan of dossiers;
--   finished_resolved       finished that day as resolved/returned (9, 10): the e-result denominator;
--   finished_dissatisfied   finished that day AND (late, rated 1–2, or with a complaint);
--   open_dissatisfied       open at the end of the day AND (overdue, rated 1–2, or with a complaint) —
--                           together the 766 "satisfaction in TTHC" numerator;
--   land_*                  the same flows/stock for land procedures (field_code dat_dai);
--   rating_N, land_rating_N ratings given that day by level 1..5 (all dossiers / land dossiers).
-- On a cluster the first statement alters the replicated local tables and the second the Distributed
-- table; on one node the second finds every column present and does nothing.
ALTER TABLE commune_day{{LOCAL}} {{ON_CLUSTER}}
    ADD COLUMN IF NOT EXISTS open_age_0_5 UInt32,
    ADD COLUMN IF NOT EXISTS open_age_6_10 UInt32,
    ADD COLUMN IF NOT EXISTS open_age_11_20 UInt32,
    ADD COLUMN IF NOT EXISTS open_age_over_20 UInt32,
    ADD COLUMN IF NOT EXISTS processing_days_hist Map(UInt16, UInt32),
    ADD COLUMN IF NOT EXISTS finished_resolved UInt32,
    ADD COLUMN IF NOT EXISTS finished_dissatisfied UInt32,
    ADD COLUMN IF NOT EXISTS open_dissatisfied UInt32,
    ADD COLUMN IF NOT EXISTS land_finished UInt32,
    ADD COLUMN IF NOT EXISTS land_finished_late UInt32,
    ADD COLUMN IF NOT EXISTS land_open UInt32,
    ADD COLUMN IF NOT EXISTS land_open_overdue UInt32,
    ADD COLUMN IF NOT EXISTS rating_1 UInt32,
    ADD COLUMN IF NOT EXISTS rating_2 UInt32,
    ADD COLUMN IF NOT EXISTS rating_3 UInt32,
    ADD COLUMN IF NOT EXISTS rating_4 UInt32,
    ADD COLUMN IF NOT EXISTS rating_5 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_1 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_2 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_3 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_4 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_5 UInt32;

ALTER TABLE commune_day {{ON_CLUSTER}}
    ADD COLUMN IF NOT EXISTS open_age_0_5 UInt32,
    ADD COLUMN IF NOT EXISTS open_age_6_10 UInt32,
    ADD COLUMN IF NOT EXISTS open_age_11_20 UInt32,
    ADD COLUMN IF NOT EXISTS open_age_over_20 UInt32,
    ADD COLUMN IF NOT EXISTS processing_days_hist Map(UInt16, UInt32),
    ADD COLUMN IF NOT EXISTS finished_resolved UInt32,
    ADD COLUMN IF NOT EXISTS finished_dissatisfied UInt32,
    ADD COLUMN IF NOT EXISTS open_dissatisfied UInt32,
    ADD COLUMN IF NOT EXISTS land_finished UInt32,
    ADD COLUMN IF NOT EXISTS land_finished_late UInt32,
    ADD COLUMN IF NOT EXISTS land_open UInt32,
    ADD COLUMN IF NOT EXISTS land_open_overdue UInt32,
    ADD COLUMN IF NOT EXISTS rating_1 UInt32,
    ADD COLUMN IF NOT EXISTS rating_2 UInt32,
    ADD COLUMN IF NOT EXISTS rating_3 UInt32,
    ADD COLUMN IF NOT EXISTS rating_4 UInt32,
    ADD COLUMN IF NOT EXISTS rating_5 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_1 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_2 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_3 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_4 UInt32,
    ADD COLUMN IF NOT EXISTS land_rating_5 UInt32;
