package io.gridpulse.servicekpi;

import io.gridpulse.common.LateRecord;
import io.gridpulse.streams.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts the AMI reads one meter delivered per local day, each minute of the day once (duplicates
 * and re-sent reads do not count twice), and reports the count when the day ends to the grid,
 * station and county of the meter's customer ({@code UNASSIGNED} for a meter no customer owns).
 * Reads expected come from the customers' read intervals ({@link CustomerCounts}); reads received
 * over reads expected is the collection success rate (采集成功率).
 *
 * <p>A read arriving after its day ended but within the configured lateness is reported on its own;
 * a later one goes to {@link #LATE}. A day's marks are dropped after the lateness. A meter whose
 * customer is not known yet holds its counts until it is, or until the lateness ran out.
 *
 * <p>Input 1 is the meter's AMI reads, input 2 its customer's master data.
 */
public class MeterCollection
        extends KeyedCoProcessFunction<String, AmiRead, CustomerProfile, KpiFact> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<LateRecord> LATE = new OutputTag<>("late-reads") {};

    private final CompanyCalendar calendar;
    private final long latenessMs;

    private transient ValueState<CustomerProfile> owner;
    private transient MapState<Long, DayReads> days;
    private transient Counter lateRecords;

    public MeterCollection(CompanyCalendar calendar, Duration lateness) {
        this.calendar = calendar;
        this.latenessMs = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        owner =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("owner", CustomerProfile.class));
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "days", Types.LONG, Types.POJO(DayReads.class)));
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement1(AmiRead read, Context ctx, Collector<KpiFact> out)
            throws Exception {
        long day = calendar.day(read.readTimeMs);
        long start = calendar.startOfDay(day);
        long end = calendar.startOfDay(day + 1);
        long watermark = ctx.timerService().currentWatermark();
        if (watermark >= end + latenessMs) {
            lateRecords.inc();
            ctx.output(
                    LATE,
                    new LateRecord(
                            ServiceKpiJob.NAME,
                            Topics.METER_READS,
                            read.meterId,
                            Instant.ofEpochMilli(read.readTimeMs),
                            read.readTimeMs,
                            watermark,
                            "{\"meter_id\":\"" + read.meterId + "\"}"));
            return;
        }
        DayReads reads = days.get(day);
        if (reads == null) {
            reads = new DayReads((int) ((end - start) / 60_000));
            ctx.timerService().registerEventTimeTimer(end);
            ctx.timerService().registerEventTimeTimer(end + latenessMs);
        }
        if (!reads.mark((int) ((read.readTimeMs - start) / 60_000))) {
            return;
        }
        if (reads.closed) {
            report(read.meterId, day, reads, false, out);
        }
        days.put(day, reads);
    }

    @Override
    public void processElement2(CustomerProfile profile, Context ctx, Collector<KpiFact> out)
            throws Exception {
        CustomerProfile current = owner.value();
        if (current == null || profile.updatedAtMs >= current.updatedAtMs) {
            owner.update(profile);
        }
        if (current == null) {
            // days that ended before the meter's customer was known were held for it
            for (Map.Entry<Long, DayReads> e : days.entries()) {
                if (e.getValue().closed) {
                    report(ctx.getCurrentKey(), e.getKey(), e.getValue(), false, out);
                    days.put(e.getKey(), e.getValue());
                }
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out)
            throws Exception {
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, DayReads> e : days.entries()) {
            long end = calendar.startOfDay(e.getKey() + 1);
            DayReads reads = e.getValue();
            boolean last = end + latenessMs <= timestamp;
            if (last) {
                done.add(e.getKey());
            }
            if (end <= timestamp && (!reads.closed || last)) {
                reads.closed = true;
                report(ctx.getCurrentKey(), e.getKey(), reads, last, out);
                days.put(e.getKey(), reads);
            }
        }
        for (Long day : done) {
            days.remove(day);
        }
    }

    /**
     * Reports the reads not yet reported to the units of the meter's customer. While the customer
     * is unknown (the customers topic is read by its own source and may be behind) the count waits,
     * up to the day's last chance, when it goes to {@code UNASSIGNED}.
     */
    private void report(
            String meterId, long day, DayReads reads, boolean lastChance, Collector<KpiFact> out)
            throws Exception {
        CustomerProfile customer = owner.value();
        if (reads.received == reads.reported || (customer == null && !lastChance)) {
            return;
        }
        KpiFact f = new KpiFact();
        f.type = FactType.READS;
        f.id = meterId;
        f.timeMs = calendar.startOfDay(day);
        f.received = reads.received - reads.reported;
        reads.reported = reads.received;
        if (customer == null) {
            f.gridId = KpiFact.UNASSIGNED;
            f.stationId = KpiFact.UNASSIGNED;
            f.county = KpiFact.UNASSIGNED;
        } else {
            customer.place(f);
        }
        f.route(out);
    }
}
