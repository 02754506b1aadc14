package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.LateRecord;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.CollectingSink;
import io.gridpulse.testing.MiniClusters;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job graph on a mini-cluster, fed a few simulated days from memory (no broker, no
 * ClickHouse): the month's figures of every grid, station and county equal the independent
 * reference.
 */
@Timeout(120)
class ServiceKpiJobTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    /** Local midnight of 2026-03-01. */
    static final Instant MARCH_1 = Instant.parse("2026-02-28T16:00:00Z");

    @Test
    void shouldComputeTheMonthOfEveryUnitLikeTheReference() throws Exception {
        CollectingRecordSink city = new CollectingRecordSink();
        new Simulator(new SimulationConfig(120, 3, 7, MARCH_1)).run(city);
        // the input ends after three days: the month is judged as of the end of its newest day,
        // not against the whole month
        Instant newestRead =
                city.values(Topics.METER_READS, MeterRead.class).stream()
                        .map(MeterRead::getReadTime)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
        KpiReference reference =
                KpiReference.ofDefaults()
                        .judgedAsOf(
                                newestRead
                                        .atZone(SHANGHAI)
                                        .toLocalDate()
                                        .plusDays(1)
                                        .atStartOfDay(SHANGHAI)
                                        .toInstant()
                                        .minusMillis(1));
        city.records().forEach(r -> reference.accept(r.topic(), r.value()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CollectingSink<KpiRow> daily = new CollectingSink<>();
        CollectingSink<KpiRow> monthly = new CollectingSink<>();
        CollectingSink<LateRecord> late = new CollectingSink<>();
        CollectingSink<ServiceTicketRow> tickets = new CollectingSink<>();
        ServiceKpiJob.build(
                events(
                        env,
                        city,
                        Topics.SERVICE_ORDERS,
                        ServiceOrder.class,
                        o -> o.getUpdatedAt().toEpochMilli()),
                env.fromData(
                        city.values(Topics.CUSTOMERS, Customer.class),
                        TypeInformation.of(Customer.class)),
                events(env, city, Topics.NOTICES, Notice.class, n -> n.getSentAt().toEpochMilli()),
                events(
                        env,
                        city,
                        Topics.PAYMENTS,
                        Payment.class,
                        p -> p.getPaidAt().toEpochMilli()),
                events(
                        env,
                        city,
                        Topics.METER_READS,
                        MeterRead.class,
                        r -> r.getReadTime().toEpochMilli()),
                new ServiceKpiJob.Settings(CALENDAR, KPIS, EMIT_INTERVAL, Duration.ofDays(1)),
                new ServiceKpiJob.Sinks(daily, monthly, late, tickets));
        env.execute("service-kpi-graph");

        Map<String, String> expected = reference.figures(LocalDate.parse("2026-03-01"), false);
        // the city's opening history (last year's bills and payments) has months of its own
        Map<String, String> march = new TreeMap<>(current(monthly.values()));
        march.keySet().removeIf(key -> !key.startsWith("2026-03-01|"));
        assertThat(march).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(expected.get("2026-03-01|GRID|G-DC-001|active_customers")).isNotEqualTo("0/0");
        assertThat(ratio(expected.get("2026-03-01|GRID|G-DC-001|collection_success_rate")))
                .as(
                        "a three-day replay is judged on three days' reads (outages and collection failures take some), not on a month's")
                .isGreaterThan(0.5);
        assertThat(daily.values()).isNotEmpty();
        // every revision of every ticket becomes a row; service_tickets keeps the highest
        assertThat(tickets.values())
                .extracting(t -> t.ticketId() + "#" + t.revision())
                .containsExactlyInAnyOrderElementsOf(
                        city.values(Topics.SERVICE_ORDERS, ServiceOrder.class).stream()
                                .map(o -> o.getTicketId() + "#" + o.getRevision())
                                .toList());
    }

    private static double ratio(String figure) {
        String[] parts = figure.split("/");
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    /** The current figure of each row key: the row with the highest version. */
    static Map<String, String> current(List<KpiRow> rows) {
        return rows.stream()
                .collect(
                        Collectors.groupingBy(
                                r ->
                                        r.periodStart()
                                                + "|"
                                                + r.level()
                                                + "|"
                                                + r.unitId()
                                                + "|"
                                                + r.kpi(),
                                TreeMap::new,
                                Collectors.maxBy(Comparator.comparingLong(KpiRow::version))))
                .entrySet()
                .stream()
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                e ->
                                        e.getValue().orElseThrow().numerator()
                                                + "/"
                                                + e.getValue().orElseThrow().denominator(),
                                (a, b) -> a,
                                TreeMap::new));
    }

    private interface EventTime<T> extends Serializable {
        long of(T record);
    }

    private static <T extends SpecificRecord> DataStream<T> events(
            StreamExecutionEnvironment env,
            CollectingRecordSink city,
            String topic,
            Class<T> type,
            EventTime<T> eventTime) {
        return env.fromData(city.values(topic, type), TypeInformation.of(type))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMinutes(10))
                                .withTimestampAssigner((e, t) -> eventTime.of(e)));
    }
}
