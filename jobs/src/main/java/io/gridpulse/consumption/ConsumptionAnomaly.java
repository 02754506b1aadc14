package io.gridpulse.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A read that broke a validation rule, with the evidence; a row of {@code consumption_anomalies},
 * keyed by (meter_id, rule, read_time).
 */
public record ConsumptionAnomaly(
        String meterId,
        String customerId,
        String gridId,
        String segment,
        String rule,
        Instant readTime,
        BigDecimal observedKwh,
        BigDecimal baselineKwh,
        String evidence) {}
