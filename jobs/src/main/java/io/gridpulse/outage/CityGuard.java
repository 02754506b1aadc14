package io.gridpulse.outage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The city-wide guard (one key for the whole city): when a large share of the city's watched meters
 * falls silent at one tick without power-down events, in many areas at once, the head-end or the
 * collection system failed, not the power of each area. The outages the areas opened at such a tick
 * are dropped with all their later rows and messages: no hundreds of area outages, nobody told. A
 * city-wide blackout is not held back: its meters send power-down events.
 *
 * <p>Each tick's rows and notices wait here until the watermark passes the tick, when every area's
 * count for it has arrived (the area watches write them at the same timer, before the watermark
 * moves on).
 */
public class CityGuard extends KeyedProcessFunction<Integer, CityFact, OutageRow> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<OutageNotice> NOTICES = new OutputTag<>("guarded-notices") {};

    private final double silentShare;
    private final int minAreas;

    /** Per tick: watched meters, silent ones, areas silent. */
    private transient MapState<Long, int[]> ticks;

    private transient ListState<CityFact> held;

    /** Outages dropped as part of a city-wide silence, until their last row. */
    private transient MapState<String, Boolean> dropped;

    private transient Counter droppedOutages;

    public CityGuard(double silentShare, int minAreas) {
        this.silentShare = silentShare;
        this.minAreas = minAreas;
    }

    @Override
    public void open(OpenContext openContext) {
        ticks =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("city-ticks", Long.class, int[].class));
        held =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("city-held", CityFact.class));
        dropped =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "city-dropped", Types.STRING, Types.BOOLEAN));
        droppedOutages = getRuntimeContext().getMetricGroup().counter("cityWideDroppedOutages");
    }

    @Override
    public void processElement(CityFact f, Context ctx, Collector<OutageRow> out) throws Exception {
        if (f.kind == CityFact.TICK) {
            int[] sum = ticks.get(f.tickMs);
            if (sum == null) {
                sum = new int[3];
            }
            sum[0] += f.watched;
            sum[1] += f.silent;
            sum[2] += f.areaSilent;
            ticks.put(f.tickMs, sum);
        } else {
            held.add(f);
        }
        ctx.timerService().registerEventTimeTimer(f.tickMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutageRow> out)
            throws Exception {
        List<CityFact> due = new ArrayList<>();
        List<CityFact> keep = new ArrayList<>();
        for (CityFact f : held.get()) {
            (f.tickMs <= timestamp ? due : keep).add(f);
        }
        due.sort(
                Comparator.comparingLong((CityFact f) -> f.tickMs)
                        .thenComparingInt(f -> f.kind)
                        .thenComparing(CityFact::outageId)
                        .thenComparing(
                                f -> f.kind == CityFact.NOTICE ? f.notice.notificationId() : ""));
        List<String> finished = new ArrayList<>();
        for (CityFact f : due) {
            String id = f.outageId();
            if (f.kind == CityFact.ROW
                    && f.row.status().equals("OPEN")
                    && f.row.detectedAt().toEpochMilli() == f.tickMs
                    && citySilent(f.tickMs)) {
                dropped.put(id, true);
                droppedOutages.inc();
                // forgets the dropped outages when the input ends (one timer for all)
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            }
            if (dropped.contains(id)) {
                if (f.kind == CityFact.ROW && f.row.status().equals("CLASSIFIED")) {
                    finished.add(id); // after its last messages, which come in the same tick
                }
                continue;
            }
            if (f.kind == CityFact.ROW) {
                out.collect(f.row);
            } else {
                ctx.output(NOTICES, f.notice);
            }
        }
        List<Long> past = new ArrayList<>();
        for (Long t : ticks.keys()) {
            if (t <= timestamp) {
                past.add(t);
            }
        }
        for (Long t : past) {
            ticks.remove(t);
        }
        for (String id : finished) {
            dropped.remove(id);
        }
        held.update(keep);
        if (timestamp == Long.MAX_VALUE) {
            dropped.clear(); // the input ended: outages under way stay as they are
        }
    }

    private boolean citySilent(long tickMs) throws Exception {
        int[] sum = ticks.get(tickMs);
        return sum != null && sum[2] >= minAreas && sum[1] >= silentShare * sum[0];
    }
}
