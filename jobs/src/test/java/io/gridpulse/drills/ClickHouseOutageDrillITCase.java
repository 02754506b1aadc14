package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.testing.DrillStack;
import io.gridpulse.testing.GridPulseProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill {@code clickhouse-outage}: ClickHouse stopped while the consumption and reconnect jobs run
 * unbounded and the city's records arrive (60 s in the drill, 15 s in {@code ./gridpulse test}),
 * then started again on the same data. The sinks ride it out: every meter exact, no key with two
 * values, every expected reconnect command sent and every payment stored, every read accounted for,
 * one log line per incident and sink writer (not one per retry), no restart.
 */
@Timeout(1500)
class ClickHouseOutageDrillITCase {

    @TempDir Path dir;

    @Test
    void shouldRideOutAClickHouseOutageWithEveryMeterExact() throws Exception {
        int outageSeconds = CityDrill.full() ? 60 : 15;
        int meters = CityDrill.meters();
        try (DrillStack services = DrillStack.up("clickhouse-outage", 0)) {
            CityDrill drill =
                    CityDrill.onOwnServices(
                            "clickhouse-outage", services, dir.resolve("checkpoints"));
            try (GridPulseProcess job = drill.run(Map.of())) {
                drill.awaitCheckpoint(job, null, Duration.ofMinutes(6));
                long stopped = System.nanoTime();
                services.stop("clickhouse");
                // the reads arrive while the database is away: the sink has rows to write
                drill.feed(meters, 2);
                long left = outageSeconds * 1000L - (System.nanoTime() - stopped) / 1_000_000;
                Thread.sleep(Math.max(0, left));
                services.start();
                drill.figures.put("outage_s", (System.nanoTime() - stopped) / 1_000_000_000);
                drill.awaitDrained(job, Duration.ofMinutes(10));
                drill.assertExact();
                drill.assertEveryReadAccounted();
                drill.assertNoRestartsOrStackTraces(job);
                List<String> started = CityDrill.linesWith(job, "failing (");
                List<String> over = CityDrill.linesWith(job, "succeeded after");
                Map<String, Long> perTable =
                        started.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                l -> l.replaceAll(".*insert into (\\S+).*", "$1"),
                                                Collectors.counting()));
                drill.figures.put("incident_lines", started.size());
                drill.figures.put("recovered_lines", over.size());
                assertThat(started).as("the sink said the outage began").isNotEmpty();
                // parallelism 2; job_metrics and rejected_records are written by every job
                assertThat(perTable)
                        .as("one line per incident and sink writer, not one per retry: " + perTable)
                        .allSatisfy(
                                (table, n) ->
                                        assertThat(n)
                                                .isLessThanOrEqualTo(
                                                        table.endsWith("job_metrics")
                                                                        || table.endsWith(
                                                                                "rejected_records")
                                                                ? 2L * drill.jobs.size()
                                                                : 2L));
                assertThat(over).as("each incident said when it was over").hasSameSizeAs(started);
            }
            drill.report();
        }
    }
}
