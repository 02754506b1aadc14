package io.gridpulse.highbill;

import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The high-bill job: projects each customer's running bill from the meter reads and alerts, once
 * per billing period and before the bill is issued, when it is on track to be much higher than the
 * same period last year. Alerts go to {@code customer-notifications} (SMS/WeChat gateway) and to
 * {@code high_bill_alerts} for the control room.
 */
public final class HighBillJob {

    public static final String NAME = "highbill";

    public static final GridPulseJob JOB =
            new GridPulseJob(NAME, HighBillKeys.all(), HighBillJob::wire);

    private HighBillJob() {}

    /** Where the job's results go. */
    public record Sinks(Sink<HighBillAlertRow> alerts, Sink<CustomerNotification> notifications) {}

    public static void wire(JobContext context) {
        KafkaSettings kafka = KafkaSettings.from(context.config());
        build(
                context.events(Topics.METER_READS, MeterRead.class),
                context.dimension(Topics.CUSTOMERS, Customer.class),
                context.events(Topics.BILLS, Bill.class),
                HighBillSettings.from(context.config()),
                new Sinks(
                        context.table("high_bill_alerts", HighBillAlertRow.class),
                        NotificationSerializer.sink(kafka, NAME)));
        context.routeDeadLetters();
    }

    public static void build(
            DataStream<MeterRead> reads,
            DataStream<Customer> customers,
            DataStream<Bill> bills,
            HighBillSettings settings,
            Sinks sinks) {
        DataStream<CustomerProfile> profiles =
                customers.map(CustomerProfile::of).name("customer profiles").uid("hb-profiles");
        DataStream<DailyUse> days =
                reads.map(MeterReading::of)
                        .name("registers")
                        .uid("hb-registers")
                        .keyBy(r -> r.meterId)
                        .connect(profiles.keyBy(p -> p.meterId))
                        .process(new MeterDays(settings.zone(), settings.meterStateTtl()))
                        .name("daily energy per meter")
                        .uid("hb-meter-days");

        DataStream<HighBillInput> inputs =
                days.map(HighBillInput::of)
                        .name("days")
                        .uid("hb-in-days")
                        .union(
                                profiles.map(HighBillInput::of)
                                        .name("profiles")
                                        .uid("hb-in-profiles"),
                                bills.map(BillFact::of)
                                        .name("bill history")
                                        .uid("hb-bills")
                                        .map(HighBillInput::of)
                                        .name("bills")
                                        .uid("hb-in-bills"));

        SingleOutputStreamOperator<HighBillAlert> alerts =
                inputs.keyBy(HighBillInput::customerId)
                        .process(new HighBillMonitor(settings))
                        .name("project bills")
                        .uid("hb-monitor");

        alerts.map(HighBillAlertRow::of)
                .name("alert rows")
                .uid("hb-alert-rows")
                .sinkTo(sinks.alerts())
                .name("high_bill_alerts")
                .uid("sink-high-bill-alerts");
        alerts.filter(a -> a.sent)
                .name("sent alerts")
                .uid("hb-sent")
                .map(Notifications::of)
                .name("notifications")
                .uid("hb-notifications")
                .sinkTo(sinks.notifications())
                .name("customer-notifications")
                .uid("sink-customer-notifications");
    }
}
