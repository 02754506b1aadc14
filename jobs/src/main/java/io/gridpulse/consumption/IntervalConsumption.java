package io.gridpulse.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Energy a meter measured between two consecutive accepted reads; a row of {@code
 * interval_consumption}, keyed by (meter_id, interval_end). A row is corrected by writing it again
 * with a higher version (a read merged into it, the owner of the meter arriving); a row that no
 * longer exists (its closing read turned out to be a misread) is written once more with {@code
 * superseded = 1} and no energy.
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
        String source,
        long version,
        int superseded) {

    /** The same interval, written again under its meter's owner with {@code newVersion}. */
    public IntervalConsumption withOwner(
            String newCustomerId, String newGridId, String newSegment, long newVersion) {
        return new IntervalConsumption(
                meterId,
                newCustomerId,
                newGridId,
                newSegment,
                intervalStart,
                intervalEnd,
                intervalMinutes,
                kwh,
                source,
                newVersion,
                superseded);
    }
}
