package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.RecordSink;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The highbill job is cancelled mid-period, after it sent alerts, and restored from its last
 * checkpoint: no period gets a second alert (every id on the topic carries one content, and the
 * topic's distinct ids are the sent alerts of the table) and none is missed (the table holds, row
 * for row, what an uninterrupted run of the same city wrote).
 *
 * <p>Nothing depends on how fast the machine is: the city goes in in two halves split at a point of
 * event time, the job is cancelled while only the first half exists (after it wrote every alert the
 * uninterrupted run sent a day before the split, and a checkpoint completed after them), the second
 * half is written, and the restored job is waited on until its results are complete and a
 * checkpoint has flushed its sinks.
 */
@Timeout(900)
class HighBillRestartITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 300;
    private static final int DAYS = 40;
    private static final int SPLIT_DAY = 20;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir Path checkpoints;

    @Test
    void shouldSendEachPeriodsAlertOnceAndMissNoneAcrossARestore() throws Exception {
        SimulationConfig city = SimulationConfig.of(METERS, DAYS, SimulatedCity.SEED);
        Instant split = city.start().plus(Duration.ofDays(SPLIT_DAY));

        // the uninterrupted run: the whole city, bounded, on a stack of its own
        TestStack reference = TestStack.fresh("hbref", checkpoints.resolve("ref"), Map.of());
        feed(reference, city, t -> true);
        HighBillReference uninterrupted = HighBillReference.of(reference);
        Map<String, Map<String, String>> expected = uninterrupted.alerts();
        System.out.printf(
                "restart: the uninterrupted run wrote %d alerts, %d sent%n",
                expected.size(), uninterrupted.messages().size());
        assertThat(expected.values())
                .as("alerts sent before the split, their periods still running after it")
                .anySatisfy(
                        a -> {
                            assertThat(a.get("sent")).isEqualTo("1");
                            assertThat(time(a.get("created_at"))).isBefore(split);
                            assertThat(LocalDate.parse(a.get("period_end")))
                                    .isAfter(LocalDate.ofInstant(split, ZoneOffset.UTC));
                        });
        assertThat(expected.values())
                .as("alerts decided after the split: the restored job must still send them")
                .anySatisfy(a -> assertThat(time(a.get("decided_at"))).isAfter(split));

        TestStack stack =
                TestStack.fresh(
                        "hbrestart",
                        checkpoints.resolve("restart"),
                        Map.of("job.checkpoint.interval", "500ms"));
        feed(stack, city, t -> t < split.toEpochMilli());
        JobClient first = JobRuns.start(stack.config(), HighBillJob.JOB, null);
        Path jobCheckpoints = stack.checkpointDir().resolve(HighBillJob.NAME);
        // every alert sent a day before the split is due from the first half alone
        Set<String> sentEarly =
                expected.values().stream()
                        .filter(
                                a ->
                                        time(a.get("created_at"))
                                                .isBefore(split.minus(Duration.ofDays(1))))
                        .map(a -> a.get("notification_id"))
                        .collect(Collectors.toSet());
        assertThat(sentEarly).as("alerts sent a day before the split").isNotEmpty();
        await(
                first,
                () -> HighBillReference.alerts(stack).keySet().containsAll(sentEarly),
                "the first run writes the alerts sent a day before the split");
        Optional<Path> beforeAlerts = RetainedCheckpoints.latest(jobCheckpoints);
        await(
                first,
                () -> {
                    Optional<Path> latest = RetainedCheckpoints.latest(jobCheckpoints);
                    return latest.isPresent() && !latest.equals(beforeAlerts);
                },
                "a checkpoint completes after those alerts");
        Path checkpoint = RetainedCheckpoints.latest(jobCheckpoints).orElseThrow();
        first.cancel().get();
        long alertsAtCancel = HighBillReference.alerts(stack).size();
        assertThat(alertsAtCancel)
                .as("cancelled after some alerts, with alerts still to come")
                .isGreaterThanOrEqualTo(sentEarly.size())
                .isLessThan(expected.size());

        feed(stack, city, t -> t >= split.toEpochMilli());
        stack.advanceMeterReadsPast(city.end());
        JobClient second = JobRuns.start(stack.config(), HighBillJob.JOB, checkpoint);
        // on a timeout the assertions below show what differs
        boolean completed = awaitOrTimeOut(second, () -> uninterrupted.metBy(stack));
        // a checkpoint taken now flushed both sinks: whatever the job would send is on the topic
        Optional<Path> complete = RetainedCheckpoints.latest(jobCheckpoints);
        if (completed) {
            await(
                    second,
                    () -> !RetainedCheckpoints.latest(jobCheckpoints).equals(complete),
                    "a checkpoint completes after the results");
        }
        second.cancel().get();

        System.out.printf(
                "restart: %d of %d alerts written before the cancel; %d alert rows written in all,"
                        + " %d messages on the topic for %d sent alerts%n",
                alertsAtCancel,
                expected.size(),
                HighBillReference.alertRows(stack),
                HighBillReference.messages(stack).size(),
                uninterrupted.messages().size());
        uninterrupted.assertMetBy(stack);
    }

    /** Writes the records of the simulated city whose timestamps pass {@code when}. */
    private static void feed(TestStack stack, SimulationConfig city, LongPredicate when) {
        try (var kafka = new KafkaRecordSink(stack.kafka().bootstrapServers(), stack::topic)) {
            new Simulator(city)
                    .run(
                            new RecordSink() {
                                @Override
                                public void send(
                                        String topic,
                                        String key,
                                        SpecificRecord value,
                                        long timestampMillis) {
                                    if (when.test(timestampMillis)) {
                                        kafka.send(topic, key, value, timestampMillis);
                                    }
                                }

                                @Override
                                public void flush() {
                                    kafka.flush();
                                }
                            });
        }
    }

    private static Instant time(String clickHouse) {
        return LocalDateTime.parse(clickHouse, CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC);
    }

    /** Waits until {@code condition} holds, failing at once if the job stopped or after 4 min. */
    private static void await(JobClient job, BooleanSupplier condition, String what)
            throws Exception {
        assertThat(awaitOrTimeOut(job, condition)).as("waited 4 minutes until " + what).isTrue();
    }

    /**
     * Whether {@code condition} came to hold within 4 minutes; fails at once if the job stopped.
     */
    private static boolean awaitOrTimeOut(JobClient job, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!condition.getAsBoolean()) {
            JobStatus status = job.getJobStatus().get();
            if (status == JobStatus.FAILED) {
                job.getJobExecutionResult().get(); // fails with the job's own exception
            }
            assertThat(status)
                    .as("the job must be running while it is waited on")
                    .isIn(JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.RUNNING);
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }
}
