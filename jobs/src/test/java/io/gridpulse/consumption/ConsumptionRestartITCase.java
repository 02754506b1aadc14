package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumption job is cancelled mid-run and restored from its last checkpoint: rows written
 * after that checkpoint are written again, and the ClickHouse totals must still equal the ground
 * truth exactly, nothing lost and nothing counted twice.
 */
@Timeout(420)
class ConsumptionRestartITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 2000;
    private static final int DAYS = 2;
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir Path checkpoints;

    @Test
    void shouldEqualTheGroundTruthAfterARestoreFromTheLastCheckpoint() throws Exception {
        TestStack stack =
                TestStack.fresh("restart", checkpoints, Map.of("job.checkpoint.interval", "500ms"));
        GroundTruth truth = SimulatedCity.feed(stack, METERS, DAYS);
        long expectedIntervals =
                truth.expectedIntervalsByMeter().values().stream()
                        .mapToLong(Integer::longValue)
                        .sum();

        JobClient first = JobRuns.start(stack.config(), ConsumptionJob.JOB, null);
        Path checkpoint = awaitCompletedCheckpointWithRowsWritten(first, stack);
        first.cancel().get();
        long rowsAtCancel = intervalRows(stack);
        assertThat(rowsAtCancel)
                .as("the job was stopped mid-run, with rows written and rows to come")
                .isPositive()
                .isLessThan(expectedIntervals);

        JobClient second = JobRuns.start(stack.config(), ConsumptionJob.JOB, checkpoint);
        stack.advanceMeterReadsPast(truth.config().end());
        Map<String, Integer> expected =
                SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter());
        awaitUntil(
                () -> SimulatedCity.measuredIntervalsByMeter(stack).equals(expected),
                Duration.ofMinutes(3));
        if (second.getJobStatus().get() == JobStatus.FAILED) {
            // fails the test with the job's own exception, not just "FAILED"
            second.getJobExecutionResult().get();
        }
        second.cancel().get();
        try (var ch = stack.clickHouse()) {
            System.out.printf(
                    "restart: %d of %d intervals written before the cancel; %s rows written in all%n",
                    rowsAtCancel,
                    expectedIntervals,
                    ch.value("SELECT count() FROM interval_consumption"));
        }

        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(
                                truth, SimulatedCity.scaled(truth.expectedKwhByMeter())));
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis() * 5);
        }
    }

    private Path awaitCompletedCheckpointWithRowsWritten(JobClient job, TestStack stack)
            throws Exception {
        while (true) {
            JobStatus status = job.getJobStatus().get();
            assertThat(status)
                    .as("the job must still be running when it is stopped")
                    .isIn(JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.RUNNING);
            Optional<Path> latest =
                    RetainedCheckpoints.latest(stack.checkpointDir().resolve(ConsumptionJob.NAME));
            if (latest.isPresent() && intervalRows(stack) > 0) {
                return latest.get();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static long intervalRows(TestStack stack) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM interval_consumption FINAL"));
        }
    }
}
