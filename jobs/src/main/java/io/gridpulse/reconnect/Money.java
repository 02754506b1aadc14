package io.gridpulse.reconnect;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as whole fen (long), so the ledger adds exactly; CNY decimals only at the edges. */
final class Money {

    private Money() {}

    /** Fen of an amount with at most two decimals; more would be an error in the source. */
    static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    static BigDecimal yuan(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
