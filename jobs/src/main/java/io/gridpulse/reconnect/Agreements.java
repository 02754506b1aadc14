package io.gridpulse.reconnect;

import io.gridpulse.schema.ClearedBy;

/** Since when (event time) the customer records show each agreement; -1 when never. */
public class Agreements {

    public long prepaymentSinceMs = -1;
    public long autoDebitSinceMs = -1;

    public Agreements() {}

    void seen(CustomerEvent e) {
        if (e.prepayment) {
            prepaymentSinceMs = earliest(prepaymentSinceMs, e.timeMs);
        }
        if (e.autoDebit) {
            autoDebitSinceMs = earliest(autoDebitSinceMs, e.timeMs);
        }
    }

    /**
     * The agreement that clears a cut-off at {@code disconnectedMs}: the earliest one the policy
     * accepts that was signed at or after the cut-off and before {@code untilMs}; null if none.
     */
    Clearing clearing(AgreementPolicy policy, long disconnectedMs, long untilMs) {
        Clearing best = null;
        if (policy.prepaymentClears() && within(prepaymentSinceMs, disconnectedMs, untilMs)) {
            best = new Clearing(ClearedBy.PREPAYMENT_AGREEMENT, prepaymentSinceMs, "prepayment");
        }
        if (policy.autoDebitClears()
                && within(autoDebitSinceMs, disconnectedMs, untilMs)
                && (best == null || autoDebitSinceMs < best.timeMs())) {
            best = new Clearing(ClearedBy.AUTO_DEBIT_AGREEMENT, autoDebitSinceMs, "auto-debit");
        }
        return best;
    }

    private static boolean within(long t, long from, long until) {
        return t >= 0 && t >= from && t < until;
    }

    private static long earliest(long current, long t) {
        return current < 0 ? t : Math.min(current, t);
    }
}
