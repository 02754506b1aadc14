-- What each running job did in every few seconds, per input stream and parallel subtask: records
-- read, dead letters, and how far event time is behind the wall clock (the job's lag).
-- Key (job, stream, subtask, window_start): a window written again after a restore replaces the
-- earlier row. Read with FINAL; sum over subtasks per window for throughput.
CREATE TABLE IF NOT EXISTS job_metrics
(
    job            String,
    stream         String COMMENT 'input topic, or <topic>-dlq for its dead letters',
    subtask        UInt16,
    window_start   DateTime('UTC') COMMENT 'wall-clock start of the reporting window',
    window_seconds UInt16,
    records        UInt64 COMMENT 'records in the window',
    records_total  UInt64 COMMENT 'records since the subtask started',
    max_event_time DateTime('UTC') COMMENT 'newest event time seen so far',
    event_lag_s    Int64 COMMENT 'window end minus the newest event time: how far behind the job is',
    written_at     DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(written_at)
PARTITION BY toYYYYMM(window_start)
ORDER BY (job, stream, subtask, window_start)
