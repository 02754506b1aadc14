package io.gridpulse.highbill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Says in one sentence why a bill is projected high: the projection against the base, and what
 * drove it — the kind of day (weekdays or weekends) and the quarter of the day whose use rose most.
 * Recent use is compared with last year's daily average when the base is last year's bill, and the
 * quarters with the customer's own days before the recent window when there are some.
 */
final class RiseReason {

    private static final String[] BLOCKS = {
        "00:00-06:00", "06:00-12:00", "12:00-18:00", "18:00-24:00"
    };

    private RiseReason() {}

    static String of(
            BillProjection projection,
            BillingPeriod period,
            BigDecimal base,
            String baseLabel,
            long baseDailyWh,
            List<DailyUse> days,
            long latestDay,
            int profileDays,
            int tier) {
        StringBuilder text = new StringBuilder();
        BigDecimal rise =
                base.signum() == 0
                        ? BigDecimal.ZERO
                        : projection
                                .amount()
                                .subtract(base)
                                .multiply(BigDecimal.valueOf(100))
                                .divide(base, 0, RoundingMode.HALF_UP);
        text.append(
                String.format(
                        Locale.ROOT,
                        "projected %s CNY for %s against %s CNY %s (+%s %%), %.1f kWh, tier %d",
                        projection.amount().toPlainString(),
                        period.label(),
                        base.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                        baseLabel,
                        rise.toPlainString(),
                        projection.energy().totalWh() / 1000.0,
                        tier));
        long weekday = projection.recentWeekday().totalWh();
        long weekend = projection.recentWeekend().totalWh();
        long reference = baseDailyWh > 0 ? baseDailyWh : olderMean(days, latestDay, profileDays);
        if (reference > 0) {
            boolean weekdays = weekday >= weekend;
            long kind = weekdays ? weekday : weekend;
            text.append(
                    String.format(
                            Locale.ROOT,
                            "; use rose most on %s: %.1f kWh a day against %.1f (%+d %%)",
                            weekdays ? "weekdays" : "weekends",
                            kind / 1000.0,
                            reference / 1000.0,
                            Math.round(100.0 * (kind - reference) / reference)));
        }
        text.append(", most of it ").append(BLOCKS[risingBlock(days, latestDay, profileDays)]);
        return text.toString();
    }

    /**
     * The quarter of the day whose recent daily use rose most over the older days (or is largest).
     */
    private static int risingBlock(List<DailyUse> days, long latestDay, int profileDays) {
        long firstRecent = latestDay - profileDays + 1;
        double[] recent = new double[DailyUse.BLOCKS];
        double[] older = new double[DailyUse.BLOCKS];
        int recentDays = 0;
        int olderDays = 0;
        for (DailyUse day : days) {
            if (day.epochDay > latestDay) {
                continue;
            }
            boolean isRecent = day.epochDay >= firstRecent;
            for (int b = 0; b < DailyUse.BLOCKS; b++) {
                (isRecent ? recent : older)[b] += day.blockWh[b];
            }
            if (isRecent) {
                recentDays++;
            } else {
                olderDays++;
            }
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < DailyUse.BLOCKS; b++) {
            double score =
                    recent[b] / Math.max(1, recentDays)
                            - (olderDays >= 3 ? older[b] / olderDays : 0);
            if (score > bestScore) {
                bestScore = score;
                best = b;
            }
        }
        return best;
    }

    private static long olderMean(List<DailyUse> days, long latestDay, int profileDays) {
        long firstRecent = latestDay - profileDays + 1;
        long sum = 0;
        int count = 0;
        for (DailyUse day : days) {
            if (day.epochDay < firstRecent) {
                sum += day.totalWh();
                count++;
            }
        }
        return count >= 3 ? sum / count : 0;
    }
}
