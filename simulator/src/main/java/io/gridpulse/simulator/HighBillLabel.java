package io.gridpulse.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The truth of one customer's billing period that lies wholly inside the run: what changed in the
 * customer's use (if anything), the energy and bill of the period against the same period last
 * year, and whether the bill is high: more than 30 % and 20 CNY above last year's (the default
 * alert rule, applied to the true outcome).
 *
 * @param cause APPLIANCE, COLD_SNAP, MILD_VARIATION, VACATION, EXTRA_LOAD (an injected extra load:
 *     a SPIKE or USAGE_OUT_OF_BAND) or NONE
 * @param riseFrom start of the change, null for NONE
 * @param riseUntil end of the change, null for NONE
 * @param amount the period's energy priced like last year's bill (typical time-of-use split)
 * @param lastYearKwh last year's energy of the period, 0 for a new customer
 * @param lastYearAmount the base: last year's bill, or the segment's typical bill for a new
 *     customer
 * @param optedOut the customer opted out of high-bill alerts
 * @param baseSource LAST_YEAR, or SEGMENT for a customer who moved in within the last year
 */
public record HighBillLabel(
        String customerId,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        String cause,
        Instant riseFrom,
        Instant riseUntil,
        double factor,
        BigDecimal lastYearKwh,
        BigDecimal kwh,
        BigDecimal lastYearAmount,
        BigDecimal amount,
        boolean high,
        boolean optedOut,
        String baseSource) {}
