package io.gridpulse.servicekpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.TicketCategory;
import io.gridpulse.schema.TicketKind;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.RecordSink;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated month (local March 2026) goes through Kafka, the service-KPI job and ClickHouse. The
 * job is stopped mid-month and restored from its last checkpoint; then a batch of late ticket
 * corrections (verified, re-categorised, moved grid, closed in April) arrives. After each step
 * every figure of every grid, station and county, daily and monthly, read with the documented query
 * pattern, must equal {@link KpiReference} computed from the raw records.
 */
@Timeout(600)
class ServiceKpiReferenceITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 240;
    private static final Instant MARCH_1 = Instant.parse("2026-02-28T16:00:00Z");
    private static final LocalDate MARCH = LocalDate.parse("2026-03-01");

    /** Event time far enough past March for every deadline and day to be judged. */
    private static final Instant FIRST_CLOCK = Instant.parse("2026-05-10T00:00:00Z");

    private static final Instant CORRECTIONS_AT = FIRST_CLOCK.plus(Duration.ofHours(1));
    private static final Instant SECOND_CLOCK = FIRST_CLOCK.plus(Duration.ofDays(2));

    @TempDir Path checkpoints;

    @Test
    void shouldEqualTheReferenceAfterARestoreAndAfterLateCorrections() throws Exception {
        TestStack stack =
                TestStack.fresh("kpiref", checkpoints, Map.of("job.checkpoint.interval", "500ms"));
        KpiReference reference = KpiReference.ofDefaults();
        List<ServiceOrder> tickets = new ArrayList<>();
        try (var kafka = new KafkaRecordSink(stack.kafka().bootstrapServers(), stack::topic)) {
            RecordSink both =
                    (topic, key, value, at) -> {
                        kafka.send(topic, key, value, at);
                        reference.accept(topic, value);
                        if (value instanceof ServiceOrder order) {
                            tickets.add(order);
                        }
                    };
            new Simulator(new SimulationConfig(METERS, 31, SimulatedCity.SEED, MARCH_1)).run(both);
            kafka.flush();
        }

        JobClient first = JobRuns.start(stack.config(), ServiceKpiJob.JOB, null);
        Path checkpoint = awaitCheckpointWithRowsWritten(first, stack);
        first.cancel().get();

        JobClient second = JobRuns.start(stack.config(), ServiceKpiJob.JOB, checkpoint);
        try {
            KpiFigures.advanceEventTime(stack, FIRST_CLOCK);
            Map<String, String> expected = reference.figures(MARCH, true);
            assertThat(awaitFigures(stack, expected)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(expected)
                    .as("the month has complaints, dunning, payments and reads to check")
                    .doesNotContainEntry("2026-03-01|COUNTY|Dongcheng District|complaints", "0/0")
                    .doesNotContainEntry("2026-03-01|GRID|G-DC-001|collection_success_rate", "0/0");

            List<ServiceOrder> corrections = corrections(tickets);
            send(stack, Topics.SERVICE_ORDERS, corrections, o -> o.getTicketId(), CORRECTIONS_AT);
            corrections.forEach(c -> reference.accept(Topics.SERVICE_ORDERS, c));
            KpiFigures.advanceEventTime(stack, SECOND_CLOCK);
            Map<String, String> corrected = reference.figures(MARCH, true);
            assertThat(corrected).isNotEqualTo(expected);
            assertThat(awaitFigures(stack, corrected))
                    .containsExactlyInAnyOrderEntriesOf(corrected);
        } finally {
            second.cancel().get();
        }
    }

    /**
     * One correction of each kind, to the latest revision of March complaints: verified, moved to
     * another grid, re-categorised, closed in April.
     */
    private static List<ServiceOrder> corrections(List<ServiceOrder> sent) {
        Map<String, ServiceOrder> latest = new TreeMap<>();
        for (ServiceOrder o : sent) {
            latest.merge(o.getTicketId(), o, (a, b) -> b.getRevision() > a.getRevision() ? b : a);
        }
        List<ServiceOrder> complaints =
                latest.values().stream()
                        .filter(o -> o.getKind() == TicketKind.COMPLAINT && o.getGridId() != null)
                        .sorted(Comparator.comparing(ServiceOrder::getTicketId))
                        .toList();
        assertThat(complaints).as("March complaints to correct").hasSizeGreaterThanOrEqualTo(4);
        String otherGrid =
                complaints.stream()
                        .map(ServiceOrder::getGridId)
                        .filter(g -> !g.equals(complaints.get(1).getGridId()))
                        .findFirst()
                        .orElseThrow();
        Instant april = Instant.parse("2026-04-12T02:00:00Z");
        return List.of(
                next(complaints.get(0))
                        .setVerified(!Boolean.TRUE.equals(complaints.get(0).getVerified()))
                        .build(),
                next(complaints.get(1)).setGridId(otherGrid).build(),
                next(complaints.get(2))
                        .setCategory(
                                complaints.get(2).getCategory() == TicketCategory.OUTAGE
                                        ? TicketCategory.METERING
                                        : TicketCategory.OUTAGE)
                        .build(),
                next(complaints.get(3)).setResolvedAt(april).build());
    }

    private static ServiceOrder.Builder next(ServiceOrder o) {
        return ServiceOrder.newBuilder(o)
                .setRevision(o.getRevision() + 1)
                .setUpdatedAt(CORRECTIONS_AT);
    }

    /**
     * The figures in ClickHouse, read with the documented pattern, once they equal the expected.
     */
    private static Map<String, String> awaitFigures(TestStack stack, Map<String, String> expected)
            throws InterruptedException {
        Map<String, String> found = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            found = KpiFigures.read(stack, MARCH);
            if (found.equals(expected)) {
                break;
            }
            Thread.sleep(1000);
        }
        return found;
    }

    private static <T extends SpecificRecord> void send(
            TestStack stack,
            String topic,
            List<T> records,
            java.util.function.Function<T, String> key,
            Instant at) {
        try (var producer = stack.producer()) {
            for (T r : records) {
                producer.send(
                        new ProducerRecord<>(
                                stack.topic(topic),
                                null,
                                at.toEpochMilli(),
                                key.apply(r).getBytes(StandardCharsets.UTF_8),
                                Events.encode(r)));
            }
        }
    }

    private static Path awaitCheckpointWithRowsWritten(JobClient job, TestStack stack)
            throws Exception {
        Supplier<Long> rows =
                () -> {
                    try (var ch = stack.clickHouse()) {
                        return Long.parseLong(ch.value("SELECT count() FROM grid_kpi_daily"));
                    }
                };
        while (true) {
            JobStatus status = job.getJobStatus().get();
            assertThat(status)
                    .as("the job must still be running when it is stopped")
                    .isIn(JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.RUNNING);
            Optional<Path> latest =
                    RetainedCheckpoints.latest(stack.checkpointDir().resolve(ServiceKpiJob.NAME));
            if (latest.isPresent() && rows.get() > 0) {
                return latest.get();
            }
            Thread.sleep(100);
        }
    }
}
