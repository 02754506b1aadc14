package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.LateRecord;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.testing.CollectingSink;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.MiniClusters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumption job's graph on a mini-cluster with bounded in-memory inputs and collecting sinks
 * (no broker, no ClickHouse): three scripted meters give the expected energy and cases.
 */
@Timeout(120)
class ConsumptionJobGraphTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);

    private static MeterRead read(String meter, int quarter, long wh) {
        return Events.read(meter, START.plus(QUARTER.multipliedBy(quarter)), wh).build();
    }

    private static Customer customer(String id, String meter) {
        return Events.customer(id, meter, START.minus(Duration.ofDays(30))).build();
    }

    @Test
    void shouldMeasureEnergyAndOpenCasesForScriptedMeters() throws Exception {
        List<MeterRead> reads = new ArrayList<>();
        long plain = 1_000_000;
        long off = 2_000_000;
        long orphan = 3_000_000;
        for (int q = 0; q <= 2 * 96; q++) {
            if (q > 0) {
                plain += 100 + q % 5;
                off += 100 + q % 5;
                orphan += 50 + q % 5;
            }
            reads.add(read("M-PLAIN", q, q == 60 ? plain / 10 : plain));
            if (q < 100 || q > 110) {
                reads.add(read("M-OFF", q, off));
            }
            reads.add(read("M-ORPHAN", q, orphan));
        }
        SwitchEvent cut =
                Events.disconnection(
                                "E-1",
                                "M-OFF",
                                SwitchStage.EXECUTED,
                                START.plus(QUARTER.multipliedBy(150)).plusSeconds(30))
                        .build();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // one reader, as one Kafka partition, chained to the validator: each meter's reads stay
        // in order (a rebalance between a single reader and parallel maps would shuffle them)
        env.setParallelism(1);
        CollectingSink<IntervalConsumption> intervals = new CollectingSink<>();
        CollectingSink<ConsumptionAnomaly> anomalies = new CollectingSink<>();
        CollectingSink<LateRecord> late = new CollectingSink<>();
        ConsumptionJob.build(
                env.fromData(reads, new AvroTypeInfo<>(MeterRead.class)),
                env.fromData(
                        List.of(customer("C-1", "M-PLAIN"), customer("C-2", "M-OFF")),
                        new AvroTypeInfo<>(Customer.class)),
                env.fromData(List.of(cut), new AvroTypeInfo<>(SwitchEvent.class)),
                ValidationSettings.defaults(),
                new ConsumptionJob.Sinks(
                        intervals,
                        anomalies,
                        late,
                        new CollectingSink<io.gridpulse.outage.OutageRow>(),
                        new CollectingSink<io.gridpulse.schema.CustomerNotification>()));
        env.execute("consumption-graph");

        Map<String, Long> whByMeter = new TreeMap<>();
        Map<String, IntervalConsumption> latest = new TreeMap<>();
        for (IntervalConsumption row : intervals.values()) {
            latest.merge(
                    row.meterId() + "@" + row.intervalEnd(),
                    row,
                    (a, b) -> b.version() >= a.version() ? b : a);
        }
        latest.values().stream()
                .filter(r -> r.superseded() == 0)
                .forEach(
                        r ->
                                whByMeter.merge(
                                        r.meterId(),
                                        r.kwh().movePointRight(3).longValue(),
                                        Long::sum));
        long wiggle = 0;
        for (int q = 1; q <= 2 * 96; q++) {
            wiggle += q % 5;
        }
        assertThat(whByMeter)
                .containsEntry("M-PLAIN", 192 * 100L + wiggle)
                .containsEntry("M-OFF", 192 * 100L + wiggle)
                .containsEntry("M-ORPHAN", 192 * 50L + wiggle);

        Map<String, List<String>> rulesByMeter =
                anomalies.values().stream()
                        .collect(
                                Collectors.groupingBy(
                                        ConsumptionAnomaly::meterId,
                                        TreeMap::new,
                                        Collectors.mapping(
                                                ConsumptionAnomaly::rule,
                                                Collectors.collectingAndThen(
                                                        Collectors.toSet(),
                                                        s -> s.stream().sorted().toList()))));
        assertThat(rulesByMeter)
                .containsOnlyKeys("M-PLAIN", "M-OFF")
                .containsEntry("M-PLAIN", List.of("NEGATIVE_DELTA"))
                .containsEntry("M-OFF", List.of("CONSUMPTION_WHILE_OFF", "MISSING_READS"));
        assertThat(late.values()).isEmpty();
        assertThat(
                        latest.values().stream()
                                .filter(r -> r.meterId().equals("M-ORPHAN"))
                                .map(IntervalConsumption::gridId)
                                .distinct())
                .containsExactly(MeterProfile.UNASSIGNED_GRID);
    }
}
