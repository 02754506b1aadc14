package io.gridpulse.highbill;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One billing period of a customer: from the billing day of its first month (inclusive) to the
 * billing day {@code months} months later (exclusive), in the company's local calendar. Named like
 * the bills: {@code yyyy-MM} of the month it starts in.
 */
public record BillingPeriod(LocalDate start, LocalDate end, int months) {

    /** The period that contains {@code day}, for a billing day and a cycle of some months. */
    public static BillingPeriod containing(LocalDate day, int billingDay, int months) {
        YearMonth month = YearMonth.from(day);
        if (day.getDayOfMonth() < billingDay) {
            month = month.minusMonths(1);
        }
        // bimonthly and longer cycles start in months aligned to the epoch month count
        long index = month.getYear() * 12L + month.getMonthValue() - 1;
        month = month.minusMonths(Math.floorMod(index, months));
        LocalDate start = month.atDay(billingDay);
        return new BillingPeriod(start, start.plusMonths(months), months);
    }

    public String label() {
        return YearMonth.from(start).toString();
    }

    /** The label of the same period a year earlier. */
    public String lastYearLabel() {
        return YearMonth.from(start).minusYears(1).toString();
    }

    public int days() {
        return (int) (end.toEpochDay() - start.toEpochDay());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    /** Days from the start up to and including {@code day}. */
    public int elapsedDays(LocalDate day) {
        return (int) (day.toEpochDay() - start.toEpochDay()) + 1;
    }
}
