-- @table queue_tickets
-- @shard cityHash64(commune_code)
-- Queue tickets from centres with a ticket machine: taken, called, done. They give counter arrivals per
-- hour and real waiting times for the queueing model.
-- Engine: ReplacingMergeTree(updated_at) — a ticket is re-sent when called and when done.
-- Sorting key: (commune_code, taken_at, ticket_id) — reads are per commune over a time range.
-- Partition: month of taken_at (fixed for a ticket).
CREATE TABLE IF NOT EXISTS queue_tickets{{LOCAL}} {{ON_CLUSTER}}
(
    ticket_id     String,
    commune_code  LowCardinality(String),
    counter       String,
    taken_at      DateTime64(3, 'Asia/Ho_Chi_Minh'),
    called_at     Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    done_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    updated_at    DateTime64(3, 'Asia/Ho_Chi_Minh'),
    synthetic     Bool DEFAULT false,
    loaded_at     DateTime64(3, 'Asia/Ho_Chi_Minh') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
PARTITION BY toYYYYMM(taken_at)
ORDER BY (commune_code, taken_at, ticket_id);
