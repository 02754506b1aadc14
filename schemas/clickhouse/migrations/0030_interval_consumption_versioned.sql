-- interval_consumption with a version: the consumption job corrects a row (a read merged into its
-- interval, the owner of the meter arriving) by writing it again with a higher version, and marks
-- a row that no longer exists (its closing read was a misread) superseded, with no energy.
-- Read with FINAL and `superseded = 0`. The rows written so far are kept (version 0).
RENAME TABLE interval_consumption TO interval_consumption_0001;

CREATE TABLE interval_consumption
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
    version          UInt64 COMMENT 'grows with every write of the meter; FINAL keeps the highest',
    superseded       UInt8 DEFAULT 0 COMMENT '1: the interval no longer exists (kwh 0); filter it out',
    written_at       DateTime('UTC') DEFAULT now() COMMENT 'when the row was (last) written; not part of the key'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(interval_end)
ORDER BY (meter_id, interval_end);

INSERT INTO interval_consumption
    (meter_id, customer_id, grid_id, segment, interval_start, interval_end, interval_minutes, kwh, source, version, superseded, written_at)
SELECT meter_id, customer_id, grid_id, segment, interval_start, interval_end, interval_minutes, kwh, source, 0, 0, written_at
FROM interval_consumption_0001 FINAL;

DROP TABLE interval_consumption_0001
