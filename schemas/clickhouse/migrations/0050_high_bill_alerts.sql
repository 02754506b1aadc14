-- High-bill alerts (the highbill job): one row per customer and billing period, decided while the
-- period was still running. sent = 0 when the alert could not go out (opted out, no SMS or WeChat
-- binding). Versioned by the event time it was sent: a replay rewrites the same row, and
-- ReplacingMergeTree(version) keeps one; read with FINAL.
CREATE TABLE IF NOT EXISTS high_bill_alerts
(
    notification_id String COMMENT 'HB-<customer>-<period>, the id on customer-notifications',
    customer_id     String,
    grid_id         String,
    segment         String,
    period          String COMMENT 'billing period yyyy-MM, the month it starts in',
    period_start    Date,
    period_end      Date COMMENT 'first day after the period',
    projected_bill  Decimal(14, 2) COMMENT 'projected bill of the period, CNY',
    base_bill       Decimal(14, 2) COMMENT 'the same period last year, or the segment typical bill, CNY',
    base_source     String COMMENT 'LAST_YEAR or SEGMENT',
    projected_kwh   Decimal(15, 3),
    reason          String COMMENT 'what drove the projection up, for a person',
    channel         String COMMENT 'SMS, WECHAT or NONE',
    sent            UInt8,
    decided_at      DateTime('UTC') COMMENT 'event time the projection crossed the threshold',
    created_at      DateTime('UTC') COMMENT 'event time the alert went out, after quiet hours',
    version         UInt64 COMMENT 'created_at in epoch ms',
    written_at      DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(period_start)
ORDER BY (customer_id, period)
