package io.gridpulse.reconnect;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of {@code payments}: every payment and reversal, keyed by (customer_id, payment_id), for
 * the meter-detail board.
 *
 * @param balanceAfter the customer's balance just after the payment, in event time
 * @param whileDisconnected 1 when the customer was cut off at the payment's time
 */
public record PaymentRow(
        String customerId,
        String paymentId,
        String kind,
        BigDecimal amount,
        String channel,
        String reversesPaymentId,
        Instant paidAt,
        long paidMs,
        BigDecimal balanceAfter,
        int whileDisconnected) {}
