package io.gridpulse.consumption.rules;

import java.time.Duration;

/**
 * Adds up a meter's intervals into UTC days for the rules that judge whole days. Uses two memory
 * slots of its rule from {@code first}: the current day (+1) and its energy so far; {@link #add}
 * returns the energy of the day that just ended, or -1.
 *
 * <p>A read is booked wholly to the day it ends. On a meter read once a day (at 16:00, say) a day
 * is then the 24 hours up to its read, and a load of two UTC days is one such day in full: shared
 * out by time between the UTC days, it landed as about 78 % of a day's load on each of two days,
 * under the band. An interval longer than the meter's read interval (a gap: a collection failure,
 * an outage) is cut, from its start, into the reads that were missed — one per read interval, at
 * most a day — its energy shared among them in proportion to time, and each is booked as a read, to
 * the day it ends. The energy of a three-day gap thus lands as three ordinary days, not as one day
 * four times the usual; on a 15-minute meter that is the share of each UTC day, on a daily meter
 * each missed day is the 24 hours up to its missed read (so the day before the gap, which has its
 * own read, gets nothing more). Days wholly inside a gap are not returned (nothing was measured in
 * them).
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
        long piece = Math.max(1, Math.min(context.readIntervalMs(), DAY));
        long finished = -1;
        if (current != 0) {
            // the missed reads up to the finished day's end belong to it
            finished =
                    context.memory(rule, first + 1)
                            + share(
                                    interval,
                                    interval.startMs(),
                                    lastRead(interval, piece, current * DAY));
        }
        context.remember(rule, first, day);
        // the missed reads after the new day's start, and the closing read, belong to the new day
        context.remember(
                rule,
                first + 1,
                share(interval, lastRead(interval, piece, (day - 1) * DAY), interval.endMs()));
        return finished;
    }

    /**
     * The time of the last read, missed or not, of the interval cut into pieces of {@code piece}
     * from its start that falls at or before {@code until} (the interval's start when none does).
     */
    private static long lastRead(Interval interval, long piece, long until) {
        if (until >= interval.endMs()) {
            return interval.endMs();
        }
        if (until <= interval.startMs()) {
            return interval.startMs();
        }
        return interval.startMs() + (until - interval.startMs()) / piece * piece;
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
