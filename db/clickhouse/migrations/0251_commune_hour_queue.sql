-- @table commune_hour_queue
-- @shard cityHash64(commune_code)
-- Rollup of queue tickets per commune × day × hour of day the ticket was taken (Asia/Ho_Chi_Minh):
-- counter arrivals per hour (the queueing model's input), waits (called − taken) and counter service
-- times (done − called). `waits` keeps each called ticket's wait in minutes so a period's exact p90 can be
-- taken over the rollup (tens of tickets per commune-hour; far smaller than the ticket table).
-- Recomputed by refreshLoadRollups for the days a load touched (rows left without tickets become zeros).
-- Engine: ReplacingMergeTree(computed_at) — recomputing a day replaces it.
-- Sorting key: (commune_code, day, hour). Partition: year of day.
CREATE TABLE IF NOT EXISTS commune_hour_queue{{LOCAL}} {{ON_CLUSTER}}
(
    commune_code         LowCardinality(String),
    day                  Date,
    hour                 UInt8,
    tickets              UInt32,
    called               UInt32,
    wait_minutes_sum     Float64,
    waits                Array(Float32) COMMENT 'wait in minutes of each called ticket',
    served               UInt32  COMMENT 'tickets with both called and done times',
    service_minutes_sum  Float64,
    computed_at          DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYear(day)
ORDER BY (commune_code, day, hour);
