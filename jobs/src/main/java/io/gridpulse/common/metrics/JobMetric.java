package io.gridpulse.common.metrics;

import java.time.Instant;

/**
 * What one parallel subtask of a job read from one stream in one reporting window; a row of {@code
 * job_metrics}, keyed by (job, stream, subtask, window_start).
 */
public record JobMetric(
        String job,
        String stream,
        int subtask,
        Instant windowStart,
        int windowSeconds,
        long records,
        long recordsTotal,
        Instant maxEventTime,
        long eventLagS) {}
