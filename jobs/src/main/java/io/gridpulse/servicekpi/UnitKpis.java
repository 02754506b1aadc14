package io.gridpulse.servicekpi;

import io.gridpulse.common.LateRecord;
import io.gridpulse.schema.PaymentChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The KPIs of one unit (a grid, a station or a county; the key is {@code LEVEL:id}) per local day
 * and per local month. It holds what the KPIs are computed from, for the correction horizon: the
 * current state of each complaint, the customer counts by the day they changed, the dunning
 * notices, payments per channel and reads collected per day. Any change marks the day (and so its
 * month) dirty; once per emit interval of event time every dirty day and month is computed afresh
 * and written as a new version of its rows ({@link #MONTHLY} for months), so a correction replaces
 * the figures it changes and a replay never adds to them.
 *
 * <p>Open complaints become overdue when their deadline passes (an event-time timer), and a day
 * written while it still ran (its expected reads the elapsed share of the day) is written again
 * when it ends (an event-time timer at its end), whether or not a fact for it arrives then;
 * everything dated in a month is dropped when the month leaves the correction horizon, and a fact
 * that old goes to {@link #LATE}.
 *
 * <p>At the end of time (a drain, or the end of a bounded input) facts may still come: a sister
 * operator that was idle (its inputs paused) is left out of this operator's watermark and reaches
 * the end of time after the others, firing its own timers then. Such a fact is applied and its
 * figures written at once, as no timer fires any more; the state is not cleaned up at the end of
 * time, so those figures are computed from everything; and every day the unit holds is written once
 * more at the end, judged as of then (ServiceKpiPauseITCase).
 */
public class UnitKpis extends KeyedProcessFunction<String, KpiFact, KpiRow> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<KpiRow> MONTHLY = new OutputTag<>("monthly-kpis") {};
    public static final OutputTag<LateRecord> LATE = new OutputTag<>("late-kpi-facts") {};

    private final CompanyCalendar calendar;
    private final PeriodKpis kpis;
    private final long emitIntervalMs;

    private transient MapState<String, KpiFact> complaints;
    private transient MapState<String, KpiFact> notices;
    private transient MapState<Long, long[]> customerChanges;
    private transient ValueState<long[]> customersBefore;
    private transient MapState<Long, long[]> payments;
    private transient MapState<Long, Long> reads;
    private transient MapState<Long, Boolean> dirtyDays;

    /** Days written while they still ran, each with a timer at its end. */
    private transient MapState<Long, Boolean> runningDays;

    private transient ValueState<Long> emitAt;
    private transient ValueState<Long> cleanupAt;
    private transient ValueState<Long> version;
    private transient ValueState<Boolean> judgedAtTheEnd;
    private transient Counter lateRecords;

    public UnitKpis(CompanyCalendar calendar, PeriodKpis kpis, Duration emitInterval) {
        this.calendar = calendar;
        this.kpis = kpis;
        this.emitIntervalMs = emitInterval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        var rt = getRuntimeContext();
        complaints =
                rt.getMapState(
                        new MapStateDescriptor<>(
                                "complaints", Types.STRING, Types.POJO(KpiFact.class)));
        notices =
                rt.getMapState(
                        new MapStateDescriptor<>(
                                "notices", Types.STRING, Types.POJO(KpiFact.class)));
        customerChanges =
                rt.getMapState(
                        new MapStateDescriptor<>(
                                "customer-changes",
                                Types.LONG,
                                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        customersBefore =
                rt.getState(
                        new ValueStateDescriptor<>(
                                "customers-before",
                                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        payments =
                rt.getMapState(
                        new MapStateDescriptor<>(
                                "payments",
                                Types.LONG,
                                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        reads = rt.getMapState(new MapStateDescriptor<>("reads", Types.LONG, Types.LONG));
        dirtyDays =
                rt.getMapState(new MapStateDescriptor<>("dirty-days", Types.LONG, Types.BOOLEAN));
        runningDays =
                rt.getMapState(new MapStateDescriptor<>("running-days", Types.LONG, Types.BOOLEAN));
        emitAt = rt.getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
        cleanupAt = rt.getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        version = rt.getState(new ValueStateDescriptor<>("version", Types.LONG));
        judgedAtTheEnd =
                rt.getState(new ValueStateDescriptor<>("judged-at-the-end", Types.BOOLEAN));
        lateRecords = rt.getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement(KpiFact fact, Context ctx, Collector<KpiRow> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        boolean endOfTime = watermark == Long.MAX_VALUE;
        if (!endOfTime && calendar.expired(fact.timeMs, watermark)) {
            lateRecords.inc();
            ctx.output(
                    LATE,
                    new LateRecord(
                            ServiceKpiJob.NAME,
                            fact.type.name(),
                            fact.unitKey() + "/" + fact.id,
                            Instant.ofEpochMilli(fact.timeMs),
                            fact.timeMs,
                            watermark,
                            "{\"id\":\"" + fact.id + "\"}"));
            return;
        }
        long day = calendar.day(fact.timeMs);
        switch (fact.type) {
            case TICKET -> {
                KpiFact previous = complaints.get(fact.id);
                if (previous != null) {
                    markDirty(calendar.day(previous.timeMs));
                }
                if (fact.isComplaint()) {
                    complaints.put(fact.id, fact);
                    markDirty(day);
                    long deadline = kpis.deadlineOf(fact);
                    if (fact.resolvedMs == null && deadline > watermark) {
                        ctx.timerService().registerEventTimeTimer(deadline);
                    }
                } else if (previous != null) {
                    complaints.remove(fact.id);
                } else {
                    return; // not a complaint, and never was one here
                }
            }
            case TICKET_REMOVED -> {
                KpiFact previous = complaints.get(fact.id);
                if (previous == null) {
                    return;
                }
                complaints.remove(fact.id);
                markDirty(calendar.day(previous.timeMs));
            }
            case CUSTOMERS -> {
                long[] changes = customerChanges.get(day);
                if (changes == null) {
                    changes = new long[CustomerCounts.SIZE];
                }
                CustomerCounts.add(changes, fact.counts);
                customerChanges.put(day, changes);
                // the counts at the end of every day from then on changed; days not yet reached
                // get their rows when they are
                // (at the end of time: through the newest day the unit has data for)
                long now = endOfTime ? judgedAsOf(watermark) : watermark;
                long today = now < 0 ? day : Math.max(day, dayOfWatermark(now));
                for (long d = day; d <= today; d++) {
                    markDirty(d);
                }
            }
            case NOTICE -> {
                if (!"DUNNING".equals(fact.kind) || notices.contains(fact.id)) {
                    return;
                }
                notices.put(fact.id, fact);
                markDirty(day);
            }
            case PAYMENT -> {
                long[] byChannel = payments.get(day);
                if (byChannel == null) {
                    byChannel = new long[PaymentChannel.values().length];
                }
                byChannel[PaymentChannel.valueOf(fact.channel).ordinal()]++;
                payments.put(day, byChannel);
                markDirty(day);
            }
            case READS -> {
                Long received = reads.get(day);
                reads.put(day, (received == null ? 0 : received) + fact.received);
                markDirty(day);
            }
        }
        if (endOfTime) {
            // no timer fires after the end of time: written now
            emit(ctx, out, watermark);
            return;
        }
        scheduleEmit(ctx, watermark);
        scheduleCleanup(ctx, calendar.expiresAt(fact.timeMs));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiRow> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        for (KpiFact c : complaints.values()) {
            if (c.resolvedMs == null && kpis.deadlineOf(c) == timestamp) {
                markDirty(calendar.day(c.timeMs));
                scheduleEmit(ctx, watermark);
            }
        }
        long ended = calendar.day(timestamp) - 1;
        boolean dayOver =
                calendar.startOfDay(ended + 1) == timestamp && runningDays.contains(ended);
        if (dayOver) {
            // its expected reads were judged while it ran: judge them again now it is over (now,
            // not at the next emit interval: event time may stand still after the day)
            runningDays.remove(ended);
            markDirty(ended);
        }
        Long cleanup = cleanupAt.value();
        // at the end of time the state stays for facts still on their way (see the class doc)
        if (cleanup != null && cleanup == timestamp && watermark != Long.MAX_VALUE) {
            cleanup(ctx, watermark);
        }
        Long emit = emitAt.value();
        if (emit != null && emit == timestamp) {
            emitAt.clear();
            emit(ctx, out, watermark);
        } else if (dayOver) {
            emit(ctx, out, watermark);
        }
        if (watermark == Long.MAX_VALUE && judgedAtTheEnd.value() == null) {
            emit(ctx, out, watermark);
        }
    }

    private void emit(Context ctx, Collector<KpiRow> out, long watermark) throws Exception {
        if (watermark == Long.MAX_VALUE && judgedAtTheEnd.value() == null) {
            // a day written while event time was inside it or before it was judged as of then;
            // one that no fact touched since is judged again once, at the end
            for (long t : datedTimes()) {
                markDirty(calendar.day(t));
            }
            judgedAtTheEnd.update(true);
        }
        TreeSet<Long> days = new TreeSet<>();
        for (Long day : dirtyDays.keys()) {
            // the end of a bounded input (watermark at the end of time) still writes the figures
            if (watermark == Long.MAX_VALUE
                    || !calendar.expired(calendar.startOfDay(day), watermark)) {
                days.add(day);
            }
        }
        dirtyDays.clear();
        if (days.isEmpty()) {
            return;
        }
        long v = nextVersion();
        long asOf = judgedAsOf(watermark);
        Snapshot data = new Snapshot();
        String[] unit = ctx.getCurrentKey().split(":", 2);
        Level level = Level.valueOf(unit[0]);
        TreeSet<Long> months = new TreeSet<>();
        for (long day : days) {
            kpis.rows(level, unit[1], day, day, data, asOf, v).forEach(out::collect);
            months.add(CompanyCalendar.monthOf(day));
            long end = calendar.startOfDay(day + 1);
            // a day that expects reads, written before its end (the end of a bounded input judges
            // every day as of the end of its data, once)
            if (watermark != Long.MAX_VALUE
                    && asOf < end - 1
                    && data.countsAtEndOf(day)[CustomerCounts.EXPECTED_READS_PER_DAY] > 0
                    && !runningDays.contains(day)) {
                runningDays.put(day, true);
                ctx.timerService().registerEventTimeTimer(end);
            }
        }
        for (long month : months) {
            for (KpiRow row :
                    kpis.rows(
                            level,
                            unit[1],
                            month,
                            CompanyCalendar.lastDayOfMonth(month),
                            data,
                            asOf,
                            v)) {
                ctx.output(MONTHLY, row);
            }
        }
    }

    /**
     * The event time open complaints and expected reads are judged at: the watermark; at the end of
     * a bounded input (watermark at the end of time), the end of the newest day the unit has data
     * for, so a replay of a few days is not judged against the whole month.
     */
    private long judgedAsOf(long watermark) throws Exception {
        if (watermark != Long.MAX_VALUE) {
            return watermark;
        }
        long newest = Long.MIN_VALUE;
        for (long t : datedTimes()) {
            newest = Math.max(newest, t);
        }
        return newest == Long.MIN_VALUE
                ? watermark
                : calendar.startOfDay(calendar.day(newest) + 1) - 1;
    }

    /** Drops what left the horizon; folds old customer changes into the counts before them. */
    private void cleanup(OnTimerContext ctx, long watermark) throws Exception {
        cleanupAt.clear();
        removeExpired(complaints, f -> f.timeMs, watermark);
        removeExpired(notices, f -> f.timeMs, watermark);
        removeExpiredDays(payments, watermark);
        removeExpiredDays(reads, watermark);
        removeExpiredDays(dirtyDays, watermark);
        removeExpiredDays(runningDays, watermark);
        long[] before = customersBefore.value();
        if (before == null) {
            before = new long[CustomerCounts.SIZE];
        }
        List<Long> folded = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : customerChanges.entries()) {
            if (calendar.expired(calendar.startOfDay(e.getKey()), watermark)) {
                CustomerCounts.add(before, e.getValue());
                folded.add(e.getKey());
            }
        }
        folded.forEach(this::removeCustomerChange);
        if (CustomerCounts.isZero(before)) {
            customersBefore.clear();
        } else {
            customersBefore.update(before);
        }
        Long next = null;
        for (long t : datedTimes()) {
            long expires = calendar.expiresAt(t);
            next = next == null ? expires : Math.min(next, expires);
        }
        if (next != null) {
            scheduleCleanup(ctx, next);
        } else {
            // nothing left to write about: a pending emission would find nothing to write
            Long emit = emitAt.value();
            if (emit != null) {
                ctx.timerService().deleteEventTimeTimer(emit);
            }
            emitAt.clear();
            dirtyDays.clear();
            version.clear();
        }
    }

    private List<Long> datedTimes() throws Exception {
        List<Long> times = new ArrayList<>();
        for (KpiFact f : complaints.values()) {
            times.add(f.timeMs);
        }
        for (KpiFact f : notices.values()) {
            times.add(f.timeMs);
        }
        for (Long day : payments.keys()) {
            times.add(calendar.startOfDay(day));
        }
        for (Long day : reads.keys()) {
            times.add(calendar.startOfDay(day));
        }
        for (Long day : customerChanges.keys()) {
            times.add(calendar.startOfDay(day));
        }
        return times;
    }

    private void removeCustomerChange(Long day) {
        try {
            customerChanges.remove(day);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface TimeOf {
        long of(KpiFact f);
    }

    private void removeExpired(MapState<String, KpiFact> facts, TimeOf time, long watermark)
            throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, KpiFact> e : facts.entries()) {
            if (calendar.expired(time.of(e.getValue()), watermark)) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            facts.remove(id);
        }
    }

    private <V> void removeExpiredDays(MapState<Long, V> byDay, long watermark) throws Exception {
        List<Long> expired = new ArrayList<>();
        for (Long day : byDay.keys()) {
            if (calendar.expired(calendar.startOfDay(day), watermark)) {
                expired.add(day);
            }
        }
        for (Long day : expired) {
            byDay.remove(day);
        }
    }

    private void markDirty(long day) throws Exception {
        dirtyDays.put(day, true);
    }

    /** At the next emit boundary after the watermark, so changes are written in batches. */
    private void scheduleEmit(Context ctx, long watermark) throws Exception {
        if (emitAt.value() != null) {
            return;
        }
        long at =
                watermark == Long.MAX_VALUE
                        ? Long.MAX_VALUE
                        : Math.floorDiv(Math.max(watermark, 0), emitIntervalMs) * emitIntervalMs
                                + emitIntervalMs;
        emitAt.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private void scheduleCleanup(Context ctx, long at) throws Exception {
        Long current = cleanupAt.value();
        if (current != null && current <= at) {
            return;
        }
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        cleanupAt.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private long dayOfWatermark(long watermark) {
        return calendar.day(Math.min(watermark, 253402300799000L));
    }

    /**
     * Versions grow with every emission and start above the wall clock (microseconds) after a
     * restore, so rows written again after a restore replace those written before it.
     */
    private long nextVersion() throws Exception {
        Long last = version.value();
        long next = Math.max(System.currentTimeMillis() * 1000, last == null ? 0 : last + 1);
        version.update(next);
        return next;
    }

    /** The unit's state, read once per emission. */
    private final class Snapshot implements PeriodKpis.UnitData {

        private final List<KpiFact> complaintList = new ArrayList<>();
        private final List<KpiFact> noticeList = new ArrayList<>();
        private final TreeMap<Long, long[]> changes = new TreeMap<>();
        private final Map<Long, long[]> countsAtEnd = new HashMap<>();
        private final long[] before;

        Snapshot() throws Exception {
            complaints.values().forEach(complaintList::add);
            notices.values().forEach(noticeList::add);
            for (Map.Entry<Long, long[]> e : customerChanges.entries()) {
                changes.put(e.getKey(), e.getValue());
            }
            long[] b = customersBefore.value();
            before = b == null ? new long[CustomerCounts.SIZE] : b;
        }

        @Override
        public List<KpiFact> complaints() {
            return complaintList;
        }

        @Override
        public long[] countsAtEndOf(long day) {
            return countsAtEnd.computeIfAbsent(
                    day,
                    d -> {
                        long[] counts = before.clone();
                        changes.headMap(d, true)
                                .values()
                                .forEach(c -> CustomerCounts.add(counts, c));
                        return counts;
                    });
        }

        @Override
        public List<KpiFact> notices() {
            return noticeList;
        }

        @Override
        public long[] paymentsOn(long day) {
            try {
                return payments.get(day);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long readsOn(long day) {
            try {
                Long r = reads.get(day);
                return r == null ? 0 : r;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
