package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * METER_SWAP, the profile check after a swap (串户, crossed meters): a new meter installed on the
 * neighbour's supply bills the customer for the neighbour's use. The rule keeps the meter's profile
 * as average power in six four-hour blocks of the (UTC) day; after a swap it measures the new
 * meter's profile the same way over {@code span} of measured time and compares the two. A case when
 * the new meter's average use is {@code levelFactor} times the old one's or less than its inverse,
 * or when at least {@code shapeShift} of the day's use would have to move between times of day to
 * turn the old profile into the new one (half the sum of the blocks' share differences). The new
 * meter's profile then becomes the baseline.
 *
 * <p>Robust as far as a baseline needs: an interval counts for at most three times its block's
 * average power so far; intervals without use (nobody home, an outage), estimated ones and ones
 * longer than four hours (gaps, daily reads) are not measured. The old profile needs {@code span}
 * of history, with every block seen for at least half of it; a meter read daily has no profile and
 * is not checked. Each block is a long: Wh in the high 32 bits, seconds in the low; a block's
 * history is halved past four times the span, so the baseline follows the seasons.
 */
public final class SwapProfile implements Rule {

    /** How every case of this check's evidence begins: the eval scores it on a row of its own. */
    public static final String EVIDENCE = "profile shift after the meter swap";

    private static final long serialVersionUID = 1L;
    private static final int BLOCKS = 6;
    private static final long BLOCK = Duration.ofHours(24 / BLOCKS).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int BEFORE = 0;
    private static final int AFTER = BLOCKS;
    private static final int SWAP = 2 * BLOCKS;
    private static final long LONGEST = Duration.ofHours(4).toMillis();
    private static final long MAX_WH = Integer.MAX_VALUE;

    private final long spanMs;
    private final double levelFactor;
    private final double shapeShift;

    public SwapProfile(Duration span, double levelFactor, double shapeShift) {
        this.spanMs = span.toMillis();
        this.levelFactor = levelFactor;
        this.shapeShift = shapeShift;
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.METER_SWAP;
    }

    @Override
    public int memorySlots() {
        return 2 * BLOCKS + 1;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        if (interval.meterStart()) {
            if (covers(BEFORE, context)) {
                context.remember(this, SWAP, interval.startMs());
            } else {
                clear(BEFORE, context); // too little history to compare: the new meter starts one
                context.remember(this, SWAP, 0);
            }
            clear(AFTER, context);
        }
        long length = interval.lengthMs();
        if (length <= 0 || length > LONGEST || interval.wh() <= 0 || interval.estimated()) {
            return;
        }
        int block = (int) (Math.floorMod(interval.endMs() - length / 2, DAY) / BLOCK);
        long swapMs = context.memory(this, SWAP);
        if (swapMs == 0) {
            add(BEFORE + block, interval, context);
            return;
        }
        add(AFTER + block, interval, context);
        if (covers(AFTER, context)) {
            judge(swapMs, interval.endMs(), context);
            for (int b = 0; b < BLOCKS; b++) {
                context.remember(this, BEFORE + b, context.memory(this, AFTER + b));
            }
            clear(AFTER, context);
            context.remember(this, SWAP, 0);
        }
    }

    private void judge(long swapMs, long atMs, RuleContext context) {
        double[] before = powers(BEFORE, context);
        double[] after = powers(AFTER, context);
        double levelBefore = sum(before) / BLOCKS;
        double levelAfter = sum(after) / BLOCKS;
        if (levelBefore <= 0 || levelAfter <= 0) {
            return;
        }
        double ratio = levelAfter / levelBefore;
        double shift = 0;
        for (int b = 0; b < BLOCKS; b++) {
            shift += Math.abs(after[b] / sum(after) - before[b] / sum(before));
        }
        shift /= 2;
        boolean level = ratio >= levelFactor || ratio <= 1 / levelFactor;
        if (!level && shift < shapeShift) {
            return;
        }
        long dailyBefore = Math.round(levelBefore * DAY / 1000);
        long dailyAfter = Math.round(levelAfter * DAY / 1000);
        context.single(
                name(),
                atMs,
                atMs,
                "WARNING",
                dailyAfter,
                dailyBefore,
                String.format(
                        Locale.ROOT,
                        "%s of %s: over its first %.0f days the new meter measured %s kWh a day"
                                + " against the old meter's usual %s (%.2f times), and %.0f %% of"
                                + " the day's use came at other times of day (share per four"
                                + " hours from 00:00 UTC: now %s, before %s); the new meter may"
                                + " be on another customer's supply (crossed meters):"
                                + " check the wiring at the premises",
                        EVIDENCE,
                        Instant.ofEpochMilli(swapMs),
                        spanMs / (double) DAY,
                        Rules.kwh(dailyAfter),
                        Rules.kwh(dailyBefore),
                        ratio,
                        shift * 100,
                        shares(after),
                        shares(before)));
    }

    /** Each block's average power (Wh a second). */
    private double[] powers(int first, RuleContext context) {
        double[] p = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long packed = context.memory(this, first + b);
            p[b] = wh(packed) * 1000.0 / Math.max(1, ms(packed));
        }
        return p;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static String shares(double[] p) {
        StringBuilder s = new StringBuilder();
        for (double v : p) {
            s.append(s.length() == 0 ? "" : "/").append(Math.round(100 * v / sum(p)));
        }
        return s.append(" %").toString();
    }

    /** True when every block was measured for at least half the span, and all for the span. */
    private boolean covers(int first, RuleContext context) {
        long total = 0;
        for (int b = 0; b < BLOCKS; b++) {
            long ms = ms(context.memory(this, first + b));
            if (ms < spanMs / BLOCKS / 2) {
                return false;
            }
            total += ms;
        }
        return total >= spanMs;
    }

    private void add(int slot, Interval interval, RuleContext context) {
        long packed = context.memory(this, slot);
        long wh = wh(packed);
        long ms = ms(packed);
        long add = interval.wh();
        if (ms >= DAY / BLOCKS) {
            // a spike or a burst teaches at most three times the block's usual
            add = Math.min(add, 3 * wh * interval.lengthMs() / ms);
        }
        wh += add;
        ms += interval.lengthMs();
        if (ms > 4 * spanMs / BLOCKS || wh > MAX_WH) {
            wh /= 2;
            ms /= 2;
        }
        context.remember(this, slot, pack(wh, ms));
    }

    private void clear(int first, RuleContext context) {
        for (int b = 0; b < BLOCKS; b++) {
            context.remember(this, first + b, 0);
        }
    }

    /** Wh in the high half, seconds in the low half. */
    private static long pack(long wh, long ms) {
        return (wh << 32) | (ms / 1000);
    }

    private static long wh(long packed) {
        return packed >>> 32;
    }

    private static long ms(long packed) {
        return (packed & 0xFFFF_FFFFL) * 1000;
    }
}
