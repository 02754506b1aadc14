package io.gridpulse.common;

import java.time.Instant;

/**
 * A record that arrived behind the watermark, as stored in {@code late_records}: it is not applied
 * to event-time state, but it is counted and kept so nobody loses it.
 *
 * @param job the job that received it
 * @param stream the input topic it came from
 * @param recordKey its key (meter id, customer id, ...)
 * @param eventTime its event time
 * @param eventMs its event time in epoch milliseconds (the key column; DateTime has seconds only)
 * @param watermarkMs the watermark it arrived behind
 * @param payload the record as JSON
 */
public record LateRecord(
        String job,
        String stream,
        String recordKey,
        Instant eventTime,
        long eventMs,
        long watermarkMs,
        String payload) {}
