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
 * <p>The latest record by {@code updated_at} wins; an older one arriving late is ignored. Versions
 * are kept while events they place may still be corrected. A notice or payment of a customer the
 * master data does not know yet waits for it (the customers topic is read by its own source, which
 * may be behind); if the customer never appears, it goes to {@link #LATE} when it leaves the
 * correction horizon. A closed account is forgotten when its last change leaves the horizon.
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
        CustomerProfile latest = known.isEmpty() ? null : known.get(known.size() - 1);
        if (latest != null && profile.updatedAtMs < latest.updatedAtMs) {
            return;
        }
        long day = calendar.day(profile.updatedAtMs);
        long[] before = CustomerCounts.of(latest);
        long[] after = CustomerCounts.of(profile);
        boolean sameUnit = latest != null && latest.gridId.equals(profile.gridId);
        if (!(sameUnit && Arrays.equals(before, after))) {
            if (!CustomerCounts.isZero(before)) {
                emitCounts(latest, day, CustomerCounts.negate(before), out);
            }
            if (!CustomerCounts.isZero(after)) {
                emitCounts(profile, day, after, out);
            }
        }
        if (latest != null && latest.updatedAtMs == profile.updatedAtMs) {
            known.remove(known.size() - 1);
        }
        known.add(profile);
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

    private void emitCounts(CustomerProfile p, long day, long[] counts, Collector<KpiFact> out) {
        KpiFact f = new KpiFact();
        f.type = FactType.CUSTOMERS;
        f.id = p.customerId;
        f.customerId = p.customerId;
        f.timeMs = calendar.startOfDay(day);
        f.counts = counts;
        p.place(f).route(out);
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
