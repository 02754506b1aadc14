package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.metrics.JobMetrics;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.GridPulseProcess;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill {@code job-crash}: the process running the consumption, reconnect and directory jobs killed
 * with {@code kill -9} mid-run, after a completed checkpoint of each with rows written, then
 * started again with {@code run consumption reconnect directory --from-checkpoint latest} (their
 * consumer groups' committed offsets deleted, so only the checkpoints can say where they were).
 * Every meter exact, no key with two values, every expected reconnect command sent and every
 * payment stored, the directory equal to the newest version of every customer, and the restore
 * proven: the restored run re-read some reads, not all of them, and per input topic of the
 * consumption job exactly the records beyond its checkpoint's offsets.
 */
@Timeout(1500)
class JobCrashDrillITCase {

    @TempDir Path dir;

    @Test
    void shouldResumeFromTheLatestCheckpointAfterAKillWithEveryMeterExact() throws Exception {
        int meters = CityDrill.meters();
        TestStack stack =
                TestStack.fresh(
                        "crashdrill",
                        dir.resolve("checkpoints"),
                        CityDrill.settings(Map.of("job.checkpoint.interval", "500ms")));
        CityDrill drill =
                new CityDrill(
                        "job-crash",
                        stack,
                        List.of(ConsumptionJob.NAME, ReconnectJob.NAME, DirectoryJob.NAME));
        // the second half goes on the topics after the kill: rows to come whatever the speed
        Runnable feedTheRest = drill.feedFirstHalf(meters, 2);
        long expectedIntervals =
                drill.truth.expectedIntervalsByMeter().values().stream()
                        .mapToLong(Integer::longValue)
                        .sum();
        long rowsAtKill;
        try (GridPulseProcess first = drill.run(Map.of())) {
            CityDrill.await(
                    () -> drill.intervalRows() > 0,
                    Duration.ofMinutes(6),
                    "rows written; see " + first.log());
            // a checkpoint completed after rows were written holds offsets past the start
            Path seen = drill.awaitCheckpoint(first, null, Duration.ofMinutes(3));
            drill.awaitCheckpoint(first, seen, Duration.ofMinutes(3));
            // every job resumes from a checkpoint of its own
            for (String job : drill.jobs) {
                drill.awaitCheckpoint(first, job, null, Duration.ofMinutes(3));
            }
            first.kill();
            rowsAtKill = drill.intervalRows();
        }
        assertThat(rowsAtKill)
                .as("killed mid-run, with rows written and rows to come")
                .isPositive()
                .isLessThan(expectedIntervals);
        feedTheRest.run();
        drill.forgetCommittedOffsets();
        // the next metrics window is the restored run's alone
        Thread.sleep(JobMetrics.WINDOW.toMillis() + 1000);
        Instant restoredAt = Instant.now();
        try (GridPulseProcess second = drill.run(Map.of(), "--from-checkpoint", "latest")) {
            drill.awaitDrained(second, Duration.ofMinutes(10));
            drill.assertExact();
            drill.assertNoRestartsOrStackTraces(second);
            for (String job : drill.jobs) {
                assertThat(second.output()).contains(job + ": resuming from ");
            }
            Matcher from =
                    Pattern.compile(CityDrill.JOB + ": resuming from (\\S+)")
                            .matcher(second.output());
            assertThat(from.find()).isTrue();
            long reads = drill.endOffsets(stack.topic(Topics.METER_READS));
            long reread = drill.readsSince(restoredAt);
            drill.figures.put("interval_rows_at_kill", rowsAtKill);
            drill.figures.put("reads", reads);
            drill.figures.put("reads_read_after_restore", reread);
            assertThat(reread)
                    .as("the restored run resumed from its checkpoint's offsets, not the beginning")
                    .isPositive()
                    .isLessThan(reads);
            drill.assertEveryTopicAccountedAfterRestore(Path.of(from.group(1)), restoredAt);
        }
        drill.report();
    }
}
