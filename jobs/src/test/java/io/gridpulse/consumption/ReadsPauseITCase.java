package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meter reads pause, running live, for longer than the sources take to count as idle (a head-end
 * that delivers in batches): no interval may be lost across the pause. Event time must stand still
 * through it. The customers dimension used to carry it to the end of time once the event inputs
 * were idle (its watermark was {@code Long.MAX_VALUE}): every meter closed as at the end of a
 * bounded input and the interval spanning the pause was lost (docs/reliability.md).
 */
@Timeout(300)
class ReadsPauseITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 200;
    private static final int DAYS = 2;
    private static final long IDLENESS_MS = 2_000;

    @TempDir Path checkpoints;

    @Test
    void shouldLoseNoIntervalWhenReadsPauseLongerThanTheIdleness() throws Exception {
        TestStack stack =
                TestStack.fresh(
                        "pause", checkpoints, Map.of("events.source.idleness", IDLENESS_MS + "ms"));
        SimulatedCity.HalfFed city = SimulatedCity.feedFirstHalf(stack, METERS, DAYS);
        Map<String, Integer> expected =
                SimulatedCity.measurable(city.truth(), city.truth().expectedIntervalsByMeter());

        JobClient job = JobRuns.start(stack.config(), ConsumptionJob.JOB, null);
        try {
            long firstHalfRows = awaitSteadyRowCount(stack, job);
            assertThat(firstHalfRows).as("the first half was processed").isPositive();
            // every event input has counted as idle for a while now
            Thread.sleep(3 * IDLENESS_MS);
            city.secondHalf().run();

            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!SimulatedCity.measuredIntervalsByMeter(stack).equals(expected)
                    && System.nanoTime() < deadline) {
                failOnJobFailure(job);
                Thread.sleep(500);
            }
        } finally {
            job.cancel().get();
        }

        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .as("every interval, the ones spanning the pause included")
                .containsExactlyInAnyOrderEntriesOf(expected);
        Map<String, BigDecimal> kwh =
                SimulatedCity.measurable(
                        city.truth(), SimulatedCity.scaled(city.truth().expectedKwhByMeter()));
        assertThat(SimulatedCity.measuredKwhByMeter(stack)).containsExactlyInAnyOrderEntriesOf(kwh);
    }

    /** The interval row count once it has stopped growing for a few idleness periods. */
    private static long awaitSteadyRowCount(TestStack stack, JobClient job) throws Exception {
        long last = -1;
        int steady = 0;
        while (steady < 6) {
            failOnJobFailure(job);
            Thread.sleep(IDLENESS_MS / 2);
            long rows;
            try (var ch = stack.clickHouse()) {
                rows = Long.parseLong(ch.value("SELECT count() FROM interval_consumption"));
            }
            steady = rows > 0 && rows == last ? steady + 1 : 0;
            last = rows;
        }
        return last;
    }

    private static void failOnJobFailure(JobClient job) throws Exception {
        if (job.getJobStatus().get() == JobStatus.FAILED) {
            job.getJobExecutionResult().get(); // fails the test with the job's own exception
        }
    }
}
