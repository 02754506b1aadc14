package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.common.metrics.JobMetrics;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.GridPulseProcess;
import io.gridpulse.testing.TestStack;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill {@code upgrade}: the released consumption job ({@code run consumption}, parallelism 2)
 * stopped with a savepoint through the embedded run's REST endpoint on loopback ({@code POST
 * /jobs/<id>/stop}, as an operator would with curl), then its next version started from that
 * savepoint: the same graph with one stateful operator added ({@link UpgradedConsumption}), at
 * parallelism 3, with every piece of the savepoint's state required to find its operator. Every
 * meter exact, no key with two values, the added operator saw every read of the restored run, and
 * per input topic the restored run counted exactly the records beyond the savepoint's offsets.
 */
@EnabledIfEnvironmentVariable(
        named = "GRIDPULSE_DRILL_FULL",
        matches = "true",
        disabledReason =
                "a drill of ./gridpulse drill only: ./gridpulse test stays under 20 minutes")
@Timeout(1500)
class UpgradeDrillITCase {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir Path dir;

    @Test
    void shouldResumeFromASavepointWithAnAddedOperatorAndAnotherParallelismWithEveryMeterExact()
            throws Exception {
        // the assertions are per meter and per topic: 500 meters prove what 1,000 did, in half the
        // drain
        int meters = 500;
        TestStack stack =
                TestStack.fresh(
                        "upgradedrill", dir.resolve("checkpoints"), CityDrill.settings(Map.of()));
        CityDrill drill = new CityDrill("upgrade", stack, List.of(CityDrill.JOB));
        // the second half goes on the topics after the stop: rows to come whatever the speed
        Runnable feedTheRest = drill.feedFirstHalf(meters, 2);
        long expectedIntervals =
                drill.truth.expectedIntervalsByMeter().values().stream()
                        .mapToLong(Integer::longValue)
                        .sum();
        int port = freePort();
        Path savepoint;
        long rowsAtStop;
        try (GridPulseProcess first =
                drill.run(Map.of("job.parallelism", "2", "job.rest.port", String.valueOf(port)))) {
            CityDrill.await(
                    () -> drill.intervalRows() > 0,
                    Duration.ofMinutes(6),
                    "rows written; see " + first.log());
            savepoint = stopWithSavepoint(first, port, dir.resolve("savepoints"));
            rowsAtStop = drill.intervalRows();
        }
        assertThat(rowsAtStop)
                .as("stopped mid-run, with rows written and rows to come")
                .isPositive()
                .isLessThan(expectedIntervals);
        feedTheRest.run();
        // only the savepoint says where the job was
        drill.forgetCommittedOffsets();
        // the next metrics window is the restored run's alone
        Thread.sleep(JobMetrics.WINDOW.toMillis() + 1000);
        Instant restoredAt = Instant.now();
        int nextPort = freePort();
        try (GridPulseProcess second =
                drill.runMain(
                        UpgradedConsumption.class,
                        Map.of("job.parallelism", "3", "job.rest.port", String.valueOf(nextPort)),
                        savepoint.toString())) {
            drill.awaitDrained(second, Duration.ofMinutes(10));
            drill.assertExact();
            drill.assertNoRestartsOrStackTraces(second);
            assertThat(second.output()).contains(CityDrill.JOB + ": resuming from " + savepoint);
            long reads = drill.endOffsets(stack.topic(Topics.METER_READS));
            long reread = drill.readsSince(restoredAt);
            drill.figures.put("reads", reads);
            drill.figures.put("reads_read_after_restore", reread);
            assertThat(reread)
                    .as("the restored run resumed from the savepoint's offsets, not the beginning")
                    .isPositive()
                    .isLessThan(reads);
            drill.assertEveryTopicAccountedAfterRestore(savepoint, restoredAt);
            long seen = awaitAddedOperatorSaw(nextPort, reread);
            drill.figures.put("added_operator_records_in", seen);
        }
        drill.figures.put("parallelism_before", 2);
        drill.figures.put("parallelism_after", 3);
        drill.figures.put("interval_rows_at_stop", rowsAtStop);
        drill.report();
    }

    /**
     * The records into the added operator's task (Flink's own metric over REST), once they equal
     * the reads the restored run counted: the operator is in the graph and every read passed it.
     */
    private static long awaitAddedOperatorSaw(int port, long reads) throws Exception {
        String base = "http://127.0.0.1:" + port;
        String id = first(get(base + "/jobs"), "\"id\":\"([0-9a-f]+)\"");
        ObjectMapper json = new ObjectMapper();
        long[] seen = {-1};
        int[] parallelism = {0};
        CityDrill.await(
                () -> {
                    try {
                        for (JsonNode v :
                                json.readTree(get(base + "/jobs/" + id)).get("vertices")) {
                            if (v.get("name")
                                    .asText()
                                    .contains(UpgradedConsumption.ADDED_OPERATOR)) {
                                seen[0] = v.get("metrics").get("read-records").asLong();
                                parallelism[0] = v.get("parallelism").asInt();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return seen[0] == reads;
                },
                Duration.ofSeconds(90),
                "the added operator's read-records = the " + reads + " reads after the restore");
        assertThat(parallelism[0]).as("the added operator's parallelism").isEqualTo(3);
        return seen[0];
    }

    /**
     * Stops the only job of the embedded run at {@code port} with a savepoint in {@code target}.
     * The run ends with its job, REST with it, so the savepoint is found in its folder.
     */
    private static Path stopWithSavepoint(GridPulseProcess run, int port, Path target)
            throws Exception {
        String base = "http://127.0.0.1:" + port;
        String id = first(get(base + "/jobs"), "\"id\":\"([0-9a-f]+)\"");
        String body = "{\"targetDirectory\":\"" + target.toUri() + "\",\"drain\":false}";
        String response =
                HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "/stop"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        first(response, "\"request-id\":\"([0-9a-f]+)\"");
        assertThat(run.waitFor(Duration.ofMinutes(4)))
                .as("the run ends with its job; " + run.log())
                .isZero();
        try (var found = Files.list(target)) {
            List<Path> savepoints =
                    found.filter(p -> Files.isRegularFile(p.resolve("_metadata"))).toList();
            assertThat(savepoints).as("one savepoint in " + target).hasSize(1);
            return savepoints.get(0);
        }
    }

    private static String get(String url) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
