package io.gridpulse.highbill;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * The projected bill of a running period after day {@code latest}: the energy measured on the
 * period's days up to then, plus, for each day of the period without a measurement (the rest of the
 * period, and any day missed), the customer's recent mean for that kind of day (weekday or weekend)
 * over the last {@code profileDays} days, each time-of-use period on its own; priced with the
 * tariff. With a usual daily energy (last year's same period), the rest is expected between the
 * two: a rise seen over a week persists only partly (a cold snap or visitors end), and a lasting
 * one still shows, later; the recent days keep their time-of-use split.
 *
 * @param energy projected energy of the whole period
 * @param amount projected bill, CNY
 * @param measuredDays days of the period up to {@code latest} with a measurement
 * @param recentWeekday mean energy of a recent weekday
 * @param recentWeekend mean energy of a recent weekend day
 * @param recentDays days in the profile window
 */
public record BillProjection(
        Energy energy,
        BigDecimal amount,
        int measuredDays,
        Energy recentWeekday,
        Energy recentWeekend,
        int recentDays) {

    /**
     * @param days the customer's daily energy, any order; days after {@code latest} are ignored
     */
    public static BillProjection of(
            List<DailyUse> days,
            LocalDate latest,
            BillingPeriod period,
            int profileDays,
            Tariff tariff,
            boolean residential,
            long usualDailyWh,
            double recentWeight) {
        long last = latest.toEpochDay();
        long firstRecent = last - profileDays + 1;
        long[] weekday = new long[4];
        long[] weekend = new long[4];
        Energy measured = Energy.NONE;
        boolean[] seen = new boolean[period.days()];
        for (DailyUse day : days) {
            if (day.epochDay > last) {
                continue;
            }
            if (day.epochDay >= firstRecent) {
                add(isWeekend(day.epochDay) ? weekend : weekday, day);
            }
            int index = (int) (day.epochDay - period.start().toEpochDay());
            if (index >= 0 && index < seen.length && !seen[index]) {
                seen[index] = true;
                measured = measured.plus(day.energy());
            }
        }
        int recent = (int) (weekday[3] + weekend[3]);
        Energy all = mean(sum(weekday, weekend));
        Energy meanWeekday = weekday[3] > 0 ? mean(weekday) : all;
        Energy meanWeekend = weekend[3] > 0 ? mean(weekend) : all;
        Energy restWeekday = meanWeekday;
        Energy restWeekend = meanWeekend;
        if (usualDailyWh > 0 && all.totalWh() > 0) {
            double scale =
                    recentWeight + (1 - recentWeight) * usualDailyWh / (double) all.totalWh();
            restWeekday = meanWeekday.scaled(scale);
            restWeekend = meanWeekend.scaled(scale);
        }
        Energy projected = measured;
        int measuredDays = 0;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                measuredDays++;
            } else if (recent > 0) {
                long day = period.start().toEpochDay() + i;
                projected = projected.plus(isWeekend(day) ? restWeekend : restWeekday);
            }
        }
        return new BillProjection(
                projected,
                tariff.amount(projected, residential, period.months()),
                measuredDays,
                meanWeekday,
                meanWeekend,
                recent);
    }

    static boolean isWeekend(long epochDay) {
        DayOfWeek dow = LocalDate.ofEpochDay(epochDay).getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    /** Adds a day to peak, flat, valley sums and the day count (index 3). */
    private static void add(long[] sums, DailyUse day) {
        sums[0] += day.peakWh;
        sums[1] += day.flatWh;
        sums[2] += day.valleyWh;
        sums[3]++;
    }

    private static long[] sum(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]};
    }

    private static Energy mean(long[] sums) {
        if (sums[3] == 0) {
            return Energy.NONE;
        }
        return new Energy(
                Math.round(sums[0] / (double) sums[3]),
                Math.round(sums[1] / (double) sums[3]),
                Math.round(sums[2] / (double) sums[3]));
    }
}
