-- Service tickets (95598, grid phone, app, on site) at their latest revision, written by the
-- service-kpi job from 'service-orders', so tickets can be joined with other tables (e.g. the
-- bill-dispute complaints of customers alerted about a high bill, docs/high-bill.md). One current
-- row per ticket: ReplacingMergeTree(revision) keeps the highest revision whatever the order the
-- revisions were written in; read with FINAL.
CREATE TABLE IF NOT EXISTS service_tickets
(
    ticket_id   String,
    revision    UInt32 COMMENT 'update number of the ticket; the highest wins',
    customer_id String COMMENT 'empty for anonymous callers',
    grid_id     String COMMENT 'grid the ticket was dispatched to, UNASSIGNED before',
    channel     String COMMENT 'HOTLINE_95598, GRID_PHONE, APP, ON_SITE, UNKNOWN',
    kind        String COMMENT 'COMPLAINT, REPORT, REPAIR, CONSULTATION, SUGGESTION, PRAISE, UNKNOWN',
    category    String COMMENT 'BILLING, METERING, OUTAGE, ... (TicketCategory)',
    opened_at   DateTime('UTC'),
    resolved    UInt8 COMMENT '1 once the revision has a resolution time',
    updated_at  DateTime('UTC') COMMENT 'when this revision was written (event time)',
    written_at  DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(opened_at)
ORDER BY ticket_id
