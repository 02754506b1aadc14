package io.gridpulse.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.LocalFlinkCluster;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real standalone Flink cluster (a JobManager and two TaskManagers, separate
 * processes) writes exactly what the mini-cluster writes for the same simulated city, even when a
 * TaskManager is killed mid-run: the job fails over to the other TaskManager's slots, restores its
 * last checkpoint, and the replayed rows land on the same keys.
 */
@Timeout(1200)
class ClusterITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 1000;
    private static final int DAYS = 2;
    private static final String GROUP = KafkaInputs.groupId(ConsumptionJob.NAME);

    /** Everything a replay could double or lose shows in these: count and an order-free hash. */
    private static final String INTERVALS =
            "SELECT count() AS n, countIf(superseded = 1) AS tombstones,"
                    + " sum(cityHash64(meter_id, toString(interval_end), toString(kwh), superseded)) AS h"
                    + " FROM interval_consumption FINAL WHERE meter_id NOT LIKE 'CLOCK-%'";

    private static final String ANOMALIES =
            "SELECT meter_id, rule, toString(read_time) AS t, toString(observed_kwh) AS kwh,"
                    + " ifNull(toString(closed_at), '') AS closed FROM consumption_anomalies FINAL WHERE meter_id NOT LIKE 'CLOCK-%'"
                    + " AND rule != 'DUPLICATE_READ' ORDER BY meter_id, rule, read_time";

    /**
     * A re-sent read is a duplicate or a late record depending on how far apart the partitions were
     * read (README, known limits): the split may differ between runs, the sum may not.
     */
    private static final String RESENT =
            "SELECT (SELECT count() FROM consumption_anomalies FINAL WHERE rule = 'DUPLICATE_READ')"
                    + " + (SELECT count() FROM late_records FINAL WHERE stream = 'meter-reads') AS n";

    @TempDir Path tmp;

    @Test
    void shouldWriteWhatTheMiniClusterWritesEvenWhenATaskManagerIsKilled() throws Exception {
        long started = System.nanoTime();
        LocalFlinkCluster cluster = LocalFlinkCluster.startInBackground(tmp.resolve("flink"));
        TestStack stack =
                TestStack.fresh(
                        "cluster-run",
                        tmp.resolve("checkpoints"),
                        Map.of(
                                "job.checkpoint.interval", "1s",
                                "job.restart.attempts", "20",
                                "events.source.idleness", "5s"));
        GroundTruth truth = SimulatedCity.feed(stack, METERS, DAYS);
        stack.advanceMeterReadsPast(truth.config().end());
        // the reference reads the very records the cluster will read (same topics, same
        // partitions), uninterrupted, into a database of its own
        TestStack mini = stack.withOwnDatabase("reference");
        JobRuns.untilIdle(mini.config(), ConsumptionJob.JOB);
        stack.forgetCommittedOffsets(GROUP);
        Map<String, String> expectedIntervals = single(mini, INTERVALS);
        List<Map<String, String>> expectedAnomalies = rows(mini, ANOMALIES);
        Map<String, String> expectedResent = single(mini, RESENT);
        assertThat(Long.parseLong(expectedIntervals.get("n"))).isPositive();

        try (cluster) {
            cluster.awaitUp();
            FlinkRest flink = cluster.rest();
            int code =
                    ClusterCommand.submit(
                            flink,
                            submission(stack.config()),
                            LocalFlinkCluster.jobJar(),
                            tmp.resolve("submitted"),
                            List.of(ConsumptionJob.NAME),
                            false,
                            Map.of());
            assertThat(code).isZero();
            String jobId = flink.jobs().get(0).id();
            long submitted = System.nanoTime();

            // every wait is on a condition, with a deadline generous enough for a loaded machine
            awaitUntil(
                    () ->
                            intervalRows(stack) > 0
                                    && allTasksRunning(flink, jobId)
                                    && checkpointed(flink, jobId),
                    Duration.ofSeconds(240),
                    "rows written, every task running and a checkpoint completed",
                    () -> progress(flink, jobId, stack));
            long killed = System.nanoTime();
            long rowsAtKill = intervalRows(stack);
            System.out.printf(
                    "cluster: running with a checkpoint %d s after the submission, %d of %s intervals"
                            + " written; killing taskmanager-1%n",
                    (killed - submitted) / 1_000_000_000, rowsAtKill, expectedIntervals.get("n"));
            cluster.killTaskManager(1);
            // the failover: the job saw the loss (a failure in its history, a restart counted)
            // and runs every task again, on the remaining TaskManager's slots. Flink 2.2.1 may
            // take the survivor down too: a task cleaning up its input from the dead TaskManager
            // fails to recycle a network buffer ("FATAL - exception in exception handler",
            // BufferManager.recycle) and the TaskManager exits. A supervisor (systemd, Kubernetes)
            // starts such a process again; so does the test, and says so.
            List<String> survivorRestarts = new java.util.ArrayList<>();
            awaitUntil(
                    () -> {
                        if (!cluster.taskManagerAlive(2)) {
                            survivorRestarts.add(
                                    "taskmanager-2 exited after the kill, restarted at "
                                            + java.time.Instant.now());
                            System.out.println(
                                    "cluster: "
                                            + survivorRestarts.get(survivorRestarts.size() - 1));
                            try {
                                cluster.startTaskManager(2);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        return failedOver(flink, jobId) && allTasksRunning(flink, jobId);
                    },
                    Duration.ofSeconds(300),
                    "the job failed over to the remaining TaskManager and runs every task",
                    () -> progress(flink, jobId, stack));
            long recovered = System.nanoTime();
            System.out.printf(
                    "cluster: failed over %d s after the kill (%d restart(s), survivor restarted %d"
                            + " time(s), failures %s)%n",
                    (recovered - killed) / 1_000_000_000,
                    flink.restarts(jobId),
                    survivorRestarts.size(),
                    flink.failures(jobId));
            cluster.startTaskManager(1);

            // everything read and checkpointed: then the job is stopped with --drain, as the
            // bounded reference ended, so every timer fires (a live job's event time stands still
            // while its inputs are idle)
            awaitUntil(
                    () -> zeroLag(stack),
                    Duration.ofSeconds(300),
                    "zero consumer lag",
                    () -> progress(flink, jobId, stack) + ", expected " + expectedIntervals);
            assertThat(flink.state(jobId)).isEqualTo("RUNNING");
            long restarts = flink.restarts(jobId);
            ClusterCommand.stop(
                    flink, List.of(ConsumptionJob.JOB), tmp.resolve("savepoints"), true);
            assertThat(flink.state(jobId)).isEqualTo("FINISHED");
            System.out.printf(
                    "cluster: %s intervals after %d restart(s), %d s after the failover; %s rows written in all%n",
                    expectedIntervals.get("n"),
                    restarts,
                    (System.nanoTime() - recovered) / 1_000_000_000,
                    single(stack, "SELECT count() AS n FROM interval_consumption").get("n"));
            assertThat(rowsAtKill)
                    .as("the TaskManager was killed mid-run, with rows written and rows to come")
                    .isPositive()
                    .isLessThan(Long.parseLong(expectedIntervals.get("n")));
        }
        System.out.printf(
                "cluster: test took %d s%n", (System.nanoTime() - started) / 1_000_000_000);

        assertThat(single(stack, INTERVALS)).isEqualTo(expectedIntervals);
        assertThat(rows(stack, ANOMALIES)).isEqualTo(expectedAnomalies);
        assertThat(single(stack, RESENT)).isEqualTo(expectedResent);
        // a meter read once in the city's day (daily cadence) closes no interval: the ground
        // truth lists it with 0 intervals and 0 kWh, ClickHouse has no row for it
        Map<String, Integer> intervalsByMeter = new java.util.TreeMap<>();
        truth.expectedIntervalsByMeter()
                .forEach(
                        (meter, n) -> {
                            if (n > 0) {
                                intervalsByMeter.put(meter, n);
                            }
                        });
        Map<String, java.math.BigDecimal> expectedKwh =
                new java.util.TreeMap<>(SimulatedCity.scaled(truth.expectedKwhByMeter()));
        expectedKwh.keySet().retainAll(intervalsByMeter.keySet());
        System.out.printf(
                "cluster: meters equal to the ground truth (kWh): mini-cluster %d, cluster %d, of %d"
                        + " with intervals (%d meters in the city)%n",
                matching(SimulatedCity.measuredKwhByMeter(mini), expectedKwh),
                matching(SimulatedCity.measuredKwhByMeter(stack), expectedKwh),
                expectedKwh.size(),
                truth.expectedKwhByMeter().size());
        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(expectedKwh);
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(intervalsByMeter);
    }

    private static long matching(
            Map<String, java.math.BigDecimal> measured, Map<String, java.math.BigDecimal> truth) {
        return truth.entrySet().stream()
                .filter(e -> e.getValue().equals(measured.get(e.getKey())))
                .count();
    }

    /** The test's configuration as a file, the way an operator writes one for the cluster. */
    private Path submission(GridPulseConfig config) throws Exception {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS));
        p.setProperty("kafka.topic.prefix", config.get(CommonKeys.KAFKA_TOPIC_PREFIX));
        p.setProperty("clickhouse.url", config.get(CommonKeys.CLICKHOUSE_URL));
        p.setProperty("clickhouse.database", config.get(CommonKeys.CLICKHOUSE_DATABASE));
        p.setProperty("clickhouse.compress.response", "false");
        p.setProperty("clickhouse.sink.flush.interval", "200ms");
        p.setProperty("job.checkpoint.dir", config.get(CommonKeys.CHECKPOINT_DIR));
        p.setProperty("job.checkpoint.interval", "1s");
        // a TaskManager killed mid-run can fail a few deployments in a row before the JobManager
        // writes it off (heartbeat.timeout): leave the restart strategy room for them
        p.setProperty("job.restart.attempts", "20");
        p.setProperty("job.parallelism", "2");
        // the inputs that went quiet (few switch events) count as idle soon, so the reads alone
        // move event time
        p.setProperty("events.source.idleness", "5s");
        Path file = tmp.resolve("cluster.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }
        return file;
    }

    private static boolean checkpointed(FlinkRest flink, String jobId) {
        return flink.completedCheckpoints(jobId) > 0;
    }

    /** The job is RUNNING and so is every one of its tasks (none deploying or restarting). */
    private static boolean allTasksRunning(FlinkRest flink, String jobId) {
        if (!flink.state(jobId).equals("RUNNING")) {
            return false;
        }
        Map<String, Integer> tasks = flink.taskStates(jobId);
        int all = tasks.values().stream().mapToInt(Integer::intValue).sum();
        return all > 0 && tasks.getOrDefault("RUNNING", 0) == all;
    }

    /** The loss of the TaskManager reached the job: a failure recorded, a restart counted. */
    private static boolean failedOver(FlinkRest flink, String jobId) {
        return flink.restarts(jobId) >= 1 || !flink.failures(jobId).isEmpty();
    }

    private static String progress(FlinkRest flink, String jobId, TestStack stack) {
        return "job "
                + flink.state(jobId)
                + ", tasks "
                + flink.taskStates(jobId)
                + ", restarts "
                + flink.restarts(jobId)
                + ", failures "
                + flink.failures(jobId).size()
                + ", checkpoints "
                + flink.completedCheckpoints(jobId)
                + ", TaskManagers "
                + flink.registeredTaskManagers()
                + ", intervals "
                + single(stack, INTERVALS)
                + ", zero lag "
                + zeroLag(stack);
    }

    /** The job's committed offsets (committed on each checkpoint) are at the end of its inputs. */
    private static boolean zeroLag(TestStack stack) {
        try (Admin admin = Admin.create(stack.kafka().clientProperties("it-lag"))) {
            var committed =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            List<TopicPartition> inputs =
                    committed.keySet().stream()
                            .filter(
                                    tp ->
                                            tp.topic().equals(stack.topic(Topics.METER_READS))
                                                    || tp.topic()
                                                            .equals(stack.topic(Topics.CUSTOMERS)))
                            .toList();
            if (inputs.isEmpty()) {
                return false;
            }
            var ends =
                    admin.listOffsets(
                                    inputs.stream()
                                            .collect(
                                                    java.util.stream.Collectors.toMap(
                                                            tp -> tp, tp -> OffsetSpec.latest())))
                            .all()
                            .get();
            return inputs.stream()
                    .allMatch(tp -> committed.get(tp).offset() >= ends.get(tp).offset());
        } catch (Exception e) {
            return false;
        }
    }

    private static long intervalRows(TestStack stack) {
        return Long.parseLong(single(stack, INTERVALS).get("n"));
    }

    private static Map<String, String> single(TestStack stack, String sql) {
        return rows(stack, sql).get(0);
    }

    private static List<Map<String, String>> rows(TestStack stack, String sql) {
        try (var ch = stack.clickHouse()) {
            return ch.rows(sql);
        }
    }

    /**
     * Polls {@code condition} until it holds, printing {@code progress} every 10 s; a condition
     * that throws (a REST call timing out on a busy machine) counts as not yet.
     */
    private static void awaitUntil(
            BooleanSupplier condition, Duration timeout, String what, Supplier<String> progress)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start;
        String last = "";
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = "condition failed: " + e;
            }
            long now = System.nanoTime();
            if (now >= nextReport) {
                try {
                    last = progress.get();
                } catch (RuntimeException e) {
                    last = "progress failed: " + e;
                }
                System.out.printf(
                        "cluster: waiting for %s, %d s: %s%n",
                        what, (now - start) / 1_000_000_000, last);
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            if (now > deadline) {
                throw new AssertionError(
                        "not reached within " + timeout + ": " + what + "; " + last);
            }
            Thread.sleep(500);
        }
    }
}
