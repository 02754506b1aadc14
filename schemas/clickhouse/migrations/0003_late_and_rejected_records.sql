-- Records that arrived behind the watermark: counted and kept, never silently dropped.
CREATE TABLE IF NOT EXISTS late_records
(
    job          String,
    stream       String COMMENT 'input topic',
    record_key   String,
    event_time   DateTime('UTC'),
    event_ms     Int64,
    watermark_ms Int64 COMMENT 'the watermark the record arrived behind',
    payload      String COMMENT 'the record as JSON',
    written_at   DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (job, stream, record_key, event_ms, payload);

-- Records no job could read; the same records are on the <topic>-dlq topics with their bytes.
CREATE TABLE IF NOT EXISTS rejected_records
(
    job              String,
    source_topic     String,
    source_partition Int32,
    source_offset    Int64,
    source_time      DateTime('UTC'),
    reason           String,
    error_class      String,
    value_base64     String COMMENT 'the original value bytes, base64',
    rejected_at      DateTime('UTC'),
    written_at       DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(source_time)
ORDER BY (source_topic, source_partition, source_offset)
