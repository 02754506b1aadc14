package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Instant;

/**
 * SUSTAINED_DROP, the theft signal: {@code days} days in a row whose use is below {@code ratio} of
 * the meter's own long baseline (the mean of its first two weeks, then a four-week moving average
 * of normal days). Days without any use (a vacation: ZERO_CONSUMPTION's business) neither count as
 * low nor break a run. The case opens on the first low day and closes on the first normal one.
 */
public final class SustainedDrop implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int DAY = 0; // and 1: DailyUse
    private static final int BASELINE = 2;
    private static final int DAYS = 3;
    private static final int LOW = 4;
    private static final int LOW_SINCE = 5;
    private static final int HISTORY_DAYS = 14;

    private final double ratio;
    private final int days;

    public SustainedDrop(double ratio, int days) {
        this.ratio = ratio;
        this.days = days;
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.SUSTAINED_DROP;
    }

    @Override
    public int memorySlots() {
        return 6;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        long dayStart = DailyUse.currentDayStart(this, DAY, context);
        long finished = DailyUse.add(this, DAY, interval, context);
        if (finished <= 0) {
            return;
        }
        long baseline = context.memory(this, BASELINE);
        long seen = context.memory(this, DAYS);
        if (seen < HISTORY_DAYS) {
            context.remember(this, BASELINE, baseline + (finished - baseline) / (seen + 1));
            context.remember(this, DAYS, seen + 1);
            return;
        }
        if (finished < ratio * baseline) {
            long low = context.memory(this, LOW) + 1;
            context.remember(this, LOW, low);
            if (low == 1) {
                context.remember(this, LOW_SINCE, dayStart);
            }
            if (low >= days) {
                context.open(
                        name(),
                        context.memory(this, LOW_SINCE),
                        "CRITICAL",
                        finished,
                        baseline,
                        low
                                + " days in a row since "
                                + Instant.ofEpochMilli(context.memory(this, LOW_SINCE))
                                + " below "
                                + Math.round(ratio * 100)
                                + " % of this meter's usual "
                                + Rules.kwh(baseline)
                                + " kWh a day (last day: "
                                + Rules.kwh(finished)
                                + " kWh)");
            }
            return;
        }
        context.close(name(), dayStart);
        context.remember(this, LOW, 0);
        context.remember(this, BASELINE, baseline + (finished - baseline) / 28);
    }
}
