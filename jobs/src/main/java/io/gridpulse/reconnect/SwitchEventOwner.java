package io.gridpulse.reconnect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by meter: gives each head-end switch event the customer its meter belongs to, from the
 * {@code customers} changelog. An event of a meter not mapped yet waits in state and goes out when
 * the mapping arrives; one still unmapped after the retention goes out under the customer id the
 * head-end reported, or is counted ({@code unmappedSwitchEvents}) when it reported none.
 */
public class SwitchEventOwner
        extends KeyedCoProcessFunction<String, SwitchStep, MeterOwner, SwitchStep> {

    private final long waitMs;
    private transient ValueState<String> owner;
    private transient MapState<String, SwitchStep> waiting;
    private transient Counter unmapped;

    /**
     * @param waitMs how long (event time) an event of an unmapped meter waits for its mapping
     */
    public SwitchEventOwner(long waitMs) {
        this.waitMs = waitMs;
    }

    @Override
    public void open(OpenContext context) {
        owner = getRuntimeContext().getState(new ValueStateDescriptor<>("owner", Types.STRING));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting",
                                        Types.STRING,
                                        TypeInformation.of(SwitchStep.class)));
        unmapped = getRuntimeContext().getMetricGroup().counter("unmappedSwitchEvents");
    }

    @Override
    public void processElement1(SwitchStep step, Context ctx, Collector<SwitchStep> out)
            throws Exception {
        String customer = owner.value();
        if (customer != null) {
            out.collect(step.ownedBy(customer));
            return;
        }
        waiting.put(step.eventId, step);
        ctx.timerService().registerEventTimeTimer(step.timeMs + waitMs);
    }

    @Override
    public void processElement2(MeterOwner mapping, Context ctx, Collector<SwitchStep> out)
            throws Exception {
        owner.update(mapping.customerId);
        List<SwitchStep> released = new ArrayList<>();
        waiting.values().forEach(released::add);
        for (SwitchStep step : released) {
            ctx.timerService().deleteEventTimeTimer(step.timeMs + waitMs);
            out.collect(step.ownedBy(mapping.customerId));
        }
        waiting.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SwitchStep> out)
            throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, SwitchStep> e : waiting.entries()) {
            SwitchStep step = e.getValue();
            if (step.timeMs + waitMs <= timestamp) {
                expired.add(e.getKey());
                if (step.reportedCustomerId != null) {
                    out.collect(step.ownedBy(step.reportedCustomerId));
                } else {
                    unmapped.inc();
                }
            }
        }
        for (String id : expired) {
            waiting.remove(id);
        }
    }
}
