package io.gridpulse.consumption;

import io.gridpulse.common.LateRecord;
import io.gridpulse.consumption.rules.Rule;
import io.gridpulse.outage.AreaFact;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.streams.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Validates the reads of one meter and turns them into interval consumption, with the deterministic
 * state machine of {@link MeterLedger}: every read is applied the moment it arrives, lateness is
 * measured against the meter's own newest read, and the watermark only decides when the one timer
 * per meter fires (the horizon: a meter silent that long, in its own time and in the stream's,
 * forgets everything).
 *
 * <p>Input 1 is the meter's reads, input 2 its customer master data (who owns the meter) and its
 * executed switches. All of a meter's state is one {@link MeterState} entry.
 *
 * <p>The two inputs are read in whatever order their buffers arrive, so nothing may depend on which
 * input came first. Reads of a meter without an owner that arrive before the operator's first
 * watermark wait in keyed state and are applied, in arrival order, when it comes: the master-data
 * inputs hold event time at its minimum until they are read to their end in a bounded replay
 * ({@code JobContext.dimension}), so a replay applies every read after every customer record and
 * switch, however late their sources start (without it, a meter whose reads ran more than a
 * lateness bound ahead of its customer record kept its older rows under {@code UNASSIGNED}). Live,
 * the master data never holds event time back and the wait ends with the first watermark, a
 * fraction of a second after start.
 */
public class MeterReadValidator
        extends KeyedCoProcessFunction<String, RegisterRead, MeterUpdate, IntervalConsumption> {

    private static final long serialVersionUID = 2L;

    public static final OutputTag<ConsumptionAnomaly> ANOMALIES =
            new OutputTag<>("consumption-anomalies") {};
    public static final OutputTag<LateRecord> LATE = new OutputTag<>("late-meter-reads") {};

    /** Owners that came after rows written without them left the window. */
    public static final OutputTag<OwnerCorrection> OWNER_CORRECTIONS =
            new OutputTag<>("owner-corrections") {};

    /**
     * Facts for the area-keyed outage watch: membership, reads, switches, and the MISSING_READS and
     * ZERO_CONSUMPTION cases of meters with a transformer area (written after the area's outages
     * around them are judged).
     */
    public static final OutputTag<AreaFact> AREA_FACTS = new OutputTag<>("area-facts") {};

    private final ValidationSettings settings;
    private final List<Rule> rules;

    private transient ValueState<MeterState> state;

    /**
     * MISSING_READS / ZERO_CONSUMPTION cases of a meter whose customer (and so transformer area) is
     * not known yet: the customers topic has its own source and may come after the reads, and the
     * case must reach the area to be noted with an outage. Held until the owner comes, or for one
     * more lateness bound of the meter's reads.
     */
    private transient ListState<ConsumptionAnomaly> unowned;

    /** Reads received before the first watermark, in arrival order (see the class comment). */
    private transient ListState<RegisterRead> early;

    private transient MeterLedger ledger;
    private transient Counter lateReads;

    /** Set by the ledger's output when the read just applied was late. */
    private transient boolean lateRead;

    /** The timer that applies the early reads: it fires with the first watermark. */
    static final long FIRST_WATERMARK = Long.MIN_VALUE + 1;

    private final boolean waitForFirstWatermark;

    public MeterReadValidator(ValidationSettings settings, List<Rule> rules) {
        this(settings, rules, true);
    }

    /**
     * @param waitForFirstWatermark hold reads until the first watermark (the job); false applies
     *     each read at once (harness tests that drive one input with no watermark)
     */
    public MeterReadValidator(
            ValidationSettings settings, List<Rule> rules, boolean waitForFirstWatermark) {
        this.settings = settings;
        this.rules = List.copyOf(rules);
        this.waitForFirstWatermark = waitForFirstWatermark;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("meter", MeterState.class));
        unowned =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "unowned-cases", ConsumptionAnomaly.class));
        early =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("early-reads", RegisterRead.class));
        ledger = new MeterLedger(settings, rules);
        lateReads = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement1(RegisterRead read, Context ctx, Collector<IntervalConsumption> out)
            throws Exception {
        if (waitForFirstWatermark
                && ctx.timerService().currentWatermark() == Long.MIN_VALUE
                && waits(state.value())) {
            // a copy: with object reuse a function must not keep the record it was given
            early.add(read.copy());
            ctx.timerService().registerEventTimeTimer(FIRST_WATERMARK);
            return;
        }
        apply(read, ctx, out);
    }

    /**
     * Whether a read before the first watermark waits for it: when its meter has no owner yet, or
     * reads already waiting (they stay in arrival order). A meter with an owner (restored from a
     * checkpoint, or whose record came first) goes on at once.
     */
    private boolean waits(MeterState s) throws Exception {
        return s == null || s.customerId == null || early.get().iterator().hasNext();
    }

    private void apply(RegisterRead read, Context ctx, Collector<IntervalConsumption> out)
            throws Exception {
        if (read.hasFlag(QualityFlag.POWER_DOWN)) {
            // a power-down event (last gasp), off the read schedule: no link of the register
            // chain (intervals and rules never see it), only evidence for the area's outage watch
            MeterState owned = state.value();
            if (owned != null && owned.area != null) {
                ctx.output(
                        AREA_FACTS, AreaFact.powerDown(owned.area, read.meterId, read.readTimeMs));
            }
            return;
        }
        MeterState s = current();
        s.lastWatermark = Math.max(s.lastWatermark, ctx.timerService().currentWatermark());
        lateRead = false;
        ledger.bind(read.meterId, s, output(ctx, out, s)).onRead(read);
        // a late read is stored, never applied: the area does not see it either (when it comes
        // behind the area's ticks or ahead of them is a matter of replay speed)
        if (s.area != null && !lateRead) {
            ctx.output(
                    AREA_FACTS, AreaFact.read(s.area, read.meterId, read.readTimeMs, read.totalWh));
        }
        if (s.hasReads()) {
            // a case is written a lateness bound after its window; it waits one more for its owner
            releaseUnowned(s, s.newestMs() - 2 * settings.latenessBound().toMillis(), ctx);
        }
        keep(s, ctx);
    }

    @Override
    public void processElement2(MeterUpdate update, Context ctx, Collector<IntervalConsumption> out)
            throws Exception {
        MeterState s = current();
        if (update.profile == null) {
            s.lastWatermark = Math.max(s.lastWatermark, ctx.timerService().currentWatermark());
            ledger.bind(update.meterId, s, output(ctx, out, s)).onSwitch(update);
            if (s.area != null) {
                ctx.output(
                        AREA_FACTS,
                        AreaFact.switched(
                                s.area, update.meterId, update.switchMs, update.switchedOn));
            }
            keep(s, ctx);
            return;
        }
        MeterProfile owner = update.profile;
        String formerArea = s.area;
        if (!owner.active) {
            // a closed account retires its meter
            ledger.bind(owner.meterId, s, output(ctx, out, s)).expire();
            releaseUnowned(s, Long.MAX_VALUE, ctx);
            if (s.area != null) {
                ctx.output(AREA_FACTS, AreaFact.leave(s.area, owner.meterId));
            }
            if (s.timerMs != 0) {
                ctx.timerService().deleteEventTimeTimer(s.timerMs);
            }
            state.clear();
            return;
        }
        s.lastWatermark = Math.max(s.lastWatermark, ctx.timerService().currentWatermark());
        if (s.area != null && !s.area.equals(owner.transformerArea)) {
            ctx.output(AREA_FACTS, AreaFact.leave(s.area, owner.meterId));
        }
        s.area = owner.transformerArea;
        if (s.area != null) {
            ctx.output(
                    AREA_FACTS,
                    AreaFact.member(
                            s.area,
                            owner.meterId,
                            owner.customerId,
                            owner.gridId,
                            owner.readIntervalMinutes,
                            owner.outageOptOut,
                            owner.channel));
            // reads that came before the owner did not reach the area: the ones still in the
            // window (the lateness bound) do now, so a customer record read after its meter's
            // first reads (two topics, no order between them) still counts in the area
            for (int i = 0; i < s.count; i++) {
                ctx.output(
                        AREA_FACTS,
                        AreaFact.read(s.area, owner.meterId, s.timeMs(i), s.registerWh(i)));
            }
            if (!s.area.equals(formerArea)) {
                // and so do the switches: customer records and switches share this input but
                // come from two topics, and a disconnected meter that the area did not know was
                // off counted as watched and its customer was told of the outage (the member
                // counts that differed between two runs of the same input)
                for (int i = 0; i < s.switchMs.length; i++) {
                    ctx.output(
                            AREA_FACTS,
                            AreaFact.switched(
                                    s.area, owner.meterId, s.switchMs[i], s.switchOn[i] != 0));
                }
            }
        }
        ledger.bind(owner.meterId, s, output(ctx, out, s)).onProfile(owner);
        // cases held for the owner go where, and as what, they would have gone had it come first
        releaseUnowned(s, Long.MAX_VALUE, ctx);
        keep(s, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IntervalConsumption> out)
            throws Exception {
        if (timestamp == FIRST_WATERMARK) {
            List<RegisterRead> reads = new ArrayList<>();
            early.get().forEach(reads::add);
            early.clear();
            for (RegisterRead read : reads) {
                apply(read, ctx, out);
            }
            return;
        }
        MeterState s = state.value();
        if (s == null || s.timerMs != timestamp) {
            return;
        }
        if (s.lastWatermark == Long.MIN_VALUE) {
            // state made before any watermark: its horizon counts from the first one (the
            // watermark now, not this timer's time: that is the minimum plus the horizon, and
            // counting from it expired a customer record whose meter had not read yet)
            s.lastWatermark = ctx.timerService().currentWatermark();
        }
        long deadline = deadline(s);
        if (deadline > timestamp) {
            s.timerMs = deadline;
            ctx.timerService().registerEventTimeTimer(deadline);
            state.update(s);
            return;
        }
        MeterLedger meter = ledger.bind(ctx.getCurrentKey(), s, output(ctx, out, s));
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            meter.endOfInput();
        } else {
            meter.expire();
        }
        releaseUnowned(s, Long.MAX_VALUE, ctx);
        state.clear();
    }

    /**
     * Writes the held cases that ended at or before {@code untilMs}: to the area when the meter has
     * one by now, otherwise as they are.
     */
    private void releaseUnowned(MeterState s, long untilMs, Context ctx) throws Exception {
        List<ConsumptionAnomaly> keep = new ArrayList<>();
        boolean any = false;
        for (ConsumptionAnomaly held : unowned.get()) {
            any = true;
            ConsumptionAnomaly c = s.customerId == null ? held : ledger.owned(held);
            if (AreaFact.caseEndMs(c) > untilMs) {
                keep.add(c);
            } else if (s.area != null) {
                ctx.output(AREA_FACTS, AreaFact.caseOf(s.area, c));
            } else {
                s.orphanRows |= s.customerId == null;
                ctx.output(ANOMALIES, c);
            }
        }
        if (any) {
            unowned.update(keep);
        }
    }

    private static boolean inOutageScope(String rule) {
        return rule.equals(AnomalyRule.MISSING_READS.name())
                || rule.equals(AnomalyRule.ZERO_CONSUMPTION.name());
    }

    private MeterState current() throws Exception {
        MeterState s = state.value();
        return s != null ? s : new MeterState();
    }

    /** Stores the state and makes sure its one timer is set; it is moved only when it fires. */
    private void keep(MeterState s, Context ctx) throws Exception {
        if (s.timerMs == 0) {
            s.timerMs = deadline(s);
            ctx.timerService().registerEventTimeTimer(s.timerMs);
        }
        state.update(s);
    }

    private long deadline(MeterState s) {
        long since = s.hasReads() ? Math.max(s.newestMs(), s.lastWatermark) : s.lastWatermark;
        long horizon = settings.horizon().toMillis();
        return since > Long.MAX_VALUE - horizon ? Long.MAX_VALUE : since + horizon;
    }

    private MeterLedger.Output output(
            Context ctx, Collector<IntervalConsumption> out, MeterState s) {
        return new MeterLedger.Output() {
            @Override
            public void interval(IntervalConsumption row) {
                out.collect(row);
            }

            @Override
            public void anomaly(ConsumptionAnomaly row) {
                if (s.area != null && inOutageScope(row.rule())) {
                    ctx.output(AREA_FACTS, AreaFact.caseOf(s.area, row));
                } else if (s.customerId == null && inOutageScope(row.rule())) {
                    try {
                        unowned.add(row);
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                "cannot hold a case of " + row.meterId(), e);
                    }
                } else {
                    ctx.output(ANOMALIES, row);
                }
            }

            @Override
            public void ownerFound(OwnerCorrection correction) {
                ctx.output(OWNER_CORRECTIONS, correction);
            }

            @Override
            public void late(RegisterRead read, long newestMs) {
                lateReads.inc();
                lateRead = true;
                ctx.output(
                        LATE,
                        new LateRecord(
                                ConsumptionJob.NAME,
                                Topics.METER_READS,
                                read.meterId,
                                read.readTime(),
                                read.readTimeMs,
                                newestMs,
                                read.toJson()));
            }
        };
    }
}
