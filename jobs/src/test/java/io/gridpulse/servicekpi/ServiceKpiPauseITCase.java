package io.gridpulse.servicekpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.PausedCity;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service-KPI job runs live through a simulated month (local March 2026) while its inputs pause
 * mid-month for several idleness periods, and is stopped with {@code --drain}: every daily and
 * monthly figure of every grid, station and county must equal {@link KpiReference} computed from
 * the raw records. Two pauses: every input at once (the month fed in two halves of event time), and
 * only the meter reads (a head-end delivering late) while tickets, notices, payments and customer
 * changes go on.
 */
@Timeout(300)
@Disabled(
        "known gap (docs/reliability.md, pauses and drains): reads of a partition carried behind"
                + " the watermark go to late_records, and daily rows miss facts the unit holds")
class ServiceKpiPauseITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 120;
    private static final Instant MARCH_1 = Instant.parse("2026-02-28T16:00:00Z");
    private static final LocalDate MARCH = LocalDate.parse("2026-03-01");
    private static final Instant SPLIT = MARCH_1.plus(Duration.ofDays(15));
    private static final long IDLENESS_MS = 2_000;
    private static final List<String> INPUTS =
            List.of(
                    Topics.SERVICE_ORDERS,
                    Topics.CUSTOMERS,
                    Topics.NOTICES,
                    Topics.PAYMENTS,
                    Topics.METER_READS);

    @TempDir Path checkpoints;
    @TempDir Path savepoints;

    @Test
    void shouldEqualTheReferenceWhenEveryInputPauses() throws Exception {
        pauseAndCompare("kpipause", Set.copyOf(INPUTS));
    }

    @Test
    void shouldEqualTheReferenceWhenOnlyTheReadsPause() throws Exception {
        pauseAndCompare("kpireadpause", Set.of(Topics.METER_READS));
    }

    private void pauseAndCompare(String name, Set<String> pausing) throws Exception {
        PausedCity city =
                PausedCity.of(
                        new SimulationConfig(METERS, 31, SimulatedCity.SEED, MARCH_1), INPUTS);
        KpiReference reference = KpiReference.ofDefaults();
        city.each(reference::accept);
        Map<String, String> expected = reference.figures(MARCH, true);
        assertThat(expected)
                .as("the month has complaints and collected reads to check")
                .anySatisfy((k, v) -> assertThat(k).endsWith("|complaints"))
                .anySatisfy(
                        (k, v) -> {
                            assertThat(k).endsWith("|collection_success_rate");
                            assertThat(v).isNotEqualTo("0/0");
                        });
        TestStack stack =
                TestStack.fresh(
                        name,
                        checkpoints.resolve(name),
                        Map.of(
                                "job.checkpoint.interval",
                                "500ms",
                                "events.source.idleness",
                                IDLENESS_MS + "ms"));

        long started = System.nanoTime();
        city.send(stack, r -> r.before(SPLIT));
        JobClient job = JobRuns.start(stack.config(), ServiceKpiJob.JOB, null);
        PausedCity.awaitAllRead(stack, job, ServiceKpiJob.NAME, INPUTS);
        city.resumeAfterAPause(stack, job, ServiceKpiJob.NAME, SPLIT, pausing, IDLENESS_MS);
        JobRuns.drain(job, savepoints.resolve(name));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        Map<String, String> figures = KpiFigures.read(stack, MARCH);
        long late;
        try (var ch = stack.clickHouse()) {
            late = Long.parseLong(ch.value("SELECT count() FROM late_records"));
            ch.rows(
                            "SELECT stream, count() AS n, toString(min(event_time)) AS first,"
                                    + " toString(max(event_time)) AS last,"
                                    + " intDiv(max(watermark_ms - event_ms), 60000) AS max_behind_min"
                                    + " FROM late_records GROUP BY stream")
                    .forEach(r -> System.out.println("late records: " + r));
        }
        long differing =
                expected.entrySet().stream()
                        .filter(e -> !e.getValue().equals(figures.get(e.getKey())))
                        .count();
        System.out.printf(
                "service-KPI pause of %s: %d figures expected, %d differ, %d late records;"
                        + " live run %d s%n",
                pausing, expected.size(), differing, late, seconds);
        assertThat(figures).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
