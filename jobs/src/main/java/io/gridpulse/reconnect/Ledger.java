package io.gridpulse.reconnect;

import io.gridpulse.schema.ClearedBy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's arrears ledger in event-time order: what the customer owed at any moment, whatever
 * order the bills and payments arrived in. A payment that a reversal cancels never counts; a
 * reversal whose payment is unknown (older than the state) counts as a charge.
 */
final class Ledger {

    /** Charges before payments at the same instant: a bill and its payment in one second clear. */
    private static final Comparator<LedgerEntry> EVENT_TIME =
            Comparator.<LedgerEntry>comparingLong(e -> e.timeMs)
                    .thenComparing(e -> e.isCharge() ? 0 : 1)
                    .thenComparing(e -> e.id);

    private final long baseCents;
    private final List<LedgerEntry> entries;
    private final Set<String> reversed;
    private final Set<String> payments;

    private Ledger(long baseCents, List<LedgerEntry> entries) {
        this.baseCents = baseCents;
        this.entries = entries;
        this.entries.sort(EVENT_TIME);
        this.reversed = new HashSet<>();
        this.payments = new HashSet<>();
        for (LedgerEntry e : entries) {
            if (e.kind.equals(LedgerEntry.REVERSAL)) {
                reversed.add(e.reverses);
            } else if (e.isPayment()) {
                payments.add(e.id);
            }
        }
    }

    /**
     * @param baseCents what older, folded entries add up to
     * @param entries the entries in state, in any order
     */
    static Ledger of(long baseCents, Iterable<LedgerEntry> entries) {
        List<LedgerEntry> list = new ArrayList<>();
        entries.forEach(list::add);
        return new Ledger(baseCents, list);
    }

    /** What the entry adds to the balance (positive: the customer owes more). */
    private long signed(LedgerEntry e) {
        if (e.isCharge()) {
            return e.cents;
        }
        if (e.isPayment()) {
            return reversed.contains(e.id) ? 0 : -e.cents;
        }
        // a reversal cancels its payment above; one whose payment is not in state is a charge
        return payments.contains(e.reverses) ? 0 : e.cents;
    }

    /** Bills minus payments over everything known, in fen. */
    long balanceCents() {
        long balance = baseCents;
        for (LedgerEntry e : entries) {
            balance += signed(e);
        }
        return balance;
    }

    /** The balance just after {@code timeMs}: every entry at or before it. */
    long balanceAtCents(long timeMs) {
        long balance = baseCents;
        for (LedgerEntry e : entries) {
            if (e.timeMs > timeMs) {
                break;
            }
            balance += signed(e);
        }
        return balance;
    }

    /**
     * The payment that cleared a cut-off at {@code disconnectedMs}: the first one after it that
     * brought the running balance to {@code thresholdCents} or below, before {@code untilMs}. None
     * when the ledger shows no arrears at the cut-off: then it does not yet know what the customer
     * owes (an opening balance or a bill has not arrived), and a payment must not clear a debt the
     * ledger has not seen.
     */
    Clearing paymentClearing(long disconnectedMs, long untilMs, long thresholdCents) {
        long balance = balanceAtCents(disconnectedMs);
        if (balance <= thresholdCents) {
            return null;
        }
        for (LedgerEntry e : entries) {
            if (e.timeMs <= disconnectedMs) {
                continue;
            }
            if (e.timeMs >= untilMs) {
                break;
            }
            balance += signed(e);
            if (e.isPayment() && signed(e) != 0 && balance <= thresholdCents) {
                return new Clearing(ClearedBy.PAYMENT, e.timeMs, e.id);
            }
        }
        return null;
    }
}
