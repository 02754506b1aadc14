package io.gridpulse.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One state of an anomaly case; a row of {@code consumption_anomalies}, keyed by (meter_id, rule,
 * read_time). A case that goes on is written again under the same key with a higher version: the
 * table keeps the newest, so {@code FINAL} returns one row per case.
 *
 * @param readTime when the case opened
 * @param closedAt when it closed; null while it is open
 * @param severity INFO, WARNING or CRITICAL
 * @param observedKwh the register or the energy the rule looked at
 * @param baselineKwh what it was compared with
 * @param evidence why the rule fired, in words a person can read to a customer
 * @param version grows with every write of the meter's rows
 */
public record ConsumptionAnomaly(
        String meterId,
        String customerId,
        String gridId,
        String segment,
        String rule,
        Instant readTime,
        Instant closedAt,
        String severity,
        BigDecimal observedKwh,
        BigDecimal baselineKwh,
        String evidence,
        long version) {}
