package io.gridpulse.reconnect;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Named instants and records of one customer's disconnection story, for the harness tests. */
final class ReconnectScenario {

    static final String CUSTOMER = "C-000042";
    static final String METER = "M-000042";

    static final Instant OPENED = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant NOTICE_SENT = Instant.parse("2026-03-02T08:00:00Z");
    static final Instant NOTICE_DELIVERED = Instant.parse("2026-03-02T08:05:00Z");
    static final Instant ORDERED = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant CUT_OFF = Instant.parse("2026-03-02T09:02:00Z");
    static final Instant PARTLY_PAID = Instant.parse("2026-03-02T11:00:00Z");
    static final Instant PAID = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant RECONNECTED = Instant.parse("2026-03-02T12:03:00Z");
    static final Instant NEXT_DAY = Instant.parse("2026-03-03T12:00:00Z");

    static final String CUT_OFF_EVENT = "E-CUT";
    static final String COMMAND_ID = "RC-" + CUT_OFF_EVENT;

    private ReconnectScenario() {}

    static CustomerEvent openingBalance(String yuan) {
        return CustomerEvent.ledger(
                CUSTOMER,
                new LedgerEntry(
                        "B-OPEN", LedgerEntry.OPENING, ms(OPENED), cents(yuan), null, null));
    }

    static CustomerEvent bill(String id, Instant at, String yuan) {
        return CustomerEvent.ledger(
                CUSTOMER, new LedgerEntry(id, LedgerEntry.BILL, ms(at), cents(yuan), null, null));
    }

    static CustomerEvent payment(String id, Instant at, String yuan) {
        return CustomerEvent.ledger(
                CUSTOMER,
                new LedgerEntry(id, LedgerEntry.PAYMENT, ms(at), cents(yuan), null, "WECHAT"));
    }

    static CustomerEvent reversal(String id, String reversed, Instant at, String yuan) {
        return CustomerEvent.ledger(
                CUSTOMER,
                new LedgerEntry(id, LedgerEntry.REVERSAL, ms(at), cents(yuan), reversed, "BANK"));
    }

    static CustomerEvent notice(String id, Instant sent, Instant delivered) {
        return CustomerEvent.notice(
                CUSTOMER,
                new NoticeEntry(id, "SMS", ms(sent), delivered == null ? -1 : ms(delivered)));
    }

    static CustomerEvent deliveredNotice() {
        return notice("N-1", NOTICE_SENT, NOTICE_DELIVERED);
    }

    static CustomerEvent step(String id, String action, String stage, String reason, Instant at) {
        SwitchStep s = new SwitchStep(id, METER, CUSTOMER, action, stage, reason, null, ms(at));
        return CustomerEvent.of(s.ownedBy(CUSTOMER));
    }

    static CustomerEvent cutOffOrdered(String reason) {
        return step("E-ORDER", SwitchStep.DISCONNECT, SwitchStep.ORDERED, reason, ORDERED);
    }

    static CustomerEvent cutOff(String reason) {
        return step(CUT_OFF_EVENT, SwitchStep.DISCONNECT, SwitchStep.EXECUTED, reason, CUT_OFF);
    }

    static CustomerEvent reconnected(Instant at) {
        return step("E-RECONNECT", SwitchStep.RECONNECT, SwitchStep.EXECUTED, "ARREARS", at);
    }

    static CustomerEvent reconnectFailed(Instant at) {
        return step("E-RECONNECT-FAILED", SwitchStep.RECONNECT, SwitchStep.FAILED, "ARREARS", at);
    }

    static CustomerEvent agreement(Instant at, boolean prepayment, boolean autoDebit) {
        return CustomerEvent.agreement(CUSTOMER, ms(at), prepayment, autoDebit);
    }

    static Instant minutesBefore(Instant t, long minutes) {
        return t.minus(Duration.ofMinutes(minutes));
    }

    static long ms(Instant t) {
        return t.toEpochMilli();
    }

    static long cents(String yuan) {
        return Money.cents(new BigDecimal(yuan));
    }
}
