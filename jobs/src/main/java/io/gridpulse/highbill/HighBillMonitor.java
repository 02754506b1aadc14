package io.gridpulse.highbill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per customer, in event time: projects the running period's bill after each completed day and
 * alerts once per period when it is on track to exceed the base (the same period last year, or the
 * segment's typical bill) by the configured share and floor.
 *
 * <p>Each day arriving sets an event-time timer at its own timestamp; the projection is made when
 * the timer fires, from the days that ended by then, so the outcome does not depend on how far the
 * inputs ran ahead of each other. The decision is kept in state ({@link AlertMark}) for the rest of
 * the period, so a restore never alerts twice; an alert due in quiet hours waits in state, with a
 * timer, until they end, and is then sent unless the customer opted out meanwhile. State is
 * bounded: days beyond the longest period plus the profile window and bills older than 14 months
 * are pruned as new ones come, and a customer silent for the history horizon is forgotten.
 */
public class HighBillMonitor extends KeyedProcessFunction<String, HighBillInput, HighBillAlert> {

    private static final int BILL_MONTHS_KEPT = 14;

    private final HighBillSettings settings;

    private transient ValueState<CustomerProfile> profile;
    private transient MapState<Long, DailyUse> days;
    private transient MapState<String, BillFact> bills;
    private transient ValueState<AlertMark> mark;
    private transient ValueState<Housekeeping> housekeeping;
    private transient Counter alertsDecided;
    private transient Counter alertsWithheld;

    public HighBillMonitor(HighBillSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        profile = ctx.getState(new ValueStateDescriptor<>("profile", CustomerProfile.class));
        days = ctx.getMapState(new MapStateDescriptor<>("days", Long.class, DailyUse.class));
        bills = ctx.getMapState(new MapStateDescriptor<>("bills", String.class, BillFact.class));
        mark = ctx.getState(new ValueStateDescriptor<>("alert", AlertMark.class));
        housekeeping = ctx.getState(new ValueStateDescriptor<>("housekeeping", Housekeeping.class));
        alertsDecided = ctx.getMetricGroup().counter("highBillAlertsDecided");
        alertsWithheld = ctx.getMetricGroup().counter("highBillAlertsWithheld");
    }

    @Override
    public void processElement(HighBillInput in, Context ctx, Collector<HighBillAlert> out)
            throws Exception {
        long time =
                ctx.timestamp() == null ? ctx.timerService().currentWatermark() : ctx.timestamp();
        touch(ctx, time);
        if (in.day != null) {
            addDay(in.day);
            ctx.timerService()
                    .registerEventTimeTimer(Math.max(time, dayStart(in.day.epochDay + 1)));
        } else if (in.bill != null) {
            addBill(in.bill);
        } else {
            boolean first = profile.value() == null;
            profile.update(in.customer);
            if (first) {
                catchUp(ctx, out);
            }
        }
    }

    /**
     * Evaluates, day by day as their timers would have, the days whose timers fired before the
     * customer's record arrived (the customers are read by a source that never holds event time
     * back, so they may come after the reads), and sends what is due by now: the alerts do not
     * depend on which input won the race.
     */
    private void catchUp(Context ctx, Collector<HighBillAlert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        List<Long> ended = new ArrayList<>();
        for (DailyUse day : days.values()) {
            if (dayStart(day.epochDay + 1) <= watermark) {
                ended.add(day.epochDay);
            }
        }
        Collections.sort(ended);
        for (long day : ended) {
            evaluate(dayStart(day + 1), ctx, out);
        }
        AlertMark m = mark.value();
        if (m != null && m.pending != null && m.sendAtMs <= watermark) {
            send(m, m.sendAtMs, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HighBillAlert> out)
            throws Exception {
        AlertMark m = mark.value();
        if (m != null && m.pending != null && timestamp >= m.sendAtMs) {
            send(m, timestamp, out);
        }
        evaluate(timestamp, ctx, out);
        Housekeeping h = housekeeping.value();
        if (h == null) {
            return;
        }
        long expiry = h.lastActivityMs + settings.historyHorizon().toMillis();
        if (timestamp >= expiry) {
            clearAll();
        } else if (timestamp == h.cleanupTimerMs) {
            h.cleanupTimerMs = expiry;
            ctx.timerService().registerEventTimeTimer(expiry);
            housekeeping.update(h);
        }
    }

    private void evaluate(long now, Context ctx, Collector<HighBillAlert> out) throws Exception {
        Housekeeping h = housekeeping.value();
        List<DailyUse> all = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        for (DailyUse day : days.values()) {
            all.add(day);
            if (dayStart(day.epochDay + 1) <= now) {
                latest = Math.max(latest, day.epochDay);
            }
        }
        CustomerProfile customer = profile.value();
        if (h == null
                || customer == null // master data not here yet: nothing to price or send to
                || latest == Long.MIN_VALUE
                || latest <= h.lastEvaluatedDay) {
            return;
        }
        h.lastEvaluatedDay = latest;
        housekeeping.update(h);

        LocalDate day = LocalDate.ofEpochDay(latest);
        BillingPeriod period =
                BillingPeriod.containing(
                        day,
                        customer.billingDay(settings.defaultBillingDay()),
                        settings.cycleMonths());
        AlertMark m = mark.value();
        if (m != null && m.period.equals(period.label())) {
            return; // decided already: one alert per period
        }
        if (period.elapsedDays(day) < settings.firstDays()) {
            return;
        }
        BillFact lastYear = bills.get(period.lastYearLabel());
        BillProjection projection =
                BillProjection.of(
                        all,
                        day,
                        period,
                        settings.profileDays(),
                        settings.tariff(),
                        customer.residential(),
                        lastYear != null ? lastYear.kwhWh / period.days() : 0,
                        settings.recentWeight());
        if (projection.recentDays() < Math.min(3, settings.profileDays())) {
            return;
        }
        BigDecimal base =
                lastYear != null
                        ? BigDecimal.valueOf(lastYear.amountCents, 2)
                        : settings.segmentBases().of(customer.segment, period.months());
        BigDecimal amount = projection.amount();
        boolean high =
                amount.compareTo(base.multiply(BigDecimal.ONE.add(settings.share()))) > 0
                        && amount.subtract(base).compareTo(settings.floor()) >= 0;
        if (!high) {
            return;
        }
        HighBillAlert alert = new HighBillAlert();
        alert.notificationId = HighBillAlert.notificationId(customer.customerId, period.label());
        alert.customerId = customer.customerId;
        alert.gridId = customer.gridId;
        alert.segment = customer.segment;
        alert.period = period.label();
        alert.periodStartDay = period.start().toEpochDay();
        alert.periodEndDay = period.end().toEpochDay();
        alert.projectionCents = amount.movePointRight(2).longValueExact();
        alert.baseCents = base.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
        alert.baseSource = lastYear != null ? "LAST_YEAR" : "SEGMENT";
        alert.projectedWh = projection.energy().totalWh();
        alert.reason =
                RiseReason.of(
                        projection,
                        period,
                        base,
                        lastYear != null
                                ? "in " + lastYear.period
                                : "typical of " + customer.segment + " customers",
                        lastYear != null ? lastYear.kwhWh / period.days() : 0,
                        all,
                        latest,
                        settings.profileDays(),
                        settings.tariff().tierOf(projection.energy().totalWh(), period.months()));
        // decided at the end of the newest day judged, however late its timer fired (a day closed
        // by a read after midnight) or whether the customer's record came after it (catchUp):
        // the alert does not depend on which input won the race
        long due = dayStart(latest + 1);
        alert.decidedAtMs = due;
        alertsDecided.inc();
        long sendAt = settings.quietHours().nextSendTime(due, settings.zone());
        AlertMark decided = new AlertMark(period.label(), alert, sendAt);
        if (sendAt <= due) {
            send(decided, due, out);
        } else {
            mark.update(decided);
            ctx.timerService().registerEventTimeTimer(sendAt);
        }
    }

    /** Sends a decided alert, unless the customer opted out or cannot be reached. */
    private void send(AlertMark m, long now, Collector<HighBillAlert> out) throws Exception {
        HighBillAlert alert = m.pending;
        CustomerProfile customer = profile.value();
        alert.channel =
                customer == null
                        ? "NONE"
                        : customer.wechatBound ? "WECHAT" : customer.smsBound ? "SMS" : "NONE";
        boolean optedOut = customer == null || customer.optOut;
        alert.sent = !optedOut && !"NONE".equals(alert.channel);
        if (!alert.sent) {
            alertsWithheld.inc();
            alert.reason +=
                    optedOut
                            ? " (not sent: the customer opted out of high-bill alerts)"
                            : " (not sent: no SMS or WeChat binding)";
        }
        alert.createdAtMs = now;
        out.collect(alert);
        m.pending = null;
        mark.update(m);
    }

    private void touch(Context ctx, long time) throws Exception {
        Housekeeping h = housekeeping.value();
        if (h == null) {
            h = new Housekeeping();
        }
        h.lastActivityMs = Math.max(h.lastActivityMs, time);
        if (h.cleanupTimerMs == 0) {
            h.cleanupTimerMs = h.lastActivityMs + settings.historyHorizon().toMillis();
            ctx.timerService().registerEventTimeTimer(h.cleanupTimerMs);
        }
        housekeeping.update(h);
    }

    private void addDay(DailyUse day) throws Exception {
        DailyUse known = days.get(day.epochDay);
        if (known != null) { // a second meter of the customer, or a swapped one: add up
            known.peakWh += day.peakWh;
            known.flatWh += day.flatWh;
            known.valleyWh += day.valleyWh;
            for (int b = 0; b < DailyUse.BLOCKS; b++) {
                known.blockWh[b] += day.blockWh[b];
            }
            day = known;
        }
        days.put(day.epochDay, day);
        long oldest = day.epochDay - settings.retainedDays();
        List<Long> expired = new ArrayList<>();
        for (Long key : days.keys()) {
            if (key < oldest) {
                expired.add(key);
            }
        }
        for (Long key : expired) {
            days.remove(key);
        }
    }

    private void addBill(BillFact bill) throws Exception {
        bills.put(bill.period, bill);
        String oldest = YearMonth.parse(bill.period).minusMonths(BILL_MONTHS_KEPT).toString();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, BillFact> entry : bills.entries()) {
            if (entry.getKey().compareTo(oldest) < 0) {
                expired.add(entry.getKey());
            }
        }
        for (String key : expired) {
            bills.remove(key);
        }
    }

    private void clearAll() {
        profile.clear();
        days.clear();
        bills.clear();
        mark.clear();
        housekeeping.clear();
    }

    private long dayStart(long epochDay) {
        return LocalDate.ofEpochDay(epochDay)
                .atStartOfDay(settings.zone())
                .toInstant()
                .toEpochMilli();
    }
}
