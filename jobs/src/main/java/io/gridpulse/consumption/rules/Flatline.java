package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;

/**
 * FLATLINE: the same non-zero energy interval after interval for a long run: a meter or head-end
 * that repeats a value instead of measuring. One case per run.
 */
public final class Flatline implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int LAST_WH = 0;
    private static final int RUN = 1;
    private static final int RUN_START = 2;
    private static final int RUN_END = 3;

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
        return 4;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        if (interval.wh() > 0 && interval.wh() == context.memory(this, LAST_WH)) {
            long run = context.memory(this, RUN) + 1;
            context.remember(this, RUN, run);
            context.remember(this, RUN_END, interval.endMs());
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
        context.close(name(), context.memory(this, RUN_END));
        context.remember(this, LAST_WH, interval.wh());
        context.remember(this, RUN, 0);
        context.remember(this, RUN_START, interval.endMs());
        context.remember(this, RUN_END, interval.endMs());
    }
}
