-- @table commune_day
-- @shard cityHash64(commune_code)
-- How many of the day's dossier events (received, finished, open at the end of the day)
-- come from synthetic (simulator/demo) dossiers, so every KPI answer can say "synthetic data" without
-- scanning dossiers. Filled by refreshRollups. Second statement: the Distributed table on a cluster (no-op
-- on one node).
ALTER TABLE commune_day{{LOCAL}} {{ON_CLUSTER}}
    ADD COLUMN IF NOT EXISTS synthetic_events UInt32;

ALTER TABLE commune_day {{ON_CLUSTER}}
    ADD COLUMN IF NOT EXISTS synthetic_events UInt32;
