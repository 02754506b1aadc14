package io.gridpulse.servicekpi;

import io.gridpulse.common.LateRecord;
import io.gridpulse.streams.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One customer: places its notices and payments in the grid, station and county it belonged to when
 * they happened, and turns each change of its master data into a change of its units' customer
 * counts from that day on ({@link FactType#CUSTOMERS}: minus the old version in the old unit, plus
 * the new one in the new unit). A customer who moves grids therefore counts in the old grid up to
 * the day before and in the new one from that day's end on.
 *
 * <p>Versions are ordered by {@code updated_at}, whatever order they arrive in: one arriving late
 * takes its place in the history and the counts are corrected from its day on. Versions are kept
 * while events they place may still be corrected. A notice or payment of a customer the master data
 * does not know yet waits for it (the customers topic is read by its own source, which may be
 * behind); if the customer never appears, it goes to {@link #LATE} when it leaves the correction
 * horizon. A closed account is forgotten when its last change leaves the horizon.
 *
 * <p>Input 1 is the customer's master data, input 2 its notices and payments.
 */
public class CustomerActivity
        extends KeyedCoProcessFunction<String, CustomerProfile, Activity, KpiFact> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<LateRecord> LATE = new OutputTag<>("late-activity") {};

    private final CompanyCalendar calendar;

    /** Versions of the master data, oldest first. */
    private transient ListState<CustomerProfile> versions;

    private transient ListState<Activity> waiting;
    private transient Counter lateRecords;

    public CustomerActivity(CompanyCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void open(OpenContext openContext) {
        versions =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "versions", Types.POJO(CustomerProfile.class)));
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("waiting", Types.POJO(Activity.class)));
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement1(CustomerProfile profile, Context ctx, Collector<KpiFact> out)
            throws Exception {
        List<CustomerProfile> known = list(versions.get());
        // versions ordered by updated_at; one that arrives out of order still takes its place,
        // so the counts do not depend on the order the changelog is read in
        int at = 0;
        while (at < known.size() && known.get(at).updatedAtMs < profile.updatedAtMs) {
            at++;
        }
        CustomerProfile replaced =
                at < known.size() && known.get(at).updatedAtMs == profile.updatedAtMs
                        ? known.get(at)
                        : null;
        if (!sameCounts(replaced, profile)) {
            CustomerProfile before = at == 0 ? null : known.get(at - 1);
            int nextAt = replaced == null ? at : at + 1;
            CustomerProfile next = nextAt < known.size() ? known.get(nextAt) : null;
            if (replaced != null) {
                emitChange(replaced, before, replaced, -1, out);
            }
            emitChange(profile, before, profile, 1, out);
            if (next != null) {
                // the next version now follows this one, not what preceded it
                emitChange(next, replaced == null ? before : replaced, next, -1, out);
                emitChange(next, profile, next, 1, out);
            }
        }
        if (replaced == null) {
            known.add(at, profile);
        } else {
            known.set(at, profile);
        }
        versions.update(prune(known, ctx.timerService().currentWatermark()));
        for (Activity activity : waiting.get()) {
            emit(activity, at(known, activity.timeMs), out);
        }
        waiting.clear();
        ctx.timerService().registerEventTimeTimer(calendar.expiresAt(profile.updatedAtMs));
    }

    @Override
    public void processElement2(Activity activity, Context ctx, Collector<KpiFact> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (calendar.expired(activity.timeMs, watermark)) {
            lateRecords.inc();
            ctx.output(LATE, late(activity, watermark));
            return;
        }
        List<CustomerProfile> known = list(versions.get());
        if (known.isEmpty()) {
            waiting.add(activity);
            ctx.timerService().registerEventTimeTimer(calendar.expiresAt(activity.timeMs));
            return;
        }
        emit(activity, at(known, activity.timeMs), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out)
            throws Exception {
        List<Activity> stillWaiting = new ArrayList<>();
        for (Activity activity : waiting.get()) {
            if (calendar.expiresAt(activity.timeMs) <= timestamp) {
                lateRecords.inc();
                ctx.output(LATE, late(activity, ctx.timerService().currentWatermark()));
            } else {
                stillWaiting.add(activity);
            }
        }
        waiting.update(stillWaiting);
        List<CustomerProfile> known = list(versions.get());
        if (!known.isEmpty()) {
            CustomerProfile latest = known.get(known.size() - 1);
            if (!latest.active && calendar.expiresAt(latest.updatedAtMs) <= timestamp) {
                versions.clear();
            } else {
                versions.update(prune(known, timestamp));
            }
        }
    }

    /**
     * The change of the unit counts on the day {@code version} took effect, from {@code from} to
     * {@code to} ({@code sign} -1 takes such a change back): minus the old in its unit, plus the
     * new in its unit. Nothing when both count the same in the same grid.
     */
    private void emitChange(
            CustomerProfile version,
            CustomerProfile from,
            CustomerProfile to,
            int sign,
            Collector<KpiFact> out) {
        long day = calendar.day(version.updatedAtMs);
        if (sameCounts(from, to)) {
            return;
        }
        long[] before = CustomerCounts.of(from);
        long[] after = CustomerCounts.of(to);
        if (!CustomerCounts.isZero(before)) {
            emitCounts(from, day, sign > 0 ? CustomerCounts.negate(before) : before, out);
        }
        if (!CustomerCounts.isZero(after)) {
            emitCounts(to, day, sign > 0 ? after : CustomerCounts.negate(after), out);
        }
    }

    private void emitCounts(CustomerProfile p, long day, long[] counts, Collector<KpiFact> out) {
        KpiFact f = new KpiFact();
        f.type = FactType.CUSTOMERS;
        f.id = p.customerId;
        f.customerId = p.customerId;
        f.timeMs = calendar.startOfDay(day);
        f.counts = counts;
        p.place(f).route(out);
    }

    private static boolean sameCounts(CustomerProfile a, CustomerProfile b) {
        return a != null
                && a.gridId.equals(b.gridId)
                && Arrays.equals(CustomerCounts.of(a), CustomerCounts.of(b));
    }

    /** The version valid at {@code time}: the latest not after it, else the earliest known. */
    private static CustomerProfile at(List<CustomerProfile> known, long time) {
        CustomerProfile valid = known.get(0);
        for (CustomerProfile p : known) {
            if (p.updatedAtMs <= time) {
                valid = p;
            }
        }
        return valid;
    }

    private static void emit(Activity activity, CustomerProfile owner, Collector<KpiFact> out) {
        owner.place(activity.toFact()).route(out);
    }

    private static LateRecord late(Activity activity, long watermark) {
        return new LateRecord(
                ServiceKpiJob.NAME,
                activity.type == FactType.NOTICE ? Topics.NOTICES : Topics.PAYMENTS,
                activity.customerId,
                Instant.ofEpochMilli(activity.timeMs),
                activity.timeMs,
                watermark,
                "{\"id\":\"" + activity.id + "\"}");
    }

    /**
     * Drops versions that no event still inside the horizon can fall in: those followed by a
     * version that itself is already out of the horizon.
     */
    private List<CustomerProfile> prune(List<CustomerProfile> known, long watermark) {
        int first = 0;
        while (first + 1 < known.size()
                && calendar.expired(known.get(first + 1).updatedAtMs, watermark)) {
            first++;
        }
        return new ArrayList<>(known.subList(first, known.size()));
    }

    private static <T> List<T> list(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        if (items != null) {
            items.forEach(list::add);
        }
        return list;
    }
}
