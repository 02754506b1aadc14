package io.gridpulse.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.LateRecord;
import io.gridpulse.consumption.ConsumptionAnomaly;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.consumption.IntervalConsumption;
import io.gridpulse.consumption.ValidationSettings;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.OutageLabel;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.CollectingSink;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.tools.eval.OutageScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumption job's graph on a mini-cluster with the demo-size simulated city (2,000 meters, 3
 * days, seed 42) as bounded in-memory inputs, reads with watermarks 10 minutes behind as in the
 * job: the outages, notifications and cases scored against the simulator's outages.csv (the same
 * score as {@code eval outages}, without the broker and the server).
 */
@Timeout(300)
class OutageJobTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    static OutageScore run(SimulationConfig config, OutageSettings settings) throws Exception {
        CollectingRecordSink city = new CollectingRecordSink();
        GroundTruth truth = new Simulator(config).run(city);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // one reader, as one partition: each meter's reads stay in order
        CollectingSink<OutageRow> outages = new CollectingSink<>();
        CollectingSink<CustomerNotification> notifications = new CollectingSink<>();
        CollectingSink<ConsumptionAnomaly> anomalies = new CollectingSink<>();
        ConsumptionJob.build(
                env.fromData(
                                city.values(Topics.METER_READS, MeterRead.class),
                                new AvroTypeInfo<>(MeterRead.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<MeterRead>forBoundedOutOfOrderness(
                                                Duration.ofMinutes(10))
                                        .withTimestampAssigner(
                                                (r, t) -> r.getReadTime().toEpochMilli()))
                        .map(new AfterTheCustomers())
                        .returns(new AvroTypeInfo<>(MeterRead.class)),
                env.fromData(
                        city.values(Topics.CUSTOMERS, Customer.class),
                        new AvroTypeInfo<>(Customer.class)),
                env.fromData(
                        city.values(Topics.SWITCH_EVENTS, SwitchEvent.class),
                        new AvroTypeInfo<>(SwitchEvent.class)),
                ValidationSettings.defaults(),
                settings,
                new ConsumptionJob.Sinks(
                        new CollectingSink<IntervalConsumption>(),
                        anomalies,
                        new CollectingSink<LateRecord>(),
                        outages,
                        notifications,
                        new CollectingSink<io.gridpulse.consumption.OwnerCorrection>()));
        env.execute("outage-graph");

        Map<String, OutageRow> current = new HashMap<>();
        for (OutageRow r : outages.values()) {
            current.merge(r.outageId(), r, (a, b) -> a.version() >= b.version() ? a : b);
        }
        List<OutageScore.Inferred> inferred = new ArrayList<>();
        current.values()
                .forEach(
                        r ->
                                inferred.add(
                                        new OutageScore.Inferred(
                                                r.outageId(),
                                                r.transformerArea(),
                                                r.openedAt().toEpochMilli(),
                                                r.detectedAt().toEpochMilli(),
                                                r.closedAt() == null
                                                        ? 0
                                                        : r.closedAt().toEpochMilli(),
                                                r.status(),
                                                r.cause())));
        List<OutageScore.Notice> notices = new ArrayList<>();
        for (CustomerNotification n : notifications.values()) {
            notices.add(
                    new OutageScore.Notice(
                            n.getNotificationId(),
                            n.getCustomerId(),
                            n.getKind().name(),
                            n.getOutageId(),
                            n.getCreatedAt().toEpochMilli()));
        }
        Map<String, ConsumptionAnomaly> cases = new HashMap<>();
        for (ConsumptionAnomaly a : anomalies.values()) {
            if (a.rule().equals("MISSING_READS")) {
                cases.merge(
                        a.meterId() + "@" + a.readTime(),
                        a,
                        (x, y) -> x.version() >= y.version() ? x : y);
            }
        }
        List<OutageScore.Case> missing = new ArrayList<>();
        cases.values()
                .forEach(
                        a ->
                                missing.add(
                                        new OutageScore.Case(
                                                a.meterId(),
                                                a.readTime().toEpochMilli(),
                                                a.closedAt() == null
                                                        ? a.readTime().toEpochMilli()
                                                        : a.closedAt().toEpochMilli(),
                                                a.outageId())));
        OutageScore score = OutageScore.of(labels(truth), inferred, notices, missing);
        System.out.println(
                "outage inference, "
                        + config
                        + (settings.notifyAtOpening() ? ", notify at opening" : "")
                        + "\n"
                        + score.summary()
                        + score.toJson());
        return score;
    }

    /**
     * Holds the reads back for a moment so the customer data (2,000 records) is through first, as
     * on Kafka where that topic is read in its first fetch; three in-memory sources otherwise race,
     * and a meter whose owner comes a simulated day late has its first cases written unowned.
     */
    static final class AfterTheCustomers extends RichMapFunction<MeterRead, MeterRead> {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(OpenContext context) throws InterruptedException {
            Thread.sleep(3000);
        }

        @Override
        public MeterRead map(MeterRead read) {
            return read;
        }
    }

    static List<OutageScore.Label> labels(GroundTruth truth) {
        List<OutageScore.Label> labels = new ArrayList<>();
        for (OutageLabel o : truth.outages()) {
            labels.add(
                    new OutageScore.Label(
                            o.outageId(),
                            o.cause(),
                            o.scope(),
                            o.transformerArea(),
                            o.from().toEpochMilli(),
                            o.until().toEpochMilli(),
                            o.customers(),
                            o.observable(),
                            new HashSet<>(o.meterIds())));
        }
        return labels;
    }

    @Test
    void shouldFindTheDemoCitysPowerOutagesAndNotifyOnlyForThem() throws Exception {
        OutageScore score =
                run(SimulationConfig.of(2000, 3, 42), OutageSettings.defaults(Duration.ofDays(1)));

        assertThat(score.figure("power_outages_observable")).isGreaterThanOrEqualTo(5);
        assertThat(score.figure("recall")).isGreaterThanOrEqualTo(0.9);
        assertThat(score.figure("precision")).isGreaterThanOrEqualTo(0.9);
        assertThat(score.figure("delay_p50_intervals")).isLessThanOrEqualTo(2);
        // the power-down events tell the customers while the power is off, not after
        assertThat(score.figure("started_notice_delay_p50_intervals")).isLessThanOrEqualTo(2);
        assertThat(score.figure("duplicate_notifications")).isZero();
        assertThat(score.figure("notifications_for_collection_failures")).isZero();
        assertThat(score.figure("missing_reads_cases_noted_with_outage")).isPositive();
        assertThat(score.figure("missing_reads_cases_noted_with_outage"))
                .isEqualTo(score.figure("missing_reads_cases_inside_power_outages"));
        assertThat(score.figure("cases_noted_outside_a_power_outage")).isZero();
    }

    @Test
    void shouldMeasureWhatNotifyingAtOpeningCosts() throws Exception {
        OutageScore score =
                run(
                        SimulationConfig.of(1000, 3, 42),
                        OutageSettings.defaults(Duration.ofDays(1)).withNotifyStarted("opening"));

        // told at once, but a concentrator failure cannot be told from a power cut until the
        // reads resume: its customers were told of an outage that was none
        assertThat(score.figure("started_notice_delay_p50_intervals")).isLessThanOrEqualTo(2);
        assertThat(score.figure("notifications_for_collection_failures")).isPositive();
        assertThat(score.figure("duplicate_notifications")).isZero();
    }
}
