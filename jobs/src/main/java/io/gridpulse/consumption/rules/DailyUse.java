package io.gridpulse.consumption.rules;

import java.time.Duration;

/**
 * Adds up a meter's intervals into UTC days for the rules that judge whole days. Uses two memory
 * slots of its rule from {@code first}: the current day (+1) and its energy so far; {@link #add}
 * returns the energy of the day that just ended, or -1. An interval that spans midnight (a daily
 * read, a gap after a collection failure) is shared out between the days in proportion to its time
 * in each: the energy of a three-day gap lands as three ordinary days, not as one day four times
 * the usual. Days wholly inside a gap are not returned (nothing was measured in them).
 */
final class DailyUse {

    static final long DAY = Duration.ofDays(1).toMillis();

    private DailyUse() {}

    /** The finished day's energy, Wh, when this interval ends in a new day; else -1. */
    static long add(Rule rule, int first, Interval interval, RuleContext context) {
        long day = Math.floorDiv(interval.endMs() - 1, DAY) + 1;
        long current = context.memory(rule, first);
        if (current == day) {
            context.remember(rule, first + 1, context.memory(rule, first + 1) + interval.wh());
            return -1;
        }
        long finished = -1;
        if (current != 0) {
            long currentEnd = current * DAY;
            finished =
                    context.memory(rule, first + 1)
                            + share(
                                    interval,
                                    Math.max(interval.startMs(), currentEnd - DAY),
                                    currentEnd);
        }
        context.remember(rule, first, day);
        context.remember(rule, first + 1, share(interval, (day - 1) * DAY, interval.endMs()));
        return finished;
    }

    /**
     * Start of the day being added up, before {@link #add} is called with the interval that may
     * finish it: the day whose energy {@code add} returns.
     */
    static long currentDayStart(Rule rule, int first, RuleContext context) {
        return (context.memory(rule, first) - 1) * DAY;
    }

    /** The interval's energy between {@code from} and {@code until}, in proportion to time. */
    private static long share(Interval interval, long from, long until) {
        long length = interval.lengthMs();
        if (length <= 0) {
            return interval.wh();
        }
        long overlap =
                Math.max(0, Math.min(until, interval.endMs()) - Math.max(from, interval.startMs()));
        return overlap >= length
                ? interval.wh()
                : Math.round((double) interval.wh() * overlap / length);
    }
}
