package io.gridpulse.simulator;

import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.streams.Topics;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.SplittableRandom;

/**
 * Monthly billing and the customers' payment habits. Each customer is billed on their own billing
 * day, in the early-morning bill run, for the energy since the last bill; auto-debit customers are
 * debited by the bank, prepayment customers top up online, most others pay before the due date and
 * a few pay late after reminders. Customers with a scripted arrears case do not follow habits.
 */
final class Billing {

    private static final int DUE_DAYS = 15;
    private static final LocalTime BILL_RUN = LocalTime.of(2, 0);
    private static final double OPENING_ARREARS_SHARE = 0.03;

    private final TickBuffer out;
    private final Agenda agenda;
    private final RunWindow window;
    private final Cashier cashier;
    private final NoticeDesk notices;

    Billing(TickBuffer out, Agenda agenda, RunWindow window, Cashier cashier, NoticeDesk notices) {
        this.out = out;
        this.agenda = agenda;
        this.window = window;
        this.cashier = cashier;
        this.notices = notices;
    }

    /** Schedules the customer's monthly bill if the local day is their billing day. */
    void planDay(Household household, LocalDate day, long from) {
        if (day.getDayOfMonth() != household.account().billingDay()) {
            return;
        }
        long at =
                RunWindow.localTime(day, BILL_RUN)
                        + household.random().nextLong(4 * RunWindow.HOUR);
        if (at >= from) {
            agenda.at(at, () -> issue(household, at));
        }
    }

    /**
     * Arrears from before the run: an unpaid, overdue bill carrying some months' energy, part of
     * the opening snapshot emitted at the start of the run.
     *
     * @return the amount owed, fen
     */
    long carryForwardArrears(Household household, int months) {
        SplittableRandom random = household.random();
        Account account = household.account();
        long milliKwh =
                Math.round(
                        household.meanSlotMilli()
                                * 96
                                * 30.4
                                * months
                                * (0.8 + 0.4 * random.nextDouble()));
        long cents = account.amountCents(milliKwh);
        LocalDate due = RunWindow.localDate(window.start()).minusDays(5 + random.nextInt(21));
        String period = YearMonth.from(due.minusDays(DUE_DAYS)).minusMonths(1).toString();
        String billId = household.nextId('B');
        agenda.at(
                window.start(),
                () -> {
                    out.emit(
                            Topics.BILLS,
                            household.customerId(),
                            Records.openingBalance(
                                    Records.bill(
                                            billId,
                                            household.customerId(),
                                            period,
                                            milliKwh,
                                            cents,
                                            window.start(),
                                            due)),
                            window.start());
                    account.charge(cents);
                });
        return cents;
    }

    /**
     * Gives a few ordinary customers arrears at the start: they are reminded a day or two apart and
     * most of them pay up during the run, none is cut off.
     */
    void planOpeningArrears(Household household) {
        SplittableRandom random = household.random();
        if (random.nextDouble() >= OPENING_ARREARS_SHARE || household.account().hasAgreement()) {
            return;
        }
        carryForwardArrears(household, 1 + random.nextInt(2));
        long firstReminder = window.start() + RunWindow.HOUR + random.nextLong(11 * RunWindow.HOUR);
        boolean pays = random.nextDouble() < 0.6;
        long payAt =
                Math.max(
                        firstReminder + RunWindow.HOUR,
                        window.at(0.15 + 0.8 * random.nextDouble()));
        notices.dunUntil(household, firstReminder, pays ? payAt : window.end());
        if (pays) {
            cashier.payBalance(household, payAt, cashier.usualChannel(household));
        }
    }

    private void issue(Household household, long at) {
        Account account = household.account();
        long milliKwh = household.consumedMilli() - account.billedUpToMilli();
        account.billedUpTo(household.consumedMilli());
        long cents = account.amountCents(milliKwh);
        LocalDate issued = RunWindow.localDate(at);
        LocalDate due = issued.plusDays(DUE_DAYS);
        // the period is named after the month it started in: a bill of 5 March covers 5 Feb to 4
        // Mar
        String period = YearMonth.from(issued).minusMonths(1).toString();
        out.emit(
                Topics.BILLS,
                household.customerId(),
                Records.bill(
                        household.nextId('B'),
                        household.customerId(),
                        period,
                        milliKwh,
                        cents,
                        at,
                        due),
                at);
        account.charge(cents);
        if (!account.inArrearsCase()) {
            settle(household, at, cents, RunWindow.localTime(due.plusDays(1), LocalTime.MIDNIGHT));
        }
    }

    private void settle(Household household, long issuedAt, long cents, long dueEnd) {
        Account account = household.account();
        SplittableRandom random = household.random();
        if (account.autoDebit()) {
            cashier.pay(
                    household,
                    issuedAt + 12 * RunWindow.HOUR + random.nextLong(24 * RunWindow.HOUR),
                    cents,
                    PaymentChannel.BANK);
        } else if (account.prepayment()) {
            long topUp = (cents / 10_000 + 1) * 10_000; // whole hundreds of yuan, above the bill
            cashier.pay(
                    household,
                    issuedAt + random.nextLong(3 * RunWindow.DAY),
                    topUp,
                    cashier.onlineChannel(household));
        } else if (random.nextDouble() < (household.rural() ? 0.12 : 0.08)) {
            long payAt = dueEnd + RunWindow.DAY + random.nextLong(24 * RunWindow.DAY);
            notices.dunUntil(
                    household, dueEnd + 10 * RunWindow.HOUR, Math.min(payAt, window.end()));
            cashier.pay(household, payAt, cents, cashier.usualChannel(household));
        } else {
            double early = random.nextDouble();
            // most pay within days of the bill: the square bunches payments towards the issue date
            long payAt = issuedAt + (long) ((dueEnd - issuedAt) * early * early);
            cashier.pay(household, payAt, cents, cashier.usualChannel(household));
        }
    }
}
