package io.gridpulse.reconnect;

import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.streams.Topics;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The reconnect job: per customer the arrears ledger, the switch state, the notices and the
 * agreements; a reconnect command the moment a customer cut off for arrears is cleared; each case
 * tracked until the head-end reconnects; cut-offs that broke the notice rule flagged. Built from
 * the streams and sinks it is given, so {@code wire} plugs in Kafka and ClickHouse and tests plug
 * in bounded sources and collecting sinks.
 */
public final class ReconnectJob {

    public static final String NAME = "reconnect";

    public static final GridPulseJob JOB =
            new GridPulseJob(NAME, ReconnectKeys.all(), ReconnectJob::wire);

    private ReconnectJob() {}

    /** The job's inputs. */
    public record Inputs(
            DataStream<Customer> customers,
            DataStream<Bill> bills,
            DataStream<Payment> payments,
            DataStream<Notice> notices,
            DataStream<SwitchEvent> switchEvents) {}

    /** Where the job's results go. */
    public record Sinks(
            Sink<ReconnectCommand> commands,
            Sink<CaseRow> cases,
            Sink<NoticeViolation> violations,
            Sink<PaymentRow> payments,
            Sink<SwitchEventRow> switchEvents) {}

    /** Wires the job to its Kafka inputs, the command topic and its ClickHouse tables. */
    public static void wire(JobContext context) {
        // customers as events, not as a dimension: an agreement clears a case at its time, and
        // closed cases must not be forgotten while customer records of that time are still unread
        Inputs inputs =
                new Inputs(
                        context.events(Topics.CUSTOMERS, Customer.class),
                        context.events(Topics.BILLS, Bill.class),
                        context.events(Topics.PAYMENTS, Payment.class),
                        context.events(Topics.NOTICES, Notice.class),
                        context.events(Topics.SWITCH_EVENTS, SwitchEvent.class));
        // a record must not wait for a buffer to fill on any shuffle: commands are due at once.
        // 0 flushes every record: the job's volumes are small, and a 1 ms timeout woke a flusher
        // thread per task a thousand times a second (0.6 of a core on an idle job, measured)
        Duration bufferTimeout = context.config().get(ReconnectKeys.BUFFER_TIMEOUT);
        inputs.payments().getExecutionEnvironment().setBufferTimeout(bufferTimeout.toMillis());
        build(
                inputs,
                ReconnectSettings.from(context.config()),
                new Sinks(
                        ReconnectCommandSink.of(KafkaSettings.from(context.config()), NAME),
                        context.table("reconnect_cases", CaseRow.class),
                        context.table("notice_rule_violations", NoticeViolation.class),
                        context.table("payments", PaymentRow.class),
                        context.table("switch_events", SwitchEventRow.class)));
        context.routeDeadLetters();
    }

    public static void build(Inputs in, ReconnectSettings settings, Sinks sinks) {
        DataStream<SwitchStep> owned =
                in.switchEvents()
                        .map(SwitchStep::of)
                        .name("switch steps")
                        .uid("switch-steps")
                        .keyBy(s -> s.meterId)
                        .connect(
                                in.customers()
                                        .map(MeterOwner::of)
                                        .name("meter owners")
                                        .uid("meter-owners")
                                        .keyBy(o -> o.meterId))
                        .process(new SwitchEventOwner(settings.retentionMs()))
                        .name("switch events to customers")
                        .uid("switch-events-to-customers");
        owned.map(SwitchEventRow::of)
                .name("switch event rows")
                .uid("switch-event-rows")
                .sinkTo(sinks.switchEvents())
                .name("switch_events")
                .uid("sink-switch-events");

        DataStream<CustomerEvent> events =
                in.bills()
                        .map(CustomerEvent::of)
                        .name("bills to ledger")
                        .uid("bills-to-ledger")
                        .union(
                                in.payments()
                                        .map(CustomerEvent::of)
                                        .name("payments to ledger")
                                        .uid("payments-to-ledger"),
                                in.notices()
                                        .filter(n -> n.getKind() == NoticeKind.DISCONNECTION)
                                        .name("disconnection notices")
                                        .uid("disconnection-notices")
                                        .map(CustomerEvent::of)
                                        .name("notices to cases")
                                        .uid("notices-to-cases"),
                                in.customers()
                                        .filter(
                                                c ->
                                                        c.getPrepaymentAgreement()
                                                                || c.getAutoDebitAgreement())
                                        .name("agreements")
                                        .uid("agreements")
                                        .map(CustomerEvent::of)
                                        .name("agreements to cases")
                                        .uid("agreements-to-cases"),
                                owned.map(CustomerEvent::of)
                                        .name("switch steps to cases")
                                        .uid("switch-steps-to-cases"));

        SingleOutputStreamOperator<ReconnectCommand> commands =
                events.keyBy(e -> e.customerId)
                        .process(new ReconnectCases(settings))
                        .name("reconnect cases")
                        .uid("reconnect-cases");

        commands.sinkTo(sinks.commands()).name("reconnect-commands").uid("sink-reconnect-commands");
        commands.getSideOutput(ReconnectCases.CASES)
                .sinkTo(sinks.cases())
                .name("reconnect_cases")
                .uid("sink-reconnect-cases");
        commands.getSideOutput(ReconnectCases.VIOLATIONS)
                .sinkTo(sinks.violations())
                .name("notice_rule_violations")
                .uid("sink-notice-rule-violations");
        commands.getSideOutput(ReconnectCases.PAYMENTS)
                .sinkTo(sinks.payments())
                .name("payments")
                .uid("sink-payments");
    }
}
