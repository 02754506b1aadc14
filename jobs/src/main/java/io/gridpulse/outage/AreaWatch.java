package io.gridpulse.outage;

import io.gridpulse.consumption.AnomalyRule;
import io.gridpulse.consumption.ConsumptionAnomaly;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Outage inference for one transformer area (台区), in event time. Keyed by area; fed by the
 * meter-keyed validation with {@link AreaFact}s.
 *
 * <p>Every decision is taken on a tick (a timer every {@code outage.tick}, 15 min), and a tick at T
 * sees exactly the reads stamped at or before T: reads received ahead of it wait in their member
 * (see {@link Member#aheadMs}). So the rows do not depend on arrival order, replay speed or
 * partition skew, only on the reads (reads behind the watermark on arrival — out of order by more
 * than the bound within their own partition — are applied at once and may miss a decision already
 * taken). A tick fires only when the watermark passes it, i.e. when the rest of the city reports
 * beyond it. When a bounded input ends (watermark at its maximum), the ticks up to the area's own
 * newest read are judged — the same ones whatever the watermark had reached — and none after it: no
 * outage is inferred because everybody stopped.
 *
 * <ul>
 *   <li><b>Opening</b>: at least {@code outage.share} and {@code outage.min.meters} of the area's
 *       watched meters (read at least hourly, not cut off by an executed disconnect, reporting
 *       until recently) missed their expected read. The outage is assumed a power outage.
 *   <li><b>Closing</b>: {@code share} of the silent meters read again.
 *   <li><b>Classifying</b>: once each resumed meter read once more (or {@code outage.classify.wait}
 *       passed), the registers tell: their advance across the gap over what their usual use (before
 *       the gap, and after it) predicts. Below {@code outage.power.ratio}: POWER_OUTAGE, otherwise
 *       COLLECTION_FAILURE (the power was on, only the reads were lost).
 *   <li><b>Notifications</b> (only for a power outage, only to customers with SMS/WeChat who did
 *       not opt out): OUTAGE_STARTED when the power outage is confirmed (or, with {@code
 *       outage.notify.started=opening}, at opening) and POWER_RESTORED at the classification.
 *   <li><b>Cases</b>: MISSING_READS and ZERO_CONSUMPTION cases of the area's meters are held until
 *       the area's outages around them are judged, then written, noting the outage id when they
 *       overlap a power outage.
 * </ul>
 */
public class AreaWatch extends KeyedProcessFunction<String, AreaFact, OutageRow> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ConsumptionAnomaly> CASES = new OutputTag<>("area-cases") {};
    public static final OutputTag<OutageNotice> NOTICES = new OutputTag<>("outage-notices") {};

    /** Per tick, the area's watched and silent meters, for the city-wide guard. */
    public static final OutputTag<CityFact> CITY_TICKS = new OutputTag<>("city-ticks") {};

    public static final String POWER_OUTAGE = "POWER_OUTAGE";
    public static final String COLLECTION_FAILURE = "COLLECTION_FAILURE";
    public static final String UNDETERMINED = "UNDETERMINED";

    private final OutageSettings settings;
    private final long tickMs;

    private transient MapState<String, Member> members;
    private transient ValueState<AreaState> area;
    private transient ListState<ConsumptionAnomaly> held;

    public AreaWatch(OutageSettings settings) {
        this.settings = settings;
        this.tickMs = settings.tick().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        members =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("members", String.class, Member.class));
        area = getRuntimeContext().getState(new ValueStateDescriptor<>("area", AreaState.class));
        held =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("held-cases", ConsumptionAnomaly.class));
    }

    @Override
    public void processElement(AreaFact f, Context ctx, Collector<OutageRow> out) throws Exception {
        AreaState a = area.value();
        if (a == null) {
            a = new AreaState();
        }
        switch (f.kind) {
            case AreaFact.MEMBER -> {
                Member m = members.get(f.meterId);
                if (m == null) {
                    m = new Member();
                    // a late customer record: its reads (replayed by the validation) are caught up
                    m.catchUp = a.processedMs != Long.MIN_VALUE;
                }
                m.customerId = f.customerId;
                m.gridId = f.gridId;
                m.intervalMinutes = f.intervalMinutes;
                m.optOut = f.optOut;
                m.channel = f.channel == null ? "NONE" : f.channel;
                members.put(f.meterId, m);
                if (a.gridId == null) {
                    a.gridId = f.gridId;
                }
            }
            case AreaFact.LEAVE -> members.remove(f.meterId);
            case AreaFact.READ -> {
                Member m = members.get(f.meterId);
                if (m == null) {
                    return;
                }
                if (f.timeMs <= a.processedMs && !m.catchUp) {
                    m.apply(f.timeMs, f.wh); // behind the last judged tick: applied at once
                } else {
                    m.addAhead(f.timeMs, f.wh);
                }
                a.newestReadMs = Math.max(a.newestReadMs, f.timeMs);
                members.put(f.meterId, m);
            }
            case AreaFact.POWER_DOWN -> {
                Member m = members.get(f.meterId);
                if (m == null) {
                    return;
                }
                if (f.timeMs <= a.processedMs) {
                    m.powerDownMs = Math.max(m.powerDownMs, f.timeMs);
                } else {
                    m.addPowerDown(f.timeMs);
                }
                members.put(f.meterId, m);
            }
            case AreaFact.SWITCH -> {
                Member m = members.get(f.meterId);
                if (m == null) {
                    return;
                }
                m.addSwitch(f.timeMs, f.on);
                members.put(f.meterId, m);
            }
            case AreaFact.CASE -> held.add(f.anomaly);
            default -> throw new IllegalArgumentException("unknown area fact kind " + f.kind);
        }
        if (a.nextTickMs == 0
                && (f.kind == AreaFact.READ
                        || f.kind == AreaFact.POWER_DOWN
                        || f.kind == AreaFact.CASE)) {
            // ticks run from the first read on, every tick, while the area reports
            long from = Math.max(f.timeMs, ctx.timerService().currentWatermark());
            if (a.processedMs != Long.MIN_VALUE) {
                from = Math.max(from, a.processedMs + 1);
            }
            a.nextTickMs = ceilToTick(from);
            ctx.timerService().registerEventTimeTimer(a.nextTickMs);
        }
        area.update(a);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutageRow> out)
            throws Exception {
        AreaState a = area.value();
        if (a == null || a.nextTickMs != timestamp) {
            return;
        }
        String key = ctx.getCurrentKey();
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // the input ends: the ticks up to the area's own newest read are judged (whatever the
            // watermark had reached: the same ticks at any replay speed), none after it
            for (long t = timestamp; t <= a.newestReadMs; t += tickMs) {
                judge(key, a, t, ctx, out);
                a.processedMs = t;
                a.forgetBefore(t - settings.memory().toMillis());
                release(a, t, ctx, false);
            }
            endOfInput(a, ctx);
            return;
        }
        judge(key, a, timestamp, ctx, out);
        a.processedMs = timestamp;
        a.forgetBefore(timestamp - settings.memory().toMillis());
        boolean anyHeld = release(a, timestamp, ctx, false);
        if (timestamp - a.newestReadMs > settings.memory().toMillis() && !anyHeld) {
            a.nextTickMs = 0; // nobody in the area reports any more: wait for the next read
        } else {
            a.nextTickMs = timestamp + tickMs;
            ctx.timerService().registerEventTimeTimer(a.nextTickMs);
        }
        area.update(a);
    }

    // ------------------------------------------------------------------------------ the tick

    private void judge(
            String key, AreaState a, long t, OnTimerContext ctx, Collector<OutageRow> out)
            throws Exception {
        long window = settings.silenceWindow().toMillis();
        long maxInterval = settings.maxReadInterval().toMillis();
        int watched = 0;
        List<String> missing = new ArrayList<>();
        long latestBefore = 0;
        int silent = 0;
        int resumed = 0;
        int ready = 0;
        long firstResume = Long.MAX_VALUE;
        double actualWh = 0;
        double expectedWh = 0;
        int judged = 0;
        int downs = 0;
        long firstDown = Long.MAX_VALUE;
        int silentDowns = 0;
        catchUp(a, t);
        for (Map.Entry<String, Member> e : members.entries()) {
            Member m = e.getValue();
            boolean changed = m.foldUpTo(t);
            long step = m.intervalMs();
            boolean watchable = step > 0 && step <= maxInterval && m.lastMs != 0 && !m.offAt(t);
            long since = t - m.lastMs;
            boolean poweredDown = watchable && since < step + window && m.poweredDownAt(t);
            // dark: missed its read, or said it lost its supply and has not read since
            boolean isMissing =
                    watchable && (since >= step || poweredDown) && since < step + window;
            if (watchable && since < step + window) {
                watched++;
                if (isMissing) {
                    missing.add(e.getKey());
                    latestBefore = Math.max(latestBefore, m.lastMs);
                    if (poweredDown) {
                        downs++;
                        firstDown = Math.min(firstDown, m.powerDownMs);
                    }
                }
            }
            if (a.phase == AreaState.OPEN
                    && m.silentFromMs == 0
                    && isMissing
                    && m.lastMs >= a.openedMs - step) {
                m.join(t); // a meter whose read fell due after the opening
                a.metersSilent++;
                changed = true;
            }
            if (m.silentFromMs != 0) {
                silent++;
                if (m.powerDownMs != 0 && m.powerDownMs >= m.silentFromMs) {
                    silentDowns++;
                }
                if (m.resumedMs != 0) {
                    resumed++;
                    firstResume = Math.min(firstResume, m.resumedMs);
                    if (m.rateAfter >= 0) {
                        ready++;
                    }
                    double rate = usualRate(m);
                    if (rate >= 0) {
                        judged++;
                        actualWh += m.gapWh;
                        expectedWh += rate * m.gapMs;
                    }
                }
            }
            if (changed) {
                members.put(e.getKey(), m);
            }
        }
        if (watched > 0) {
            int quiet = missing.size() - downs;
            ctx.output(
                    CITY_TICKS,
                    CityFact.tick(
                            t,
                            watched,
                            quiet,
                            quiet >= settings.minMeters() && quiet >= settings.share() * watched));
        }
        switch (a.phase) {
            case AreaState.NONE -> {
                if (missing.size() >= settings.minMeters()
                        && missing.size() >= settings.share() * watched) {
                    open(key, a, t, watched, missing, latestBefore, downs, firstDown, ctx, out);
                }
            }
            case AreaState.OPEN -> {
                boolean closing = resumed > 0 && resumed >= settings.share() * silent;
                a.metersPoweredDown = silentDowns;
                if (!closing && !a.liveConfirmed && confirmsPowerOff(silentDowns, silent)) {
                    confirmLive(key, a, t, ctx, out);
                }
                if (closing) {
                    a.phase = AreaState.CLASSIFYING;
                    a.closedMs = firstResume;
                    a.classifyByMs = t + settings.classifyWait().toMillis();
                    if (ready < resumed) {
                        out.collect(
                                row(
                                        key,
                                        a,
                                        "CLOSED",
                                        POWER_OUTAGE,
                                        a.liveConfirmed ? LIVE_CONFIDENCE : 0.5,
                                        false,
                                        resumed,
                                        -1,
                                        t,
                                        "reads resumed; the registers are still to be judged"));
                        return;
                    }
                    classify(key, a, t, resumed, judged, actualWh, expectedWh, ctx, out);
                }
            }
            case AreaState.CLASSIFYING -> {
                if (ready >= resumed || t >= a.classifyByMs) {
                    classify(key, a, t, resumed, judged, actualWh, expectedWh, ctx, out);
                }
            }
            default -> throw new IllegalStateException("phase " + a.phase);
        }
    }

    /**
     * Members whose customer record came after ticks were judged: their reads are replayed through
     * the outage under way as if the record had come first, so it counts them as affected (and as
     * silent, when they were) whatever the arrival order.
     */
    private void catchUp(AreaState a, long t) throws Exception {
        List<String> late = new ArrayList<>();
        Set<String> customers = new HashSet<>();
        for (Map.Entry<String, Member> e : members.entries()) {
            Member m = e.getValue();
            if (m.catchUp) {
                late.add(e.getKey());
            } else if (a.phase != AreaState.NONE
                    && m.customerId != null
                    && !m.offAt(a.detectedMs)) {
                customers.add(m.customerId);
            }
        }
        if (late.isEmpty()) {
            return;
        }
        late.sort(null);
        long window = settings.silenceWindow().toMillis();
        long maxInterval = settings.maxReadInterval().toMillis();
        for (String id : late) {
            Member m = members.get(id);
            m.catchUp = false;
            if (a.phase != AreaState.NONE) {
                long d = a.detectedMs;
                long step = m.intervalMs();
                boolean watchable = step > 0 && step <= maxInterval;
                for (long tick = d; tick <= t && m.silentFromMs == 0; tick += tickMs) {
                    m.foldUpTo(tick);
                    boolean on = watchable && m.lastMs != 0 && !m.offAt(tick);
                    long since = tick - m.lastMs;
                    if (tick == d && on && since < step + window) {
                        a.metersWatched++;
                    }
                    if (on && since >= step && since < step + window) {
                        if (tick == d) {
                            m.join(tick);
                            a.openedMs = Math.max(a.openedMs, m.lastMs);
                            a.metersSilent++;
                        } else if (m.lastMs >= a.openedMs - step
                                && (a.closedMs == 0 || tick < a.closedMs)) {
                            m.join(tick);
                            a.metersSilent++;
                        }
                    }
                }
                if (!m.offAt(d)) {
                    a.metersAffected++;
                    if (m.customerId != null && customers.add(m.customerId)) {
                        a.customersAffected++;
                    }
                }
            }
            members.put(id, m);
        }
    }

    /** The meter's usual use around the gap: before it, after it, or their mean. */
    private static double usualRate(Member m) {
        if (m.rateBefore >= 0 && m.rateAfter >= 0) {
            return (m.rateBefore + m.rateAfter) / 2;
        }
        return m.rateBefore >= 0 ? m.rateBefore : m.rateAfter;
    }

    private void open(
            String key,
            AreaState a,
            long t,
            int watched,
            List<String> missing,
            long latestBefore,
            int downs,
            long firstDown,
            OnTimerContext ctx,
            Collector<OutageRow> out)
            throws Exception {
        a.phase = AreaState.OPEN;
        a.outageId = key + "@" + Instant.ofEpochMilli(t);
        a.detectedMs = t;
        // a power-down event says when the supply failed; otherwise the newest read before
        a.openedMs = downs > 0 ? Math.max(latestBefore, firstDown) : latestBefore;
        a.metersPoweredDown = downs;
        a.liveConfirmed = confirmsPowerOff(downs, missing.size());
        a.metersWatched = watched;
        a.metersSilent = missing.size();
        for (String id : missing) {
            Member m = members.get(id);
            m.join(t);
            members.put(id, m);
        }
        Set<String> customers = new HashSet<>();
        int meters = 0;
        for (Member m : members.values()) {
            if (!m.offAt(t)) {
                meters++;
                if (m.customerId != null) {
                    customers.add(m.customerId);
                }
            }
        }
        a.metersAffected = meters;
        a.customersAffected = customers.size();
        out.collect(
                row(
                        key,
                        a,
                        "OPEN",
                        POWER_OUTAGE,
                        a.liveConfirmed ? LIVE_CONFIDENCE : 0.5,
                        false,
                        0,
                        -1,
                        t,
                        missing.size()
                                + " of "
                                + watched
                                + " watched meters fell silent while the city reports; "
                                + (a.liveConfirmed
                                        ? poweredDownEvidence(a)
                                        : downs
                                                + " sent a power-down event: assumed a power"
                                                + " outage until the registers tell")));
        if (settings.notifyAtOpening() || (settings.notifyAtPowerDown() && a.liveConfirmed)) {
            notifyArea(a, "OUTAGE_STARTED", t, ctx);
            a.startedSent = true;
        }
    }

    /** Confidence of a power outage its meters' power-down events confirmed. */
    static final double LIVE_CONFIDENCE = 0.9;

    /** Enough of the silent meters said they lost their supply (some last gasps are lost). */
    private boolean confirmsPowerOff(int poweredDown, int silent) {
        return poweredDown > 0 && poweredDown >= settings.powerDownShare() * silent;
    }

    private static String poweredDownEvidence(AreaState a) {
        return a.metersPoweredDown
                + " of "
                + a.metersSilent
                + " silent meters sent a power-down event (last gasp): the power is off";
    }

    /** The power-down events that came after the opening confirm the power outage live. */
    private void confirmLive(
            String key, AreaState a, long t, OnTimerContext ctx, Collector<OutageRow> out)
            throws Exception {
        a.liveConfirmed = true;
        out.collect(
                row(
                        key,
                        a,
                        "OPEN",
                        POWER_OUTAGE,
                        LIVE_CONFIDENCE,
                        false,
                        0,
                        -1,
                        t,
                        poweredDownEvidence(a)));
        if (settings.notifyAtPowerDown() && !a.startedSent) {
            notifyArea(a, "OUTAGE_STARTED", t, ctx);
            a.startedSent = true;
        }
    }

    private void classify(
            String key,
            AreaState a,
            long t,
            int resumed,
            int judged,
            double actualWh,
            double expectedWh,
            OnTimerContext ctx,
            Collector<OutageRow> out)
            throws Exception {
        double limit = settings.powerRatio();
        String cause;
        double ratio;
        double confidence;
        if (judged == 0 || expectedWh <= 0) {
            ratio = -1;
            cause = UNDETERMINED;
            confidence = 0;
        } else {
            ratio = actualWh / expectedWh;
            if (ratio < limit) {
                cause = POWER_OUTAGE;
                confidence = 0.5 + 0.5 * Math.min(1, (limit - ratio) / limit);
            } else {
                cause = COLLECTION_FAILURE;
                confidence = 0.5 + 0.5 * Math.min(1, (ratio - limit) / limit);
            }
            // few meters to judge by: less sure
            confidence *= Math.min(1.0, 0.7 + 0.1 * judged);
        }
        boolean power = cause.equals(POWER_OUTAGE);
        String evidence =
                String.format(
                        java.util.Locale.ROOT,
                        "%d of %d silent meters read again (%d had sent a power-down event);"
                                + " their registers advanced by %s of their usual use across the"
                                + " gap (%d meters judged): %s",
                        resumed,
                        a.metersSilent,
                        a.metersPoweredDown,
                        ratio < 0
                                ? "an unknown share"
                                : String.format(java.util.Locale.ROOT, "%.0f %%", ratio * 100),
                        judged,
                        power
                                ? "the power was off"
                                : cause.equals(COLLECTION_FAILURE)
                                        ? "the power was on, only the reads were lost (collection failure)"
                                        : "cannot tell");
        out.collect(
                row(
                        key,
                        a,
                        "CLASSIFIED",
                        cause,
                        round(confidence),
                        !power,
                        resumed,
                        round(ratio),
                        t,
                        evidence));
        if (power) {
            if (!a.startedSent) {
                notifyArea(a, "OUTAGE_STARTED", t, ctx);
            }
            notifyArea(a, "POWER_RESTORED", t, ctx);
        }
        a.remember(a.outageId, a.openedMs, a.closedMs, power);
        for (Map.Entry<String, Member> e : members.entries()) {
            Member m = e.getValue();
            if (m.silentFromMs != 0) {
                m.leaveOutage();
                members.put(e.getKey(), m);
            }
        }
        a.endOutage();
    }

    private OutageRow row(
            String key,
            AreaState a,
            String status,
            String cause,
            double confidence,
            boolean reclassified,
            int resumed,
            double ratio,
            long t,
            String evidence) {
        return new OutageRow(
                a.outageId,
                key,
                a.gridId == null ? "" : a.gridId,
                Instant.ofEpochMilli(a.openedMs),
                Instant.ofEpochMilli(a.detectedMs),
                a.closedMs == 0 ? null : Instant.ofEpochMilli(a.closedMs),
                status,
                cause,
                confidence,
                reclassified ? 1 : 0,
                a.metersWatched,
                a.metersSilent,
                resumed,
                a.metersAffected,
                a.customersAffected,
                ratio,
                evidence,
                t);
    }

    /** One notice to each customer of the area with a channel who did not opt out. */
    private void notifyArea(AreaState a, String kind, long t, OnTimerContext ctx) throws Exception {
        Set<String> told = new HashSet<>();
        List<OutageNotice> notices = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.customerId == null
                    || m.optOut
                    || "NONE".equals(m.channel)
                    || m.offAt(a.detectedMs)
                    || !told.add(m.customerId)) {
                continue;
            }
            String reason =
                    kind.equals("OUTAGE_STARTED")
                            ? "power off in your area since about "
                                    + Instant.ofEpochMilli(a.openedMs)
                            : "power back in your area since about "
                                    + Instant.ofEpochMilli(a.closedMs);
            notices.add(OutageNotice.of(a.outageId, m.customerId, m.channel, kind, reason, t));
        }
        notices.sort(java.util.Comparator.comparing(OutageNotice::customerId));
        notices.forEach(n -> ctx.output(NOTICES, n));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    // ------------------------------------------------------------------------------ cases

    /**
     * Writes the held cases whose window the area's outages have been judged for; true when some
     * are still held.
     */
    private boolean release(AreaState a, long t, Context ctx, boolean all) throws Exception {
        List<ConsumptionAnomaly> keep = new ArrayList<>();
        List<ConsumptionAnomaly> done = new ArrayList<>();
        boolean anyHeld = false;
        for (ConsumptionAnomaly c : held.get()) {
            anyHeld = true;
            long from = c.readTime().toEpochMilli();
            long until = c.closedAt() == null ? from : c.closedAt().toEpochMilli();
            boolean due = until + settings.settleMs() <= t;
            boolean underWay =
                    a.phase != AreaState.NONE && (a.openedMs <= until + settings.settleMs());
            if (all || (due && !underWay)) {
                String outage = a.powerOutageOverlapping(from, until);
                done.add(outage == null || !suppressible(c) ? c : c.insideOutage(outage));
            } else {
                keep.add(c);
            }
        }
        if (!anyHeld) {
            return false;
        }
        done.sort(
                java.util.Comparator.comparing(ConsumptionAnomaly::meterId)
                        .thenComparingLong(ConsumptionAnomaly::version));
        done.forEach(c -> ctx.output(CASES, c));
        held.update(keep);
        return !keep.isEmpty();
    }

    private static boolean suppressible(ConsumptionAnomaly c) {
        return c.rule().equals(AnomalyRule.MISSING_READS.name())
                || c.rule().equals(AnomalyRule.ZERO_CONSUMPTION.name());
    }

    /**
     * The input ended: held cases are written with what is known, an outage under way stays open
     * (the data just stops), and all state is cleared.
     */
    private void endOfInput(AreaState a, OnTimerContext ctx) throws Exception {
        release(a, Long.MAX_VALUE, ctx, true);
        members.clear();
        held.clear();
        area.clear();
    }

    private long ceilToTick(long ms) {
        return Math.floorDiv(ms + tickMs - 1, tickMs) * tickMs;
    }
}
