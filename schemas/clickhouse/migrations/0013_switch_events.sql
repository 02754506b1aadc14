-- The head-end's switch history per meter, with the customer from the customers changelog.
-- Deterministic key (meter_id, event_ms, event_id): a replay rewrites, never adds.
CREATE TABLE IF NOT EXISTS switch_events
(
    meter_id     String,
    event_id     String,
    customer_id  String,
    action       String COMMENT 'DISCONNECT or RECONNECT',
    stage        String COMMENT 'ORDERED, EXECUTED, FAILED',
    reason       String COMMENT 'ARREARS, SAFETY, REQUEST',
    command_id   String COMMENT 'the GridPulse reconnect command it answers; empty when none',
    event_time   DateTime('UTC'),
    event_ms     Int64,
    written_at   DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (meter_id, event_ms, event_id)
