-- @table workdays
-- @shard cityHash64(day)
-- The working-day calendar (Asia/Ho_Chi_Minh), rebuilt from the Postgres holidays table at start and
-- after edits. `seq` counts working days from 2020-01-01 up to and including `day`, so the working days
-- between two dates are seq(b) - seq(a) — the same definition as db/lib/workdays.ts.
-- Engine: ReplacingMergeTree(built_at) — a rebuild replaces every day. Sorting key: day. No partition (tiny).
-- On a cluster it is small enough to be replicated to every shard rather than sharded; see docs.
CREATE TABLE IF NOT EXISTS workdays{{LOCAL}} {{ON_CLUSTER}}
(
    day         Date,
    is_working  UInt8,
    seq         UInt32,
    built_at    DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(built_at)
ORDER BY day;
