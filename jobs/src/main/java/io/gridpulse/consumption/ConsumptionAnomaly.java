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
 * @param outageId the inferred power outage the case lies in (MISSING_READS, ZERO_CONSUMPTION):
 *     then it is no read-quality flag; empty otherwise
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
        long version,
        String outageId) {

    /** The same case, written again under its meter's owner with {@code newVersion}. */
    public ConsumptionAnomaly withOwner(
            String newCustomerId, String newGridId, String newSegment, long newVersion) {
        return new ConsumptionAnomaly(
                meterId,
                newCustomerId,
                newGridId,
                newSegment,
                rule,
                readTime,
                closedAt,
                severity,
                observedKwh,
                baselineKwh,
                evidence,
                newVersion,
                outageId);
    }

    /** The same case, noted as lying inside a power outage: no read-quality flag. */
    public ConsumptionAnomaly insideOutage(String outage) {
        return new ConsumptionAnomaly(
                meterId,
                customerId,
                gridId,
                segment,
                rule,
                readTime,
                closedAt,
                "INFO",
                observedKwh,
                baselineKwh,
                "inside power outage " + outage + ": " + evidence,
                version,
                outage);
    }
}
