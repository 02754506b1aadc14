package io.gridpulse.servicekpi;

import io.gridpulse.common.LateRecord;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.streams.Topics;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The service-KPI job: complaint and service KPIs per grid, station and county, per local day and
 * local month, corrected as tickets change. Built from the streams and sinks it is given, so {@code
 * wire} plugs in Kafka and ClickHouse and tests plug in what they need.
 *
 * <p>Tickets keep their latest revision ({@link TicketRevisions}) and find their station and county
 * ({@link GridDirectory}); notices, payments and customer changes are placed by the customer's grid
 * at the time ({@link CustomerActivity}); reads are counted per meter and day ({@link
 * MeterCollection}). All of it meets per unit in {@link UnitKpis}, which writes versioned rows.
 */
public final class ServiceKpiJob {

    public static final String NAME = "service-kpi";

    public static final GridPulseJob JOB =
            new GridPulseJob(NAME, ServiceKpiKeys.all(), ServiceKpiJob::wire);

    private ServiceKpiJob() {}

    /** Where the job's results go; {@code tickets} gets every ticket revision as it comes. */
    public record Sinks(
            Sink<KpiRow> daily,
            Sink<KpiRow> monthly,
            Sink<LateRecord> lateRecords,
            Sink<ServiceTicketRow> tickets) {}

    /** What the job is configured with. */
    public record Settings(
            CompanyCalendar calendar,
            PeriodKpis kpis,
            Duration emitInterval,
            Duration readsLateness) {

        public static Settings from(GridPulseConfig config) {
            CompanyCalendar calendar =
                    new CompanyCalendar(
                            config.get(ServiceKpiKeys.COMPANY_ZONE),
                            config.get(ServiceKpiKeys.CORRECTION_HORIZON_MONTHS));
            return new Settings(
                    calendar,
                    new PeriodKpis(
                            calendar,
                            config.get(ServiceKpiKeys.TICKET_DEADLINES),
                            config.get(ServiceKpiKeys.BINDING_TARGET),
                            config.get(ServiceKpiKeys.PAYMENT_CHANNELS_TARGET),
                            config.get(ServiceKpiKeys.PAYMENT_CHANNELS_TARGET_RURAL)),
                    config.get(ServiceKpiKeys.EMIT_INTERVAL),
                    config.get(ServiceKpiKeys.READS_LATENESS));
        }
    }

    /** Wires the job to its Kafka inputs and ClickHouse tables. */
    public static void wire(JobContext context) {
        build(
                context.events(Topics.SERVICE_ORDERS, ServiceOrder.class),
                context.dimension(Topics.CUSTOMERS, Customer.class),
                context.events(Topics.NOTICES, Notice.class),
                context.events(Topics.PAYMENTS, Payment.class),
                context.events(Topics.METER_READS, MeterRead.class),
                Settings.from(context.config()),
                new Sinks(
                        context.table("grid_kpi_daily", KpiRow.class),
                        context.table("grid_kpi_monthly", KpiRow.class),
                        context.table("late_records", LateRecord.class),
                        context.table("service_tickets", ServiceTicketRow.class)));
        context.routeDeadLetters();
    }

    public static void build(
            DataStream<ServiceOrder> tickets,
            DataStream<Customer> customers,
            DataStream<Notice> notices,
            DataStream<Payment> payments,
            DataStream<MeterRead> reads,
            Settings settings,
            Sinks sinks) {
        CompanyCalendar calendar = settings.calendar();
        DataStream<CustomerProfile> profiles =
                customers.map(CustomerProfile::of).name("customer profiles").uid("kpi-profiles");

        tickets.map(ServiceTicketRow::of)
                .name("ticket rows")
                .uid("kpi-ticket-rows")
                .sinkTo(sinks.tickets())
                .name("service_tickets")
                .uid("sink-service-tickets");
        SingleOutputStreamOperator<KpiFact> ticketStates =
                tickets.map(KpiFact::ticket)
                        .name("ticket facts")
                        .uid("kpi-ticket-facts")
                        .keyBy(t -> t.id)
                        .process(new TicketRevisions(calendar))
                        .name("latest ticket revisions")
                        .uid("kpi-ticket-revisions");
        SingleOutputStreamOperator<KpiFact> ticketFacts =
                ticketStates
                        .keyBy(t -> t.gridId)
                        .connect(
                                profiles.map(GridInfo::of)
                                        .name("grid places")
                                        .uid("kpi-grid-places")
                                        .keyBy(g -> g.gridId))
                        .process(new GridDirectory(calendar))
                        .name("route tickets to units")
                        .uid("kpi-grid-directory");

        DataStream<Activity> activity =
                notices.map(Activity::of)
                        .name("notice activity")
                        .uid("kpi-notice-activity")
                        .union(
                                payments.map(Activity::of)
                                        .name("payment activity")
                                        .uid("kpi-payment-activity"));
        SingleOutputStreamOperator<KpiFact> customerFacts =
                profiles.keyBy(p -> p.customerId)
                        .connect(activity.keyBy(a -> a.customerId))
                        .process(new CustomerActivity(calendar))
                        .name("place customer activity")
                        .uid("kpi-customer-activity");

        SingleOutputStreamOperator<KpiFact> readFacts =
                // a power-down event (last gasp) is no scheduled read: it does not count as
                // collected
                reads.filter(
                                r ->
                                        r.getSource() == ReadSource.AMI
                                                && !r.getQualityFlags()
                                                        .contains(QualityFlag.POWER_DOWN))
                        .name("AMI reads")
                        .uid("kpi-ami-reads")
                        .map(AmiRead::of)
                        .name("collected reads")
                        .uid("kpi-collected-reads")
                        .keyBy(r -> r.meterId)
                        .connect(profiles.keyBy(p -> p.meterId))
                        .process(new MeterCollection(calendar, settings.readsLateness()))
                        .name("count collected reads")
                        .uid("kpi-meter-collection");

        SingleOutputStreamOperator<KpiRow> daily =
                ticketFacts
                        .union(customerFacts, readFacts)
                        .keyBy(KpiFact::unitKey)
                        .process(new UnitKpis(calendar, settings.kpis(), settings.emitInterval()))
                        .name("unit KPIs")
                        .uid("kpi-unit-kpis");

        daily.sinkTo(sinks.daily()).name("grid_kpi_daily").uid("sink-grid-kpi-daily");
        daily.getSideOutput(UnitKpis.MONTHLY)
                .sinkTo(sinks.monthly())
                .name("grid_kpi_monthly")
                .uid("sink-grid-kpi-monthly");
        ticketStates
                .getSideOutput(TicketRevisions.LATE)
                .union(
                        customerFacts.getSideOutput(CustomerActivity.LATE),
                        readFacts.getSideOutput(MeterCollection.LATE),
                        daily.getSideOutput(UnitKpis.LATE))
                .sinkTo(sinks.lateRecords())
                .name("late_records")
                .uid("sink-kpi-late-records");
    }
}
