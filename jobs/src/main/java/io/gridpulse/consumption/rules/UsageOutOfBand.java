package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Instant;

/**
 * USAGE_OUT_OF_BAND: a day's use above {@code band} times the meter's own daily baseline and above
 * it by more than the segment's excess (so a small household doubling a small use is not flagged).
 * Low days are the business of SUSTAINED_DROP and ZERO_CONSUMPTION. The baseline is the mean of the
 * first week, then a two-week moving average of the days inside the band; days without any use (a
 * vacation) are left out of both. Consecutive high days are one case, and an open case goes on
 * through a day still above the middle of the band ((1 + band) / 2 times the baseline): a heater
 * left running for four days, one of whose days fell back inside the band, was two cases. It also
 * goes on through one day back below the middle of the band, and closes at that day's start when
 * the next day is back too: on a meter read once a day, an outage of 16 hours leaves one day's read
 * far below the load it interrupts (at seed 7 such a case closed and opened again the next day).
 */
public final class UsageOutOfBand implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int DAY = 0; // and 1: DailyUse
    private static final int BASELINE = 2;

    /**
     * Days of history seen, up to {@link #HISTORY_DAYS}; then {@code HISTORY_DAYS} + the epoch day
     * + 1 of an open case's first day back below the middle of the band (+ 0 when there is none).
     * No slot of its own: the memory of the rules after this one must stay where a checkpoint has
     * it.
     */
    private static final int DAYS = 3;

    private static final int HISTORY_DAYS = 7;
    private final double band;
    private final SegmentThresholds excessKwh;

    public UsageOutOfBand(double band, SegmentThresholds excessKwh) {
        this.band = band;
        this.excessKwh = excessKwh;
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.USAGE_OUT_OF_BAND;
    }

    @Override
    public int memorySlots() {
        return 4;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        long dayStart = DailyUse.currentDayStart(this, DAY, context);
        long finished = DailyUse.add(this, DAY, interval, context);
        if (finished < 0) {
            return;
        }
        long baseline = context.memory(this, BASELINE);
        long seen = context.memory(this, DAYS);
        if (finished == 0) {
            // nobody home: neither a high day nor part of the household's usual use
            close(dayStart, context);
            return;
        }
        if (seen < HISTORY_DAYS) {
            context.remember(this, BASELINE, baseline + (finished - baseline) / (seen + 1));
            context.remember(this, DAYS, seen + 1);
            return;
        }
        long excessWh = (long) (excessKwh.of(context.segment()) * 1000);
        if (context.isOpen(name()) && finished > (1 + band) / 2 * baseline) {
            // still far above the usual: the same case goes on (a day of it cut short by an
            // outage does not end it and start another)
            context.remember(this, DAYS, HISTORY_DAYS);
            return;
        }
        if (finished > band * baseline && finished - baseline > excessWh) {
            if (!context.isOpen(name())) {
                context.open(
                        name(),
                        dayStart,
                        "WARNING",
                        finished,
                        baseline,
                        Rules.kwh(finished)
                                + " kWh on the day of "
                                + Instant.ofEpochMilli(dayStart)
                                + String.format(", more than %.1f times this meter's usual ", band)
                                + Rules.kwh(baseline)
                                + " kWh a day");
            }
            return;
        }
        if (context.isOpen(name()) && seen == HISTORY_DAYS) {
            // the first day back: the case ends if the next day is back too (not learnt from)
            context.remember(this, DAYS, HISTORY_DAYS + Math.floorDiv(dayStart, DailyUse.DAY) + 1);
            return;
        }
        close(dayStart, context);
        context.remember(this, BASELINE, baseline + (finished - baseline) / 14);
    }

    /** Closes the open case at its first day back, else at {@code dayStart}. */
    private void close(long dayStart, RuleContext context) {
        long seen = context.memory(this, DAYS);
        if (seen <= HISTORY_DAYS) {
            context.close(name(), dayStart);
            return;
        }
        context.close(name(), (seen - HISTORY_DAYS - 1) * DailyUse.DAY);
        context.remember(this, DAYS, HISTORY_DAYS);
    }
}
