package io.gridpulse.reconnect;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.Payment;

/**
 * One record of any of the reconnect job's inputs, keyed by customer: the case function sees a
 * customer's bills, payments, notices, switch steps and agreements in one ordered stream.
 */
public class CustomerEvent {

    public enum Kind {
        LEDGER,
        NOTICE,
        SWITCH,
        AGREEMENT
    }

    public Kind kind;
    public String customerId;
    public long timeMs;
    public LedgerEntry entry;
    public NoticeEntry notice;
    public SwitchStep step;
    public boolean prepayment;
    public boolean autoDebit;

    public CustomerEvent() {}

    private CustomerEvent(Kind kind, String customerId, long timeMs) {
        this.kind = kind;
        this.customerId = customerId;
        this.timeMs = timeMs;
    }

    public static CustomerEvent of(Bill bill) {
        return ledger(bill.getCustomerId(), LedgerEntry.of(bill));
    }

    public static CustomerEvent of(Payment payment) {
        return ledger(payment.getCustomerId(), LedgerEntry.of(payment));
    }

    public static CustomerEvent ledger(String customerId, LedgerEntry entry) {
        CustomerEvent e = new CustomerEvent(Kind.LEDGER, customerId, entry.timeMs);
        e.entry = entry;
        return e;
    }

    public static CustomerEvent of(Notice notice) {
        return notice(notice.getCustomerId(), NoticeEntry.of(notice));
    }

    public static CustomerEvent notice(String customerId, NoticeEntry notice) {
        CustomerEvent e = new CustomerEvent(Kind.NOTICE, customerId, notice.sentAtMs);
        e.notice = notice;
        return e;
    }

    public static CustomerEvent of(SwitchStep step) {
        CustomerEvent e = new CustomerEvent(Kind.SWITCH, step.customerId, step.timeMs);
        e.step = step;
        return e;
    }

    public static CustomerEvent of(Customer customer) {
        return agreement(
                customer.getCustomerId(),
                customer.getUpdatedAt().toEpochMilli(),
                customer.getPrepaymentAgreement(),
                customer.getAutoDebitAgreement());
    }

    public static CustomerEvent agreement(
            String customerId, long timeMs, boolean prepayment, boolean autoDebit) {
        CustomerEvent e = new CustomerEvent(Kind.AGREEMENT, customerId, timeMs);
        e.prepayment = prepayment;
        e.autoDebit = autoDebit;
        return e;
    }
}
