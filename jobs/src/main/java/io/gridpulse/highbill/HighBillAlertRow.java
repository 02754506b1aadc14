package io.gridpulse.highbill;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code high_bill_alerts}, keyed by (customer_id, period); {@code version} is the event
 * time it was sent, the same on every replay, so a rewrite replaces and never adds.
 */
public record HighBillAlertRow(
        String notificationId,
        String customerId,
        String gridId,
        String segment,
        String period,
        String periodStart,
        String periodEnd,
        BigDecimal projectedBill,
        BigDecimal baseBill,
        String baseSource,
        BigDecimal projectedKwh,
        String reason,
        String channel,
        int sent,
        Instant decidedAt,
        Instant createdAt,
        long version) {

    public static HighBillAlertRow of(HighBillAlert alert) {
        return new HighBillAlertRow(
                alert.notificationId,
                alert.customerId,
                alert.gridId,
                alert.segment,
                alert.period,
                LocalDate.ofEpochDay(alert.periodStartDay).toString(),
                LocalDate.ofEpochDay(alert.periodEndDay).toString(),
                BigDecimal.valueOf(alert.projectionCents, 2),
                BigDecimal.valueOf(alert.baseCents, 2),
                alert.baseSource,
                BigDecimal.valueOf(alert.projectedWh, 3),
                alert.reason,
                alert.channel,
                alert.sent ? 1 : 0,
                Instant.ofEpochMilli(alert.decidedAtMs),
                Instant.ofEpochMilli(alert.createdAtMs),
                alert.createdAtMs);
    }
}
