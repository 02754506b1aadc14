-- consumption_anomalies as cases: one row per (meter_id, rule, read_time = when the case opened),
-- written again with a higher version as the case goes on and when it closes (closed_at).
-- FINAL returns one row per case. The rows written so far are kept as closed cases (version 0).
RENAME TABLE consumption_anomalies TO consumption_anomalies_0002;

CREATE TABLE consumption_anomalies
(
    meter_id     String,
    customer_id  String,
    grid_id      String,
    segment      String,
    rule         String COMMENT 'NEGATIVE_DELTA, SPIKE, ZERO_CONSUMPTION, ...',
    read_time    DateTime('UTC') COMMENT 'when the case opened',
    closed_at    Nullable(DateTime('UTC')) COMMENT 'when the case closed; NULL while it is open',
    severity     String COMMENT 'INFO, WARNING or CRITICAL',
    observed_kwh Decimal(18, 3) COMMENT 'the register or the energy the rule looked at',
    baseline_kwh Decimal(18, 3) COMMENT 'what it was compared with',
    evidence     String COMMENT 'why the rule fired, for a person',
    version      UInt64 COMMENT 'grows with every write of the meter; FINAL keeps the highest',
    written_at   DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(read_time)
ORDER BY (meter_id, rule, read_time);

INSERT INTO consumption_anomalies
    (meter_id, customer_id, grid_id, segment, rule, read_time, closed_at, severity, observed_kwh, baseline_kwh, evidence, version, written_at)
SELECT meter_id, customer_id, grid_id, segment, rule, read_time, read_time, 'WARNING', observed_kwh, baseline_kwh, evidence, 0, written_at
FROM consumption_anomalies_0002 FINAL;

DROP TABLE consumption_anomalies_0002
