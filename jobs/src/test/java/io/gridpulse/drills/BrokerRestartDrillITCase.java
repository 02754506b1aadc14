package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.testing.DrillStack;
import io.gridpulse.testing.GridPulseProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill {@code broker-restart}: the Kafka broker stopped mid-run (the first half of a 500-meter
 * city on the topics and rows written; the second half goes on once the broker is back) and started
 * again on the same data folder after 75 s, longer than the minute that used to fail the jobs over
 * (10 s in a run without {@code GRIDPULSE_DRILL_FULL}). The consumption and reconnect jobs
 * reconnect by themselves: every meter exact, no key with two values, every expected reconnect
 * command sent and every payment stored, every read accounted for, no restart, no stack trace.
 */
@EnabledIfEnvironmentVariable(
        named = "GRIDPULSE_DRILL_FULL",
        matches = "true",
        disabledReason =
                "a drill of ./gridpulse drill only: ./gridpulse test stays under 20 minutes")
@Timeout(1500)
class BrokerRestartDrillITCase {

    @TempDir Path dir;

    @Test
    void shouldReconnectAfterABrokerRestartWithEveryMeterExact() throws Exception {
        int downSeconds = CityDrill.full() ? 75 : 10;
        // the assertions are per meter and per topic: 500 meters prove what 1,000 did, in half the
        // drain
        int meters = 500;
        try (DrillStack services = DrillStack.up("broker-restart", 1)) {
            CityDrill drill =
                    CityDrill.onOwnServices("broker-restart", services, dir.resolve("checkpoints"));
            try (GridPulseProcess job = drill.run(Map.of())) {
                drill.awaitCheckpoint(job, null, Duration.ofMinutes(6));
                // the second half goes on the topics once the broker is back: reads to come
                Runnable feedTheRest = drill.feedFirstHalf(meters, 2);
                CityDrill.await(
                        () -> drill.intervalRows() > 0,
                        Duration.ofMinutes(6),
                        "rows written; see " + job.log());
                long rowsAtStop = drill.intervalRows();
                long stopped = System.nanoTime();
                services.stop("kafka");
                Thread.sleep(downSeconds * 1000L);
                services.start();
                drill.figures.put("broker_down_s", (System.nanoTime() - stopped) / 1_000_000_000);
                feedTheRest.run();
                drill.figures.put("interval_rows_at_stop", rowsAtStop);
                drill.awaitDrained(job, Duration.ofMinutes(10));
                drill.assertExact();
                drill.assertEveryReadAccounted();
                long incident = (System.nanoTime() - stopped) / 1_000_000_000;
                drill.assertNoRestartsOrStackTraces(job);
                int commitWarnings =
                        CityDrill.linesWith(job, "Failed to commit consumer offsets").size();
                drill.figures.put("offset_commit_warning_lines", commitWarnings);
                assertThat(commitWarnings)
                        .as("a line per incident and 20 s, not one per checkpoint and reader")
                        .isPositive()
                        .isLessThanOrEqualTo(1 + (int) (incident / 20));
            }
            drill.report();
        }
    }
}
