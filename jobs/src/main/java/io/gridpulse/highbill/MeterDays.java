package io.gridpulse.highbill;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a meter's cumulative register reads into the energy of each local day, per customer.
 *
 * <p>Keyed by meter id; the second input is the customer master data, which names the meter's
 * owner. Only reads that move forward are used: a read at or before the last accepted one (a
 * duplicate, a late re-send, disorder) and a read below it (a misread with a dropped digit) are
 * skipped, which loses no energy because the next good read's delta covers the gap. A
 * METER_REPLACED read starts a new baseline. The delta between two reads is spread over the time
 * between them, so a daily or missing read still splits exactly into days and quarters of the day.
 * A day is emitted once a read at or after its end arrives; days of a meter whose owner is not
 * known yet wait (up to two months) and go out when the owner's record arrives.
 */
public class MeterDays
        extends KeyedCoProcessFunction<String, MeterReading, CustomerProfile, DailyUse> {

    private static final long HOUR = 3_600_000L;
    private static final int MAX_UNOWNED_DAYS = 62;

    private final ZoneId zone;
    private final long ttlMs;

    private transient ValueState<MeterCursor> cursor;
    private transient ValueState<String> owner;
    private transient ListState<DailyUse> unowned;
    private transient Counter daysWithoutCustomer;

    public MeterDays(ZoneId zone, Duration ttl) {
        this.zone = zone;
        this.ttlMs = ttl.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        cursor =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("cursor", MeterCursor.class));
        owner = getRuntimeContext().getState(new ValueStateDescriptor<>("owner", String.class));
        unowned =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("unowned-days", DailyUse.class));
        daysWithoutCustomer = getRuntimeContext().getMetricGroup().counter("daysWithoutCustomer");
    }

    @Override
    public void processElement1(MeterReading read, Context ctx, Collector<DailyUse> out)
            throws Exception {
        MeterCursor c = touch(ctx, read.readTimeMs);
        if (!c.hasBaseline || read.meterReplaced) {
            c.baseline(read);
            cursor.update(c);
            return;
        }
        long delta = read.totalWh - c.lastTotalWh;
        if (read.readTimeMs <= c.lastTimeMs || delta < 0) {
            cursor.update(c);
            return;
        }
        Energy split = split(c, read, delta);
        spread(c, c.lastTimeMs, read.readTimeMs, split, out);
        if (c.open != null && read.readTimeMs >= dayStart(c.open.epochDay + 1)) {
            emit(c, out);
        }
        c.baseline(read);
        cursor.update(c);
    }

    @Override
    public void processElement2(CustomerProfile customer, Context ctx, Collector<DailyUse> out)
            throws Exception {
        MeterCursor c = touch(ctx, ctx.timestamp() == null ? Long.MIN_VALUE : ctx.timestamp());
        cursor.update(c);
        if (customer.active) {
            owner.update(customer.customerId);
            // days completed before the owner was known (the inputs race at start-up)
            for (DailyUse day : unowned.get()) {
                day.customerId = customer.customerId;
                out.collect(day);
            }
            unowned.clear();
            c.unownedDays = 0;
            cursor.update(c);
        } else if (customer.customerId.equals(owner.value())) {
            owner.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DailyUse> out)
            throws Exception {
        MeterCursor c = cursor.value();
        if (c == null) {
            return;
        }
        if (timestamp >= c.lastActivityMs + ttlMs) {
            cursor.clear();
            owner.clear();
            unowned.clear();
        } else {
            c.cleanupTimerMs = c.lastActivityMs + ttlMs;
            ctx.timerService().registerEventTimeTimer(c.cleanupTimerMs);
            cursor.update(c);
        }
    }

    /** The cursor, noting activity and keeping exactly one clean-up timer. */
    private MeterCursor touch(Context ctx, long time) throws Exception {
        MeterCursor c = cursor.value();
        if (c == null) {
            c = new MeterCursor();
        }
        long now = Math.max(time, ctx.timerService().currentWatermark());
        c.lastActivityMs = Math.max(c.lastActivityMs, now);
        if (c.cleanupTimerMs == 0 && c.lastActivityMs > Long.MIN_VALUE) {
            c.cleanupTimerMs = c.lastActivityMs + ttlMs;
            ctx.timerService().registerEventTimeTimer(c.cleanupTimerMs);
        }
        return c;
    }

    /** The delta by time-of-use period, from the TOU registers when both reads have them. */
    private static Energy split(MeterCursor c, MeterReading read, long delta) {
        if (!read.timeOfUse || !c.lastTimeOfUse) {
            return new Energy(0, delta, 0);
        }
        long peak = read.peakWh - c.lastPeakWh;
        long flat = read.flatWh - c.lastFlatWh;
        long valley = read.valleyWh - c.lastValleyWh;
        long sum = peak + flat + valley;
        if (peak < 0 || flat < 0 || valley < 0 || sum == 0) {
            return new Energy(0, delta, 0);
        }
        if (sum == delta) {
            return new Energy(peak, flat, valley);
        }
        // registers that do not add up to the total: keep the total, split it in their ratio
        long p = Math.multiplyExact(delta, peak) / sum;
        long v = Math.multiplyExact(delta, valley) / sum;
        return new Energy(p, delta - p - v, v);
    }

    /**
     * Spreads the energy between two reads evenly over time, across six-hour blocks of local time;
     * the cumulative share up to each boundary is rounded down, so the pieces add up exactly.
     */
    private void spread(MeterCursor c, long from, long to, Energy energy, Collector<DailyUse> out)
            throws Exception {
        long span = to - from;
        long a = from;
        while (a < to) {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(a), zone);
            int block = local.getHour() / 6;
            LocalDate day = local.toLocalDate();
            LocalDateTime blockEnd =
                    block == DailyUse.BLOCKS - 1
                            ? day.plusDays(1).atStartOfDay()
                            : day.atTime((block + 1) * 6, 0);
            long b = Math.min(to, blockEnd.atZone(zone).toInstant().toEpochMilli());
            if (b <= a) {
                b = Math.min(to, a + HOUR); // guards a zone transition
            }
            if (c.open != null && c.open.epochDay != day.toEpochDay()) {
                emit(c, out);
            }
            if (c.open == null) {
                c.open = new DailyUse(null, day.toEpochDay());
            }
            long peak = share(energy.peakWh(), from, span, a, b);
            long flat = share(energy.flatWh(), from, span, a, b);
            long valley = share(energy.valleyWh(), from, span, a, b);
            c.open.peakWh += peak;
            c.open.flatWh += flat;
            c.open.valleyWh += valley;
            c.open.blockWh[block] += peak + flat + valley;
            a = b;
        }
    }

    private static long share(long wh, long from, long span, long a, long b) {
        return cumulative(wh, b - from, span) - cumulative(wh, a - from, span);
    }

    /** {@code wh × elapsed / span} rounded down, exact even where the product overflows a long. */
    private static long cumulative(long wh, long elapsed, long span) {
        long product = wh * elapsed;
        if (Math.multiplyHigh(wh, elapsed) == 0 && product >= 0) {
            return product / span;
        }
        return BigInteger.valueOf(wh)
                .multiply(BigInteger.valueOf(elapsed))
                .divide(BigInteger.valueOf(span))
                .longValueExact();
    }

    private void emit(MeterCursor c, Collector<DailyUse> out) throws Exception {
        String customer = owner.value();
        if (customer == null) {
            // kept for an owner still to come, up to two months; older ones are given up
            if (c.unownedDays >= MAX_UNOWNED_DAYS) {
                unowned.clear();
                daysWithoutCustomer.inc(c.unownedDays);
                c.unownedDays = 0;
            }
            unowned.add(c.open);
            c.unownedDays++;
        } else {
            c.open.customerId = customer;
            out.collect(c.open);
        }
        c.open = null;
    }

    private long dayStart(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
