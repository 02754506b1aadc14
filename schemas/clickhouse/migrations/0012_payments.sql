-- Every payment and reversal, as the reconnect job received it, for the meter-detail board.
-- Deterministic key (customer_id, payment_id): a replay rewrites, never adds.
CREATE TABLE IF NOT EXISTS payments
(
    customer_id          String,
    payment_id           String,
    kind                 String COMMENT 'PAYMENT or REVERSAL',
    amount               Decimal(14, 2),
    channel              String,
    reverses_payment_id  String COMMENT 'for a reversal: the payment it cancels',
    paid_at              DateTime('UTC'),
    paid_ms              Int64,
    balance_after        Decimal(18, 2) COMMENT 'the balance when the payment arrived, as then known',
    while_disconnected   UInt8 COMMENT '1 when the customer was cut off when it arrived',
    written_at           DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(paid_at)
ORDER BY (customer_id, payment_id)
