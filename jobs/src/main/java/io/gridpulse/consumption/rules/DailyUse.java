package io.gridpulse.consumption.rules;

import java.time.Duration;

/**
 * Adds up a meter's intervals into UTC days for the rules that judge whole days. Uses three memory
 * slots of its rule from {@code first}: the current day (+1), its energy so far, and nothing else;
 * {@link #add} returns the energy of the day that just ended, or -1.
 */
final class DailyUse {

    static final long DAY = Duration.ofDays(1).toMillis();

    private DailyUse() {}

    /** The finished day's energy, Wh, when this interval starts a new day; else -1. */
    static long add(Rule rule, int first, Interval interval, RuleContext context) {
        long day = Math.floorDiv(interval.endMs() - 1, DAY) + 1;
        long current = context.memory(rule, first);
        long finished = -1;
        if (current != day) {
            if (current != 0) {
                finished = context.memory(rule, first + 1);
            }
            context.remember(rule, first, day);
            context.remember(rule, first + 1, 0);
        }
        context.remember(rule, first + 1, context.memory(rule, first + 1) + interval.wh());
        return finished;
    }

    /** Start of the day that just ended, given the day counter now. */
    static long finishedDayStart(Rule rule, int first, RuleContext context) {
        return (context.memory(rule, first) - 2) * DAY;
    }
}
