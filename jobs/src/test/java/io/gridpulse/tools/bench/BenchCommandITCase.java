package io.gridpulse.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bench tooling on a tiny city: every figure of the JSON is there and makes sense. */
class BenchCommandITCase {

    /** The keys INTERFACES.md promises for {@code bench --json}. */
    private static final List<String> KEYS =
            List.of(
                    "ceiling_reads_per_s",
                    "job_reads_per_s",
                    "ratio_to_ceiling",
                    "reads_per_s_per_core",
                    "sink_rows_per_s",
                    "checkpoint_s",
                    "checkpoint_bytes",
                    "state_bytes_per_meter",
                    "meters");

    @TempDir Path temp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void shouldMeasureEveryFigureOfATinyCity() throws Exception {
        TestStack stack = TestStack.fresh("bench", temp.resolve("checkpoints"), Map.of());
        SimulatedCity.feed(stack, 50, 1);
        Path json = temp.resolve("bench.json");
        // the reconnect phase starts the jobs as processes of their own, configured by this file
        Path config = temp.resolve("gridpulse.properties");
        Properties settings = new Properties();
        settings.putAll(stack.settings());
        try (var out = Files.newBufferedWriter(config)) {
            settings.store(out, "the test stack's own keys");
        }
        var options =
                new BenchCommand.Options(
                        300,
                        2_000,
                        200,
                        List.of("hashmap", "rocksdb"),
                        json,
                        null,
                        null,
                        Duration.ofMillis(300),
                        config,
                        new BenchCommand.ReconnectLoad(200, 100, 1_000, 0));

        BenchCommand.run(stack.config(), options, System.err);

        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.fieldNames())
                .toIterable()
                .as("a backend that failed is reported, not dropped; here every one is measured")
                .noneMatch(key -> key.endsWith("_not_measured"));
        for (String key : KEYS) {
            assertThat(figures.path(key).isNumber()).as(key).isTrue();
            assertThat(figures.path(key).asDouble()).as(key).isPositive().isFinite();
        }
        for (String job : List.of("service_kpi", "highbill", "reconnect", "directory")) {
            assertThat(figures.path(job + "_records_per_s").asDouble())
                    .as("every other job is measured end to end")
                    .isPositive()
                    .isFinite();
        }
        for (String key : List.of("reconnect_p50_ms", "reconnect_p99_ms")) {
            assertThat(figures.path(key).asDouble())
                    .as("the reconnect latency measured in the same run: " + key)
                    .isPositive()
                    .isFinite();
        }
        assertThat(figures.path("reconnect_p99_ms").asDouble())
                .isGreaterThanOrEqualTo(figures.path("reconnect_p50_ms").asDouble());
        assertThat(figures.path("meters").asInt()).isEqualTo(300);
        assertThat(figures.path("job_reads").asLong())
                .as("every simulated read was counted")
                .isEqualTo(stack.readAll("meter-reads").size());
        assertThat(figures.path("reads_per_s_per_core").asDouble())
                .isCloseTo(
                        figures.path("job_reads_per_s").asDouble()
                                / Runtime.getRuntime().availableProcessors(),
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(figures.path("state_backend").asText()).isIn("hashmap", "rocksdb");
        // every meter has a baseline read, a customer and an expiry timer in state
        assertThat(figures.path("hashmap_state_bytes_per_meter").asDouble()).isGreaterThan(50);
        assertThat(figures.path("rocksdb_state_bytes_per_meter").asDouble()).isGreaterThan(50);
        try (var ch = stack.clickHouse()) {
            assertThat(
                            Long.parseLong(
                                    ch.value(
                                            "SELECT count() FROM interval_consumption FINAL WHERE meter_id LIKE 'SINK%'")))
                    .as("the sink benchmark's rows are in ClickHouse")
                    .isEqualTo(2_000);
            assertThat(
                            Long.parseLong(
                                    ch.value(
                                            "SELECT count() FROM interval_consumption FINAL WHERE meter_id NOT LIKE 'SINK%'")))
                    .as("the job benchmark wrote the city's intervals")
                    .isPositive();
            for (String table : List.of("grid_kpi_daily", "payments", "customer_directory")) {
                assertThat(Long.parseLong(ch.value("SELECT count() FROM " + table)))
                        .as("the other jobs' runs wrote " + table)
                        .isPositive();
            }
        }
    }
}
