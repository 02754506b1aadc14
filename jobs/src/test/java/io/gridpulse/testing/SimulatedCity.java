package io.gridpulse.testing;

import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.schema.Customer;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** Feeds a simulated city into a test's topics and reads what the consumption job made of it. */
public final class SimulatedCity {

    /** The integration tests' seed (testdata/seeds.properties). */
    public static final long SEED = 7;

    private SimulatedCity() {}

    public static GroundTruth feed(TestStack stack, int meters, int days) {
        try (var sink = new KafkaRecordSink(stack.kafka().bootstrapServers(), stack::topic)) {
            return new Simulator(SimulationConfig.of(meters, days, SEED)).run(sink);
        }
    }

    /**
     * A city whose records went on the topics in two halves: the second on request; with every
     * customer record of both, in the order they were sent.
     */
    public record HalfFed(GroundTruth truth, Runnable secondHalf, List<Customer> customers) {}

    /**
     * Puts the first half of the city's records (in the order the simulator emits them, i.e. of
     * event time) on the topics; {@link HalfFed#secondHalf()} puts the rest, and moves event time
     * past the city's end.
     */
    public static HalfFed feedFirstHalf(TestStack stack, int meters, int days) {
        List<Emitted> records = new ArrayList<>();
        GroundTruth truth =
                new Simulator(SimulationConfig.of(meters, days, SEED))
                        .run(
                                (topic, key, value, at) ->
                                        records.add(new Emitted(topic, key, value, at)));
        int half = records.size() / 2;
        send(stack, records.subList(0, half));
        return new HalfFed(
                truth,
                () -> {
                    send(stack, records.subList(half, records.size()));
                    stack.advanceMeterReadsPast(truth.config().end());
                },
                records.stream()
                        .map(Emitted::value)
                        .filter(Customer.class::isInstance)
                        .map(Customer.class::cast)
                        .toList());
    }

    /** A record as the simulator emitted it. */
    public record Emitted(String topic, String key, SpecificRecord value, long timestampMillis) {}

    /** Puts {@code records} on {@code stack}'s topics, in order. */
    public static void send(TestStack stack, List<Emitted> records) {
        try (var sink = new KafkaRecordSink(stack.kafka().bootstrapServers(), stack::topic)) {
            for (Emitted r : records) {
                sink.send(r.topic(), r.key(), r.value(), r.timestampMillis());
            }
        }
    }

    /**
     * kWh per meter in {@code interval_consumption}, deduplicated, at scale 3 like the ground
     * truth.
     */
    public static Map<String, BigDecimal> measuredKwhByMeter(TestStack stack) {
        return consumptionByMeter(stack, r -> new BigDecimal(r.get("kwh")).setScale(3));
    }

    public static Map<String, Integer> measuredIntervalsByMeter(TestStack stack) {
        return consumptionByMeter(stack, r -> Integer.parseInt(r.get("intervals")));
    }

    private static <V> Map<String, V> consumptionByMeter(
            TestStack stack, Function<Map<String, String>, V> column) {
        try (var ch = stack.clickHouse()) {
            return ch.rows(SqlResources.query("consumption_by_meter")).stream()
                    .collect(
                            Collectors.toMap(
                                    r -> r.get("meter_id"), column, (a, b) -> a, TreeMap::new));
        }
    }

    /**
     * The truth of the meters that have an interval to measure: a meter whose reads all but one
     * fell into outages (a daily meter in a short run) has no row, like in the demo's summary.
     */
    public static <V> Map<String, V> measurable(GroundTruth truth, Map<String, V> byMeter) {
        Map<String, Integer> intervals = truth.expectedIntervalsByMeter();
        return byMeter.entrySet().stream()
                .filter(e -> intervals.getOrDefault(e.getKey(), 0) > 0)
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    public static Map<String, BigDecimal> scaled(Map<String, BigDecimal> kwh) {
        return kwh.entrySet().stream()
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                e -> e.getValue().setScale(3),
                                (a, b) -> a,
                                TreeMap::new));
    }
}
