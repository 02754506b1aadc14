package io.gridpulse.servicekpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Routes the ticket facts of one grid to the grid, its station and its county, which it learns from
 * the customer data (the first customer record naming the grid; a grid does not change station).
 * Ticket facts of a grid no customer has named yet wait, the latest per ticket, until one does or
 * until they leave the correction horizon. {@code UNASSIGNED} tickets count under station and
 * county {@code UNASSIGNED}.
 *
 * <p>Input 1 is ticket facts keyed by grid, input 2 the grids' places.
 */
public class GridDirectory extends KeyedCoProcessFunction<String, KpiFact, GridInfo, KpiFact> {

    private static final long serialVersionUID = 1L;

    private final CompanyCalendar calendar;

    private transient ValueState<GridInfo> place;
    private transient MapState<String, KpiFact> waiting;

    public GridDirectory(CompanyCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void open(OpenContext openContext) {
        place = getRuntimeContext().getState(new ValueStateDescriptor<>("place", GridInfo.class));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting", Types.STRING, Types.POJO(KpiFact.class)));
    }

    @Override
    public void processElement1(KpiFact fact, Context ctx, Collector<KpiFact> out)
            throws Exception {
        GridInfo grid = placeOf(fact.gridId);
        if (grid != null) {
            route(fact, grid, out);
        } else if (fact.type == FactType.TICKET_REMOVED) {
            waiting.remove(fact.id);
        } else {
            waiting.put(fact.id, fact);
            ctx.timerService().registerEventTimeTimer(calendar.expiresAt(fact.timeMs));
        }
    }

    @Override
    public void processElement2(GridInfo grid, Context ctx, Collector<KpiFact> out)
            throws Exception {
        if (place.value() != null) {
            return;
        }
        place.update(grid);
        for (KpiFact fact : waiting.values()) {
            route(fact, grid, out);
        }
        waiting.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out)
            throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, KpiFact> e : waiting.entries()) {
            if (calendar.expiresAt(e.getValue().timeMs) <= timestamp) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            waiting.remove(id);
        }
    }

    private GridInfo placeOf(String gridId) throws Exception {
        if (KpiFact.UNASSIGNED.equals(gridId)) {
            return new GridInfo(KpiFact.UNASSIGNED, KpiFact.UNASSIGNED, KpiFact.UNASSIGNED);
        }
        return place.value();
    }

    private static void route(KpiFact fact, GridInfo grid, Collector<KpiFact> out) {
        KpiFact placed = fact.copy();
        placed.stationId = grid.stationId;
        placed.county = grid.county;
        placed.route(out);
    }
}
