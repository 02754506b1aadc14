-- Inferred outages (the consumption job's outage watch, one per transformer area at a time): one row
-- per outage, written when it opens, when the reads resume (CLOSED) and when the registers of the
-- resumed meters classify it (CLASSIFIED), each time with a higher version (the event time of the
-- tick that changed it, epoch ms). ReplacingMergeTree(version) keeps the newest.
-- Read pattern, correct before merges: FROM outages FINAL (or argMax(column, version) GROUP BY
-- outage_id). A live outage is status = 'OPEN' or 'CLOSED' (still being judged); the cause of an
-- open outage is the assumed POWER_OUTAGE, final only once status = 'CLASSIFIED'.
CREATE TABLE IF NOT EXISTS outages
(
    outage_id          String COMMENT '<transformer area>@<detection tick, ISO-8601 UTC>',
    transformer_area   String,
    grid_id            String,
    opened_at          DateTime('UTC') COMMENT 'newest read of the silent meters before their silence: power known on until then',
    detected_at        DateTime('UTC') COMMENT 'event time the outage was inferred (the tick)',
    closed_at          Nullable(DateTime('UTC')) COMMENT 'first read after the silence; NULL while open',
    status             String COMMENT 'OPEN, CLOSED (registers still to be judged) or CLASSIFIED',
    cause              String COMMENT 'POWER_OUTAGE, COLLECTION_FAILURE or UNDETERMINED',
    confidence         Float64 COMMENT '0.5 while assumed; from the registers once classified',
    reclassified       UInt8 COMMENT '1 when the registers overturned the power outage assumed live',
    meters_watched     UInt32 COMMENT 'meters of the area read at least hourly and reporting when it opened',
    meters_silent      UInt32,
    meters_resumed     UInt32,
    meters_affected    UInt32 COMMENT 'meters of the area not cut off by a switch event',
    customers_affected UInt32,
    register_ratio     Float64 COMMENT 'register advance across the gap over the usual use; -1 unknown',
    evidence           String,
    version            UInt64 COMMENT 'event time of the write, epoch ms',
    written_at         DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(detected_at)
ORDER BY (transformer_area, outage_id)
