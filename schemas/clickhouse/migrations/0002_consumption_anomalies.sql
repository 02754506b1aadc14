-- Meter reads that broke a validation rule (VEE), with the evidence.
-- Deterministic key (meter_id, rule, read_time): a replay rewrites, never adds.
CREATE TABLE IF NOT EXISTS consumption_anomalies
(
    meter_id     String,
    customer_id  String,
    grid_id      String,
    segment      String,
    rule         String COMMENT 'NEGATIVE_DELTA, SPIKE, ZERO_CONSUMPTION, ...',
    read_time    DateTime('UTC'),
    observed_kwh Decimal(18, 3) COMMENT 'the register or the interval energy the rule looked at',
    baseline_kwh Decimal(18, 3) COMMENT 'what it was compared with',
    evidence     String COMMENT 'why the rule fired, for a person',
    written_at   DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(read_time)
ORDER BY (meter_id, rule, read_time)
