package io.gridpulse.reconnect;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Payment;

/** One bill, opening balance, payment or reversal of a customer's arrears ledger, in fen. */
public class LedgerEntry {

    public static final String BILL = "BILL";
    public static final String OPENING = "OPENING";
    public static final String PAYMENT = "PAYMENT";
    public static final String REVERSAL = "REVERSAL";

    /** Bill id or payment id: an entry counts once, however often its record is repeated. */
    public String id;

    public String kind;
    public long timeMs;

    /** The amount as written on the record, positive for bills, payments and reversals. */
    public long cents;

    /** For a reversal: the id of the payment it cancels. */
    public String reverses;

    /** For a payment: the channel. */
    public String channel;

    public LedgerEntry() {}

    public LedgerEntry(
            String id, String kind, long timeMs, long cents, String reverses, String channel) {
        this.id = id;
        this.kind = kind;
        this.timeMs = timeMs;
        this.cents = cents;
        this.reverses = reverses;
        this.channel = channel;
    }

    public static LedgerEntry of(Bill bill) {
        return new LedgerEntry(
                bill.getBillId(),
                bill.getOpeningBalance() ? OPENING : BILL,
                bill.getIssuedAt().toEpochMilli(),
                Money.cents(bill.getAmount()),
                null,
                null);
    }

    public static LedgerEntry of(Payment payment) {
        boolean reversal = payment.getReversesPaymentId() != null;
        return new LedgerEntry(
                payment.getPaymentId(),
                reversal ? REVERSAL : PAYMENT,
                payment.getPaidAt().toEpochMilli(),
                Money.cents(payment.getAmount()),
                payment.getReversesPaymentId(),
                payment.getChannel().name());
    }

    boolean isCharge() {
        return kind.equals(BILL) || kind.equals(OPENING);
    }

    boolean isPayment() {
        return kind.equals(PAYMENT);
    }

    @Override
    public String toString() {
        return kind + " " + id + " " + cents + " @" + timeMs;
    }
}
