package io.gridpulse.reconnect;

/** Which signed agreements clear an arrears disconnection on their own, whatever the balance. */
public enum AgreementPolicy {
    /** A prepayment or a bank auto-debit agreement clears. */
    ANY,
    /** Only a prepayment agreement clears. */
    PREPAYMENT,
    /** Only a bank auto-debit agreement clears. */
    AUTO_DEBIT,
    /** Agreements never clear; only the balance does. */
    NONE;

    boolean prepaymentClears() {
        return this == ANY || this == PREPAYMENT;
    }

    boolean autoDebitClears() {
        return this == ANY || this == AUTO_DEBIT;
    }
}
