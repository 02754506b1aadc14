package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;

/**
 * FLATLINE: the same non-zero energy interval after interval for a long run: a meter or head-end
 * that repeats a value instead of measuring. One case per run. A gap (an interval longer than the
 * run's) and one odd interval (a slot cut short by an outage) neither count nor end a run; a second
 * odd interval in a row does.
 */
public final class Flatline implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int LAST_WH = 0;
    private static final int RUN = 1;
    private static final int RUN_START = 2;
    private static final int RUN_END = 3;
    private static final int LENGTH = 4;
    private static final int ODD = 5;

    private final int intervals;

    public Flatline(int intervals) {
        this.intervals = intervals;
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.FLATLINE;
    }

    @Override
    public int memorySlots() {
        return 6;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        long run = context.memory(this, RUN);
        if (interval.wh() > 0 && interval.wh() == context.memory(this, LAST_WH)) {
            run++;
            context.remember(this, RUN, run);
            context.remember(this, RUN_END, interval.endMs());
            context.remember(this, ODD, 0);
            if (run + 1 >= intervals && !context.isOpen(name())) {
                context.open(
                        name(),
                        context.memory(this, RUN_START),
                        "WARNING",
                        interval.wh(),
                        0,
                        (run + 1)
                                + " intervals in a row with exactly "
                                + Rules.kwh(interval.wh())
                                + " kWh each: the meter may not be measuring");
            }
            return;
        }
        if (run > 0 && interval.lengthMs() > context.memory(this, LENGTH)) {
            return; // a gap in the reads
        }
        if (run > 0 && context.memory(this, ODD) == 0) {
            context.remember(this, ODD, 1);
            return;
        }
        context.close(name(), context.memory(this, RUN_END));
        context.remember(this, LAST_WH, interval.wh());
        context.remember(this, RUN, 0);
        context.remember(this, RUN_START, interval.endMs());
        context.remember(this, RUN_END, interval.endMs());
        context.remember(this, LENGTH, interval.lengthMs());
        context.remember(this, ODD, 0);
    }
}
