-- Disconnection cases of the reconnect job: from the executed cut-off to the executed reconnect.
-- Versioned rows: the job writes a new version whenever a case changes (cleared, command sent,
-- overdue, reconnected, marked for review). Read with FINAL: one current row per case.
CREATE TABLE IF NOT EXISTS reconnect_cases
(
    customer_id            String,
    case_id                String COMMENT 'head-end event id of the executed cut-off',
    meter_id               String,
    reason                 String COMMENT 'ARREARS, SAFETY, REQUEST',
    auto_reconnect         UInt8 COMMENT '1 for an arrears cut-off: a clearing reconnects it',
    status                 String COMMENT 'DISCONNECTED, WAITING_FOR_POWER, RECONNECT_FAILED, RECONNECTED, SUPERSEDED',
    disconnect_ordered_at  Nullable(DateTime('UTC')),
    disconnected_at        DateTime('UTC'),
    disconnected_ms        Int64,
    balance_cents          Int64 COMMENT 'bills - payments in fen, as known at this version',
    cleared_by             String COMMENT 'PAYMENT, PREPAYMENT_AGREEMENT, AUTO_DEBIT_AGREEMENT; empty while not cleared',
    clearing_evidence      String COMMENT 'the clearing payment id or the agreement',
    cleared_at             Nullable(DateTime('UTC')),
    cleared_ms             Int64 COMMENT '-1 while not cleared',
    command_id             String COMMENT 'the reconnect command sent; empty when none',
    command_sent_at        Nullable(DateTime('UTC')) COMMENT 'wall clock when the job sent the command',
    command_sent_ms        Int64,
    reconnected_at         Nullable(DateTime('UTC')),
    reconnected_ms         Int64 COMMENT '-1 while power is off',
    reconnect_failed_at    Nullable(DateTime('UTC')),
    overdue_at             Nullable(DateTime('UTC')) COMMENT 'cleared_at + reconnect.target',
    overdue                UInt8 COMMENT '1 when power was not back by overdue_at',
    review                 UInt8 COMMENT '1 when a record after the command would have changed the decision',
    review_reason          String,
    version                UInt64,
    written_at             DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(disconnected_at)
ORDER BY (customer_id, case_id)
