package io.gridpulse.servicekpi;

import io.gridpulse.common.LateRecord;
import io.gridpulse.streams.Topics;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the latest revision of one ticket, by revision number and not by arrival: an older revision
 * arriving after a newer one changes nothing. Every newer revision is passed on as the ticket's
 * current state ({@link FactType#TICKET}), and when the ticket moved to another grid, a {@link
 * FactType#TICKET_REMOVED} for the grid it left goes first, so no grid counts it twice.
 *
 * <p>A ticket is forgotten when the month it was opened in leaves the correction horizon; a
 * revision of a ticket that old goes to {@link #LATE} and changes nothing.
 */
public class TicketRevisions extends KeyedProcessFunction<String, KpiFact, KpiFact> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<LateRecord> LATE = new OutputTag<>("late-tickets") {};

    private final CompanyCalendar calendar;

    private transient ValueState<KpiFact> latest;
    private transient Counter staleRevisions;
    private transient Counter lateRecords;

    public TicketRevisions(CompanyCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", KpiFact.class));
        staleRevisions = getRuntimeContext().getMetricGroup().counter("staleRevisions");
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement(KpiFact ticket, Context ctx, Collector<KpiFact> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (calendar.expired(ticket.timeMs, watermark)) {
            lateRecords.inc();
            ctx.output(LATE, late(ticket, watermark));
            return;
        }
        KpiFact previous = latest.value();
        if (previous != null && ticket.revision <= previous.revision) {
            staleRevisions.inc();
            return;
        }
        if (previous != null && !previous.gridId.equals(ticket.gridId)) {
            KpiFact removed = previous.copy();
            removed.type = FactType.TICKET_REMOVED;
            out.collect(removed);
        }
        out.collect(ticket);
        latest.update(ticket);
        ctx.timerService().registerEventTimeTimer(calendar.expiresAt(ticket.timeMs));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out)
            throws Exception {
        KpiFact current = latest.value();
        if (current != null && calendar.expiresAt(current.timeMs) <= timestamp) {
            latest.clear();
        }
    }

    static LateRecord late(KpiFact fact, long watermark) {
        return new LateRecord(
                ServiceKpiJob.NAME,
                Topics.SERVICE_ORDERS,
                fact.id,
                Instant.ofEpochMilli(fact.timeMs),
                fact.timeMs,
                watermark,
                "{\"ticket_id\":\"" + fact.id + "\",\"revision\":" + fact.revision + "}");
    }
}
