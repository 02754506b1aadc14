package io.gridpulse.consumption;

import io.gridpulse.common.LateRecord;
import io.gridpulse.streams.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Validates the reads of one meter in event-time order and turns consecutive accepted reads into
 * interval consumption.
 *
 * <p>Reads arrive out of order; each waits in state until the watermark passes its read time, then
 * the waiting reads are applied oldest first. That makes the result independent of arrival order
 * and works for any read cadence (15 min to daily), since an interval is simply the span between
 * two accepted reads of the meter. A read behind the watermark is late: it goes to {@link #LATE}
 * and changes nothing. A register below the last accepted one is a {@link
 * AnomalyRule#NEGATIVE_DELTA}: flagged, not applied, the baseline stays, so the energy of the
 * misread interval is counted by the next good read. A meter silent for the state TTL (event time)
 * forgets its baseline, so state does not outlive meters that were removed.
 *
 * <p>Input 1 is the meter's reads, input 2 its customer master data (who owns the meter).
 */
public class MeterReadValidator
        extends KeyedCoProcessFunction<String, RegisterRead, MeterProfile, IntervalConsumption> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ConsumptionAnomaly> ANOMALIES =
            new OutputTag<>("consumption-anomalies") {};
    public static final OutputTag<LateRecord> LATE = new OutputTag<>("late-meter-reads") {};

    private final long stateTtlMs;

    private transient ValueState<MeterProfile> profile;

    /** Reads waiting for the watermark, by read time. */
    private transient MapState<Long, RegisterRead> waiting;

    private transient ValueState<RegisterRead> baseline;

    /** Event time at which this meter's read state expires; re-armed by every applied read. */
    private transient ValueState<Long> expiry;

    private transient Counter lateReads;

    public MeterReadValidator(Duration stateTtl) {
        this.stateTtlMs = stateTtl.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        profile =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("profile", MeterProfile.class));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting", Types.LONG, Types.POJO(RegisterRead.class)));
        baseline =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("baseline", RegisterRead.class));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        lateReads = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement1(RegisterRead read, Context ctx, Collector<IntervalConsumption> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (read.readTimeMs <= watermark) {
            lateReads.inc();
            ctx.output(
                    LATE,
                    new LateRecord(
                            ConsumptionJob.NAME,
                            Topics.METER_READS,
                            read.meterId,
                            read.readTime(),
                            read.readTimeMs,
                            watermark,
                            read.toJson()));
            return;
        }
        RegisterRead first = waiting.get(read.readTimeMs);
        if (first != null) {
            ctx.output(
                    ANOMALIES,
                    anomaly(
                            AnomalyRule.DUPLICATE_READ,
                            read,
                            first,
                            "a read for " + read.readTime() + " was already received"));
            return;
        }
        waiting.put(read.readTimeMs, read);
        ctx.timerService().registerEventTimeTimer(read.readTimeMs);
    }

    @Override
    public void processElement2(MeterProfile owner, Context ctx, Collector<IntervalConsumption> out)
            throws Exception {
        profile.update(owner);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IntervalConsumption> out)
            throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long readTime : waiting.keys()) {
            if (readTime <= timestamp) {
                due.add(readTime);
            }
        }
        due.sort(null);
        for (Long readTime : due) {
            apply(waiting.get(readTime), ctx, out);
            waiting.remove(readTime);
        }
        Long expiresAt = expiry.value();
        if (expiresAt != null && expiresAt == timestamp && waiting.isEmpty()) {
            baseline.clear();
            expiry.clear();
        }
    }

    private void apply(RegisterRead read, OnTimerContext ctx, Collector<IntervalConsumption> out)
            throws Exception {
        RegisterRead last = baseline.value();
        if (last != null && !read.meterReplaced) {
            if (read.readTimeMs == last.readTimeMs) {
                ctx.output(
                        ANOMALIES,
                        anomaly(
                                AnomalyRule.DUPLICATE_READ,
                                read,
                                last,
                                "a read for " + read.readTime() + " was already applied"));
                return;
            }
            long deltaWh = read.totalWh - last.totalWh;
            if (deltaWh < 0) {
                ctx.output(
                        ANOMALIES,
                        anomaly(
                                AnomalyRule.NEGATIVE_DELTA,
                                read,
                                last,
                                "register fell by "
                                        + RegisterRead.toKwh(-deltaWh).toPlainString()
                                        + " kWh since the read of "
                                        + last.readTime()));
                return;
            }
            MeterProfile owner = owner();
            out.collect(
                    new IntervalConsumption(
                            read.meterId,
                            owner.customerId,
                            owner.gridId,
                            owner.segment,
                            last.readTime(),
                            read.readTime(),
                            (int) ((read.readTimeMs - last.readTimeMs) / 60_000),
                            RegisterRead.toKwh(deltaWh),
                            read.source));
        }
        baseline.update(read);
        rearmExpiry(read.readTimeMs + stateTtlMs, ctx);
    }

    private void rearmExpiry(long expiresAt, OnTimerContext ctx) throws Exception {
        Long previous = expiry.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        expiry.update(expiresAt);
        ctx.timerService().registerEventTimeTimer(expiresAt);
    }

    private MeterProfile owner() throws Exception {
        MeterProfile owner = profile.value();
        return owner != null ? owner : MeterProfile.UNKNOWN;
    }

    private ConsumptionAnomaly anomaly(
            AnomalyRule rule, RegisterRead read, RegisterRead reference, String evidence)
            throws Exception {
        MeterProfile owner = owner();
        return new ConsumptionAnomaly(
                read.meterId,
                owner.customerId,
                owner.gridId,
                owner.segment,
                rule.name(),
                read.readTime(),
                RegisterRead.toKwh(read.totalWh),
                RegisterRead.toKwh(reference.totalWh),
                evidence);
    }
}
