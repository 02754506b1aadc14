-- Arrears cut-offs that broke the notice rule, checked when ordered and again when executed.
-- Versioned per (customer_id, switch_event_id): a notice arriving later that makes the cut-off
-- lawful writes a newer version with withdrawn = 1. Read with FINAL ... WHERE withdrawn = 0.
CREATE TABLE IF NOT EXISTS notice_rule_violations
(
    customer_id          String,
    switch_event_id      String,
    meter_id             String,
    stage                String COMMENT 'ORDERED (can still be stopped) or EXECUTED',
    checked_at           DateTime('UTC') COMMENT 'event time of the order or the execution',
    rule                 String COMMENT 'NO_NOTICE, NOT_DELIVERED, TOO_SOON, NOTICE_TOO_OLD',
    notice_id            String COMMENT 'the notice the verdict rests on; empty when none',
    notice_sent_at       Nullable(DateTime('UTC')),
    notice_delivered_at  Nullable(DateTime('UTC')),
    evidence             String,
    withdrawn            UInt8,
    version              UInt64,
    written_at           DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(checked_at)
ORDER BY (customer_id, switch_event_id)
