package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Duration;
import java.time.Instant;

/**
 * SPIKE: interval power far above the meter's own baseline for that hour of the day and far above
 * its level. The baseline is kept per hour of the day as a clipped moving average (a deviation
 * counts at most as much as the baseline itself, so one spike cannot drag it up: a robust estimate
 * in one long per hour); the level is the same clipped average over all intervals with a time
 * constant of a day. An interval is a spike when its power is more than {@code factor} times the
 * hour's baseline, more than {@code levelFactor} times the level, and above the hour's baseline by
 * more than the segment's floor; consecutive spike intervals are one case. The level alone flags a
 * household whose use genuinely doubled yesterday. A baseline per four-hour block flagged the
 * evening peak of a block that also held the afternoon: a genuine rise in use (a cold snap, a new
 * appliance: × 1.6 to 2.6) on its first evening reached 4.5 to 5.6 times the block's baseline, as
 * much as a spike; against the peak hour's own baseline it stays under 4.5. A case opens once the
 * high intervals have lasted {@code minDuration} (30 minutes: two quarter hours, one half-hourly or
 * hourly interval): a single quarter hour on an industrial meter four hours into a genuine rise (a
 * cold snap, × 2.5) reached 5 times its hour's baseline. Intervals without any use (nobody home, an
 * outage) teach neither. No verdict before a day of history, except for power above the segment's
 * maximum demand ({@code maxDemandKw}: more than a connection of the segment draws), a spike from a
 * new meter's first interval on; intervals longer than four hours (gaps, daily reads) are not
 * looked at.
 */
public final class Spike implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int BLOCKS = 24;
    private static final long BLOCK = Duration.ofHours(1).toMillis();
    private static final int SEEN = BLOCKS;
    private static final int LAST_SPIKE = BLOCKS + 1;
    private static final int LEVEL = BLOCKS + 2;
    private static final long LONGEST = Duration.ofHours(4).toMillis();
    private static final long WARM_UP = Duration.ofDays(1).toMillis();
    private static final int SCALE = 1000;

    private final double factor;
    private final double levelFactor;
    private final SegmentThresholds floorKw;
    private final SegmentThresholds maxDemandKw;
    private final long minDurationMs;

    public Spike(
            double factor,
            double levelFactor,
            SegmentThresholds floorKw,
            SegmentThresholds maxDemandKw,
            Duration minDuration) {
        this.factor = factor;
        this.levelFactor = levelFactor;
        this.floorKw = floorKw;
        this.maxDemandKw = maxDemandKw;
        this.minDurationMs = minDuration.toMillis();
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.SPIKE;
    }

    @Override
    public int memorySlots() {
        return BLOCKS + 3;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        long length = interval.lengthMs();
        if (length <= 0 || length > LONGEST) {
            return;
        }
        // power in mW, so the baseline keeps three decimals of a W
        long power = interval.wh() * 3_600_000L * SCALE / length;
        // the hour of the day the interval's middle falls in
        int block = (int) (Math.floorDiv(interval.endMs() - length / 2, BLOCK) % BLOCKS);
        long baseline = context.memory(this, block);
        long seen = context.memory(this, SEEN);
        long level = context.memory(this, LEVEL);
        long floorMw = (long) (floorKw.of(context.segment()) * 1_000_000);
        double maxDemand = maxDemandKw.of(context.segment());
        boolean aboveMaxDemand = power > maxDemand * 1_000_000;
        boolean spike =
                aboveMaxDemand
                        || (seen >= WARM_UP
                                && baseline > 0
                                && power > factor * baseline
                                && power > levelFactor * level
                                && power - baseline > floorMw);
        if (spike) {
            if (!context.isOpen(name())) {
                // a run of high intervals opens a case once it lasts: the slot holds the end of
                // its first interval until then (one appliance burst on the first morning of a
                // genuine rise is no spike)
                long first = context.memory(this, LAST_SPIKE);
                first = first == 0 ? interval.endMs() : first;
                if (interval.endMs() - first + length < minDurationMs) {
                    context.remember(this, LAST_SPIKE, first);
                    return;
                }
                context.open(
                        name(),
                        first,
                        "WARNING",
                        interval.wh(),
                        baseline * length / 3_600_000L / SCALE,
                        aboveMaxDemand
                                ? String.format(
                                        "%.2f kW in the interval ending %s, more than the %.1f kW"
                                                + " a %s connection draws",
                                        power / 1e6,
                                        Instant.ofEpochMilli(interval.endMs()),
                                        maxDemand,
                                        context.segment())
                                : String.format(
                                        "%.2f kW in the interval ending %s, %.1f times this"
                                                + " meter's usual %.2f kW at that hour of the day",
                                        power / 1e6,
                                        Instant.ofEpochMilli(interval.endMs()),
                                        power / (double) baseline,
                                        baseline / 1e6));
            }
            context.remember(this, LAST_SPIKE, interval.endMs());
            return;
        }
        context.close(name(), context.memory(this, LAST_SPIKE));
        context.remember(this, LAST_SPIKE, 0);
        if (power == 0) {
            // nobody home (a vacation, an outage): an absence, not the meter's level
            return;
        }
        long updated =
                baseline == 0
                        ? power
                        : baseline
                                + (Math.max(-baseline, Math.min(baseline, power - baseline))) / 10;
        context.remember(this, block, Math.max(1, updated));
        context.remember(this, LEVEL, Math.max(1, level(level, power, length, seen)));
        context.remember(this, SEEN, seen + length);
    }

    /** The plain mean during the first day, then a clipped average with a day's time constant. */
    private static long level(long level, long power, long length, long seen) {
        if (seen < WARM_UP) {
            return level + (power - level) * length / (seen + length);
        }
        return level + Math.max(-level, Math.min(level, power - level)) * length / WARM_UP;
    }
}
