package io.gridpulse.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Energy a meter measured between two consecutive accepted reads; a row of {@code
 * interval_consumption}, keyed by (meter_id, interval_end).
 */
public record IntervalConsumption(
        String meterId,
        String customerId,
        String gridId,
        String segment,
        Instant intervalStart,
        Instant intervalEnd,
        int intervalMinutes,
        BigDecimal kwh,
        String source) {}
