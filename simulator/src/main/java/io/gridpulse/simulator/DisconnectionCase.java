package io.gridpulse.simulator;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.TicketCategory;
import io.gridpulse.schema.TicketChannel;
import io.gridpulse.schema.TicketKind;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One scripted disconnection story, from the arrears to its end: a reminder, the disconnection
 * notice (lawful, or not for a breach case), the cut-off on the head-end, then payment, an
 * agreement or nothing. Remembers what happened for the ground truth.
 */
final class DisconnectionCase {

    /**
     * The paper's rule: a remote cut-off only at least 30 minutes after the notice was delivered.
     */
    private static final long NOTICE_LEAD = 30 * RunWindow.MINUTE;

    private final Household household;
    private final CaseType type;
    private SwitchReason reason = SwitchReason.ARREARS;
    private String disconnectEventId;
    private long disconnectedAt;
    private long noticeDeliveredAt = -1;
    private boolean noticeRuleBreach;
    private ClearedBy clearedBy;
    private long clearedAt = -1;
    private long headEndReconnectedAt = -1;

    DisconnectionCase(Household household, CaseType type) {
        this.household = household;
        this.type = type;
    }

    /** Writes the whole story into the agenda. */
    void schedule(Company company) {
        RunWindow window = company.window();
        SplittableRandom random = household.random();
        household.account().enterArrearsCase();
        long arrears = company.billing().carryForwardArrears(household, 1 + random.nextInt(3));
        company.notices().dun(household, window.at(0.01 + 0.05 * random.nextDouble()));
        HeadEnd.Switching cut =
                type == CaseType.SAFETY_CUT
                        ? cutForSafety(company, random)
                        : cutForArrears(company, random);
        disconnectEventId = cut.executedEventId();
        disconnectedAt = cut.executedAt();
        long clearing =
                Math.min(
                        window.end() - 2 * RunWindow.HOUR,
                        disconnectedAt
                                + Math.max(
                                        RunWindow.HOUR,
                                        (long)
                                                (window.duration()
                                                        * (0.10 + 0.25 * random.nextDouble()))));
        PaymentChannel channel = company.cashier().usualChannel(household);
        switch (type) {
            case CLEARED_ARREARS -> {
                if (random.nextDouble() < 0.3) {
                    long partialAt =
                            Math.max(
                                    disconnectedAt + 10 * RunWindow.MINUTE,
                                    clearing
                                            - RunWindow.HOUR
                                            - random.nextLong(2 * RunWindow.HOUR));
                    company.cashier().pay(household, partialAt, partOf(arrears, random), channel);
                }
                company.cashier().payBalance(household, clearing, channel);
                cleared(company, random, ClearedBy.PAYMENT, clearing);
            }
            case AGREEMENT_CLEARED -> {
                ClearedBy agreement =
                        random.nextBoolean()
                                ? ClearedBy.PREPAYMENT_AGREEMENT
                                : ClearedBy.AUTO_DEBIT_AGREEMENT;
                company.customers().signAgreement(household, clearing, agreement);
                cleared(company, random, agreement, clearing);
            }
            case SAFETY_CUT -> {
                company.cashier().payBalance(household, clearing, channel);
                clearedBy = ClearedBy.PAYMENT;
                clearedAt = clearing;
            }
            case STILL_IN_ARREARS -> {
                if (random.nextDouble() < 0.4) {
                    company.cashier().pay(household, clearing, partOf(arrears, random), channel);
                }
            }
            case NOTICE_RULE_BREACH -> {
                if (random.nextDouble() < 0.7) {
                    long complaintAt =
                            disconnectedAt
                                    + 30 * RunWindow.MINUTE
                                    + random.nextLong(330 * RunWindow.MINUTE);
                    company.serviceDesk()
                            .open(
                                    household,
                                    complaintAt,
                                    TicketKind.COMPLAINT,
                                    TicketCategory.ARREARS_DISCONNECTION,
                                    TicketChannel.HOTLINE_95598,
                                    false,
                                    true);
                }
            }
        }
    }

    ServiceCase toServiceCase() {
        boolean reconnectExpected =
                type == CaseType.CLEARED_ARREARS || type == CaseType.AGREEMENT_CLEARED;
        return new ServiceCase(
                household.customerId(),
                household.meterId(),
                type,
                reason,
                disconnectEventId,
                RunWindow.instant(disconnectedAt),
                instantOrNull(noticeDeliveredAt),
                noticeRuleBreach,
                clearedBy,
                instantOrNull(clearedAt),
                reconnectExpected,
                instantOrNull(headEndReconnectedAt));
    }

    private HeadEnd.Switching cutForSafety(Company company, SplittableRandom random) {
        reason = SwitchReason.SAFETY;
        long orderedAt = company.window().at(0.10 + 0.20 * random.nextDouble());
        return company.headEnd().disconnect(household, SwitchReason.SAFETY, orderedAt, false);
    }

    /**
     * A lawful cut-off comes at least 30 minutes after the notice was delivered; a breach case's
     * notice is either never delivered, never sent, or followed too soon by the cut-off.
     */
    private HeadEnd.Switching cutForArrears(Company company, SplittableRandom random) {
        long sentAt = company.window().at(0.08 + 0.12 * random.nextDouble());
        long deliveryDelay = RunWindow.MINUTE + random.nextLong(9 * RunWindow.MINUTE);
        long lawfulWait =
                NOTICE_LEAD + 5 * RunWindow.MINUTE + random.nextLong(205 * RunWindow.MINUTE);
        int breach = type == CaseType.NOTICE_RULE_BREACH ? random.nextInt(3) : -1;
        noticeRuleBreach = breach >= 0;
        long orderedAt;
        switch (breach) {
            case 0 -> { // sent, never delivered
                company.notices().disconnectionNotice(household, sentAt, -1);
                orderedAt = sentAt + lawfulWait;
            }
            case 1 -> orderedAt = sentAt + lawfulWait; // never sent
            case 2 -> { // delivered, but the cut-off follows within 30 minutes
                noticeDeliveredAt = sentAt + deliveryDelay;
                company.notices().disconnectionNotice(household, sentAt, noticeDeliveredAt);
                orderedAt =
                        noticeDeliveredAt
                                + 3 * RunWindow.MINUTE
                                + random.nextLong(17 * RunWindow.MINUTE);
            }
            default -> {
                noticeDeliveredAt = sentAt + deliveryDelay;
                company.notices().disconnectionNotice(household, sentAt, noticeDeliveredAt);
                orderedAt = noticeDeliveredAt + lawfulWait;
            }
        }
        boolean retried = breach != 2 && random.nextDouble() < 0.1;
        return company.headEnd().disconnect(household, SwitchReason.ARREARS, orderedAt, retried);
    }

    /**
     * After clearing, half of the customers are reconnected by staff hours later, the old manual
     * way, unless GridPulse's commands reach the head-end; some phone 95598 to ask when their power
     * comes back.
     */
    private void cleared(Company company, SplittableRandom random, ClearedBy by, long at) {
        clearedBy = by;
        clearedAt = at;
        // with GridPulse's commands reaching the head-end (realtime), staff need not step in
        if (!company.headEnd().answersCommands() && random.nextDouble() < 0.5) {
            long orderedAt = at + 2 * RunWindow.HOUR + random.nextLong(4 * RunWindow.HOUR);
            HeadEnd.Switching reconnect =
                    company.headEnd().reconnect(household, SwitchReason.ARREARS, orderedAt);
            if (company.window().contains(reconnect.executedAt())) {
                headEndReconnectedAt = reconnect.executedAt();
            }
        }
        if (random.nextDouble() < 0.4) {
            long callAt = at + 20 * RunWindow.MINUTE + random.nextLong(70 * RunWindow.MINUTE);
            company.serviceDesk()
                    .open(
                            household,
                            callAt,
                            TicketKind.CONSULTATION,
                            TicketCategory.ARREARS_DISCONNECTION,
                            TicketChannel.HOTLINE_95598,
                            false,
                            null);
        }
    }

    private static long partOf(long cents, SplittableRandom random) {
        return Math.max(1, Math.round(cents * (0.3 + 0.4 * random.nextDouble())));
    }

    private static Instant instantOrNull(long time) {
        return time < 0 ? null : RunWindow.instant(time);
    }
}
