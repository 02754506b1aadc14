package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.common.metrics.JobMetrics;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumption job is cancelled mid-run and restored from its last checkpoint: rows written
 * after that checkpoint are written again, and the ClickHouse totals must still equal the ground
 * truth exactly, nothing lost and nothing counted twice; the anomaly cases and late records equal
 * those of an uninterrupted run of the same input, once both reached the end of event time.
 */
@Timeout(420)
class ConsumptionRestartITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 2000;
    private static final int DAYS = 2;
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir Path checkpoints;
    @TempDir Path savepoints;

    @Test
    void shouldEqualTheGroundTruthAfterARestoreFromTheLastCheckpoint() throws Exception {
        TestStack stack =
                TestStack.fresh(
                        "restart",
                        checkpoints,
                        Map.of(
                                "job.checkpoint.interval", "500ms",
                                "events.source.idleness", "5s"));
        GroundTruth truth = SimulatedCity.feed(stack, METERS, DAYS);
        stack.advanceMeterReadsPast(truth.config().end());
        TestStack reference = stack.withOwnDatabase("reference");
        JobRuns.untilIdle(reference.config(), ConsumptionJob.JOB);
        stack.forgetCommittedOffsets(KafkaInputs.groupId(ConsumptionJob.NAME));
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

        // without its checkpoint the job would read from the beginning again; and the next
        // metrics window is the restored run's alone
        stack.forgetCommittedOffsets(KafkaInputs.groupId(ConsumptionJob.NAME));
        Thread.sleep(JobMetrics.WINDOW.toMillis() + 1000);
        Instant restoredAt = Instant.now();
        JobClient second = JobRuns.start(stack.config(), ConsumptionJob.JOB, checkpoint);
        Map<String, Integer> expected =
                SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter());
        awaitUntil(
                () -> SimulatedCity.measuredIntervalsByMeter(stack).equals(expected),
                Duration.ofMinutes(4));
        if (second.getJobStatus().get() == JobStatus.FAILED) {
            // fails the test with the job's own exception, not just "FAILED"
            second.getJobExecutionResult().get();
        }
        long reads = recordsOn(stack, Topics.METER_READS);
        long readAfterRestore = awaitSteady(() -> readsSince(stack, restoredAt));
        // the reference ran bounded, to the end of event time; a live run's event time stands
        // still once its inputs are idle, so it ends the same way: stopped with --drain
        JobRuns.drain(second, savepoints);
        try (var ch = stack.clickHouse()) {
            System.out.printf(
                    "restart: %d of %d intervals written before the cancel; %s rows written in all;"
                            + " %d of %d reads read again after the restore%n",
                    rowsAtCancel,
                    expectedIntervals,
                    ch.value("SELECT count() FROM interval_consumption"),
                    readAfterRestore,
                    reads);
        }

        assertThat(readAfterRestore)
                .as("the restored job resumed from its checkpoint's offsets, not the beginning")
                .isPositive()
                .isLessThan(reads);
        List<Map<String, String>> referenceCases = sideRows(reference, ANOMALY_CASES);
        List<Map<String, String>> restoredCases = sideRows(stack, ANOMALY_CASES);
        assertThat(referenceCases).isNotEmpty();
        assertThat(without(restoredCases, referenceCases))
                .as("anomaly cases only after the restore, not in an uninterrupted run")
                .isEmpty();
        assertThat(without(referenceCases, restoredCases))
                .as("anomaly cases of an uninterrupted run missing after the restore")
                .isEmpty();
        assertThat(sideRows(stack, LATE_RECORDS))
                .as("late records after the restore, as in an uninterrupted run")
                .containsExactlyElementsOf(sideRows(reference, LATE_RECORDS));

        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(
                                truth, SimulatedCity.scaled(truth.expectedKwhByMeter())));
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static final String ANOMALY_CASES =
            "SELECT meter_id, rule, toString(read_time) AS opened,"
                    + " ifNull(toString(closed_at), '') AS closed"
                    + " FROM consumption_anomalies FINAL ORDER BY meter_id, rule, opened";

    private static final String LATE_RECORDS =
            "SELECT stream, record_key, event_ms FROM late_records FINAL"
                    + " ORDER BY stream, record_key, event_ms";

    private static List<Map<String, String>> without(
            List<Map<String, String>> rows, List<Map<String, String>> others) {
        return rows.stream().filter(r -> !others.contains(r)).toList();
    }

    private static List<Map<String, String>> sideRows(TestStack stack, String select) {
        try (var ch = stack.clickHouse()) {
            return ch.rows(select);
        }
    }

    /** Reads the restored run counted in {@code job_metrics}, whose windows began after it did. */
    private static long readsSince(TestStack stack, Instant restoredAt) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(
                    ch.value(
                            "SELECT sum(r) FROM (SELECT subtask, max(records_total) AS r"
                                    + " FROM job_metrics FINAL WHERE job = 'consumption'"
                                    + " AND stream = 'meter-reads' AND window_start >= "
                                    + restoredAt.getEpochSecond()
                                            / JobMetrics.WINDOW.toSeconds()
                                            * JobMetrics.WINDOW.toSeconds()
                                    + " GROUP BY subtask)"));
        }
    }

    private static long recordsOn(TestStack stack, String topic) throws Exception {
        try (Admin admin = Admin.create(stack.kafka().clientProperties("it-admin"))) {
            var partitions =
                    admin
                            .describeTopics(List.of(stack.topic(topic)))
                            .allTopicNames()
                            .get()
                            .get(stack.topic(topic))
                            .partitions()
                            .stream()
                            .collect(
                                    Collectors.toMap(
                                            p ->
                                                    new TopicPartition(
                                                            stack.topic(topic), p.partition()),
                                            p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    /** The value once two readings a metrics window apart agree. */
    private static long awaitSteady(LongSupplier value) throws InterruptedException {
        long last = value.getAsLong();
        while (true) {
            Thread.sleep(JobMetrics.WINDOW.toMillis() + 1000);
            long now = value.getAsLong();
            if (now == last) {
                return now;
            }
            last = now;
        }
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
        Path rowsSeenWith = null;
        while (true) {
            JobStatus status = job.getJobStatus().get();
            assertThat(status)
                    .as("the job must still be running when it is stopped")
                    .isIn(JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.RUNNING);
            Optional<Path> latest =
                    RetainedCheckpoints.latest(stack.checkpointDir().resolve(ConsumptionJob.NAME));
            // rows written means reads processed: a checkpoint completed after that holds
            // offsets past the start, so the restore has something to skip and something to replay
            if (latest.isPresent() && rowsSeenWith == null && intervalRows(stack) > 0) {
                rowsSeenWith = latest.get();
            } else if (latest.isPresent()
                    && rowsSeenWith != null
                    && !latest.get().equals(rowsSeenWith)) {
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
