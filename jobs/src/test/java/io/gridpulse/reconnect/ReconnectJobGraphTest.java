package io.gridpulse.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.testing.CollectingSink;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.MiniClusters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconnect job's whole graph on a mini-cluster, from bounded in-memory streams to collecting
 * sinks (no broker, no ClickHouse): meters mapped to customers, dunning notices left out of the
 * notice rule, commands only for the arrears cut-off that was cleared.
 */
@Timeout(120)
class ReconnectJobGraphTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private static Instant at(int minutes) {
        return START.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldCommandOnlyTheClearedArrearsCutOffAndFlagOnlyTheUnnoticedOne() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(conf);

        var inputs =
                new ReconnectJob.Inputs(
                        bounded(
                                env,
                                Customer.class,
                                List.of(
                                        customer("C-1", "M-1"),
                                        customer("C-2", "M-2"),
                                        customer("C-3", "M-3")),
                                c -> c.getUpdatedAt()),
                        bounded(
                                env,
                                Bill.class,
                                List.of(
                                        opening("B-1", "C-1", "80.00"),
                                        opening("B-2", "C-2", "50.00"),
                                        opening("B-3", "C-3", "70.00")),
                                Bill::getIssuedAt),
                        bounded(
                                env,
                                Payment.class,
                                List.of(
                                        payment("P-1a", "C-1", "30.00", at(600)),
                                        payment("P-1b", "C-1", "50.00", at(700)),
                                        payment("P-2", "C-2", "50.00", at(700))),
                                Payment::getPaidAt),
                        bounded(
                                env,
                                Notice.class,
                                List.of(
                                        notice("N-1", "C-1", NoticeKind.DISCONNECTION, at(100)),
                                        notice("N-3", "C-3", NoticeKind.DUNNING, at(100))),
                                Notice::getSentAt),
                        bounded(
                                env,
                                SwitchEvent.class,
                                List.of(
                                        cut(
                                                "E-1o",
                                                "M-1",
                                                SwitchStage.ORDERED,
                                                SwitchReason.ARREARS,
                                                at(300)),
                                        cut(
                                                "E-1",
                                                "M-1",
                                                SwitchStage.EXECUTED,
                                                SwitchReason.ARREARS,
                                                at(302)),
                                        cut(
                                                "E-2",
                                                "M-2",
                                                SwitchStage.EXECUTED,
                                                SwitchReason.SAFETY,
                                                at(302)),
                                        cut(
                                                "E-3o",
                                                "M-3",
                                                SwitchStage.ORDERED,
                                                SwitchReason.ARREARS,
                                                at(300)),
                                        cut(
                                                "E-3",
                                                "M-3",
                                                SwitchStage.EXECUTED,
                                                SwitchReason.ARREARS,
                                                at(302))),
                                SwitchEvent::getEventTime));
        var commands = new CollectingSink<ReconnectCommand>();
        var cases = new CollectingSink<CaseRow>();
        var violations = new CollectingSink<NoticeViolation>();
        var payments = new CollectingSink<PaymentRow>();
        var switchEvents = new CollectingSink<SwitchEventRow>();

        ReconnectJob.build(
                inputs,
                ReconnectSettings.defaults(),
                new ReconnectJob.Sinks(commands, cases, violations, payments, switchEvents));
        env.execute("reconnect-graph-test");

        assertThat(commands.values())
                .extracting(
                        ReconnectCommand::getCommandId,
                        ReconnectCommand::getMeterId,
                        ReconnectCommand::getClearedBy,
                        ReconnectCommand::getClearedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "RC-E-1", "M-1", ClearedBy.PAYMENT, at(700)));
        Map<String, CaseRow> current = newest(cases.values(), CaseRow::caseId, CaseRow::version);
        assertThat(current.keySet()).containsExactlyInAnyOrder("E-1", "E-2", "E-3");
        assertThat(current.get("E-1").status()).isEqualTo(ReconnectCases.WAITING_FOR_POWER);
        // the bounded input ends with the last watermark: the unreconnected case is overdue
        assertThat(current.get("E-1").overdue()).isEqualTo(1);
        assertThat(current.get("E-2").autoReconnect()).isZero();
        assertThat(current.get("E-3").status()).isEqualTo(ReconnectCases.DISCONNECTED);
        // a cut-off read before its notice is flagged, then withdrawn when the notice arrives
        assertThat(
                        newest(
                                        violations.values(),
                                        NoticeViolation::switchEventId,
                                        NoticeViolation::version)
                                .values()
                                .stream()
                                .filter(v -> v.withdrawn() == 0))
                .extracting(NoticeViolation::switchEventId, NoticeViolation::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("E-3o", NoticeRule.NO_NOTICE),
                        org.assertj.core.groups.Tuple.tuple("E-3", NoticeRule.NO_NOTICE));
        // a payment's row is written again when a record dated before it changes its figures
        assertThat(payments.values().stream().map(PaymentRow::paymentId).distinct())
                .containsExactlyInAnyOrder("P-1a", "P-1b", "P-2");
        assertThat(payments.values()).doesNotHaveDuplicates();
        assertThat(switchEvents.values())
                .extracting(SwitchEventRow::eventId, SwitchEventRow::customerId)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("E-1", "C-1"),
                        org.assertj.core.groups.Tuple.tuple("E-3", "C-3"))
                .hasSize(5);
    }

    private static <T> Map<String, T> newest(
            List<T> rows, Function<T, String> key, Function<T, Long> version) {
        Map<String, T> newest = new LinkedHashMap<>();
        for (T row : rows) {
            newest.merge(
                    key.apply(row), row, (a, b) -> version.apply(b) > version.apply(a) ? b : a);
        }
        return newest;
    }

    private static <T> DataStream<T> bounded(
            StreamExecutionEnvironment env,
            Class<T> type,
            List<T> records,
            EventTime<T> eventTime) {
        return env.fromData(records, TypeInformation.of(type))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMinutes(10))
                                .withTimestampAssigner(
                                        (r, ts) -> eventTime.apply(r).toEpochMilli()));
    }

    /** The event time of a record; travels into the timestamp assigner. */
    private interface EventTime<T> extends Function<T, Instant>, java.io.Serializable {}

    private static Customer customer(String id, String meter) {
        return Events.customer(id, meter, START).build();
    }

    private static Bill opening(String id, String customer, String yuan) {
        return Events.bill(id, customer, "2026-01", yuan, START, LocalDate.of(2026, 2, 20))
                .setOpeningBalance(true)
                .build();
    }

    private static Payment payment(String id, String customer, String yuan, Instant at) {
        return Events.payment(id, customer, yuan, at).build();
    }

    private static Notice notice(String id, String customer, NoticeKind kind, Instant sent) {
        return Events.notice(id, customer, kind, sent).build();
    }

    private static SwitchEvent cut(
            String id, String meter, SwitchStage stage, SwitchReason reason, Instant at) {
        return Events.disconnection(id, meter, stage, at).setReason(reason).build();
    }
}
