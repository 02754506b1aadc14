-- Energy per meter between two consecutive accepted register reads (the consumption job).
-- One row per (meter_id, interval_end): a replayed batch rewrites the same key, and
-- ReplacingMergeTree keeps the last write. Read with FINAL so results are right before merges.
CREATE TABLE IF NOT EXISTS interval_consumption
(
    meter_id         String,
    customer_id      String COMMENT 'empty when the meter is not (yet) in the customer data',
    grid_id          String COMMENT 'UNASSIGNED when the meter is not (yet) in the customer data',
    segment          String,
    interval_start   DateTime('UTC') COMMENT 'read time of the previous accepted read',
    interval_end     DateTime('UTC') COMMENT 'read time of this read',
    interval_minutes UInt32,
    kwh              Decimal(18, 3),
    source           String COMMENT 'read source of the closing read: AMI, MANUAL, ESTIMATED',
    written_at       DateTime('UTC') DEFAULT now() COMMENT 'when the row was (last) written; not part of the key'
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(interval_end)
ORDER BY (meter_id, interval_end)
