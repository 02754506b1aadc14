package io.gridpulse.simulator;

/** How a scripted disconnection story goes; the reconnect job must act on each accordingly. */
public enum CaseType {
    /**
     * Cut off for arrears after a lawful notice, later pays the full balance: reconnect expected.
     */
    CLEARED_ARREARS,
    /** Cut off for arrears, then signs a prepayment or auto-debit agreement: reconnect expected. */
    AGREEMENT_CLEARED,
    /**
     * Cut off for arrears without a delivered disconnection notice, or under 30 min after it; never
     * pays.
     */
    NOTICE_RULE_BREACH,
    /** Cut off for safety; pays its arrears, but must not be reconnected on payment. */
    SAFETY_CUT,
    /** Cut off for arrears after a lawful notice and never clears (at most a partial payment). */
    STILL_IN_ARREARS
}
