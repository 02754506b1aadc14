package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Customer;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.TestStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * New customers' meters read for three days, live, before their customer records are entered: the
 * rows that left the validation's window under {@code UNASSIGNED} are corrected in ClickHouse once
 * the records come ({@link OwnerCorrection}, run after the checkpoint that follows them), so in the
 * end no row or case of theirs is left without its owner. A meter whose owner was known from the
 * start is left alone.
 */
@Timeout(300)
class OwnerCorrectionITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final int READS = 3 * 96;
    private static final List<String> LATE_OWNERS = List.of("M-LATE-1", "M-LATE-2");
    private static final String OWNED = "M-OWNED";

    @TempDir Path checkpoints;

    @Test
    void shouldFileEveryRowUnderTheOwnerWhoseRecordCameDaysAfterTheReads() throws Exception {
        TestStack stack =
                TestStack.fresh("owners", checkpoints, Map.of("job.checkpoint.interval", "500ms"));
        JobClient job = JobRuns.start(stack.config(), ConsumptionJob.JOB, null);
        try {
            send(stack, Topics.CUSTOMERS, OWNED, customer(OWNED, START));
            for (String meter : List.of("M-LATE-1", "M-LATE-2", OWNED)) {
                sendReads(stack, meter);
            }
            await(
                    job,
                    () -> rows(stack, "interval_consumption", "") == 2L * READS,
                    "every interval of the meters without an owner, under UNASSIGNED");
            try (var ch = stack.clickHouse()) {
                assertThat(
                                ch.value(
                                        "SELECT count() FROM consumption_anomalies FINAL"
                                                + " WHERE meter_id = 'M-LATE-1'"
                                                + " AND rule = 'DUPLICATE_READ'"
                                                + " AND customer_id = ''"))
                        .as("the duplicate read's case, without an owner")
                        .isEqualTo("1");
            }

            for (String meter : LATE_OWNERS) {
                send(
                        stack,
                        Topics.CUSTOMERS,
                        meter,
                        customer(meter, START.plus(Duration.ofDays(3))));
            }
            await(
                    job,
                    () ->
                            rows(stack, "interval_consumption", "") == 0
                                    && rows(stack, "consumption_anomalies", "") == 0,
                    "no row or case left without its owner");
        } finally {
            job.cancel().get();
        }

        try (var ch = stack.clickHouse()) {
            assertThat(
                            ch.rows(
                                    "SELECT meter_id, customer_id, grid_id, count() AS n"
                                            + " FROM interval_consumption FINAL"
                                            + " WHERE superseded = 0"
                                            + " GROUP BY meter_id, customer_id, grid_id"
                                            + " ORDER BY meter_id"))
                    .as("every interval of every meter under its owner, none twice")
                    .containsExactly(
                            Map.of(
                                    "meter_id", "M-LATE-1",
                                    "customer_id", "C-M-LATE-1",
                                    "grid_id", "G-1",
                                    "n", String.valueOf(READS)),
                            Map.of(
                                    "meter_id", "M-LATE-2",
                                    "customer_id", "C-M-LATE-2",
                                    "grid_id", "G-1",
                                    "n", String.valueOf(READS)),
                            Map.of(
                                    "meter_id",
                                    OWNED,
                                    "customer_id",
                                    "C-" + OWNED,
                                    "grid_id",
                                    "G-1",
                                    "n",
                                    String.valueOf(READS)));
            assertThat(
                            ch.rows(
                                    "SELECT meter_id, customer_id, rule FROM consumption_anomalies"
                                            + " FINAL WHERE rule = 'DUPLICATE_READ'"
                                            + " ORDER BY meter_id"))
                    .containsExactly(
                            Map.of(
                                    "meter_id", "M-LATE-1",
                                    "customer_id", "C-M-LATE-1",
                                    "rule", "DUPLICATE_READ"),
                            Map.of(
                                    "meter_id",
                                    OWNED,
                                    "customer_id",
                                    "C-" + OWNED,
                                    "rule",
                                    "DUPLICATE_READ"));
            assertThat(
                            new BigDecimal(
                                    ch.value(
                                            "SELECT sum(kwh) FROM interval_consumption FINAL"
                                                    + " WHERE superseded = 0"
                                                    + " AND meter_id = 'M-LATE-1'")))
                    .as("the energy is untouched")
                    .isEqualByComparingTo(
                            new BigDecimal("0.250").multiply(BigDecimal.valueOf(READS)));
        }
    }

    private static Customer customer(String meter, Instant updatedAt) {
        return Events.customer("C-" + meter, meter, updatedAt).build();
    }

    /** Three days of quarter-hour reads, 0.25 kWh each, and one duplicate on the first day. */
    private static void sendReads(TestStack stack, String meter) {
        var codec = AvroCodec.of(io.gridpulse.schema.MeterRead.class);
        try (var producer = stack.producer()) {
            for (int i = 0; i <= READS; i++) {
                Instant at = START.plus(Duration.ofMinutes(15L * i));
                byte[] read = codec.encode(Events.read(meter, at, 250L * i).build());
                int copies = i == 4 && !meter.equals("M-LATE-2") ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    producer.send(
                            new ProducerRecord<>(
                                    stack.topic(Topics.METER_READS),
                                    null,
                                    at.toEpochMilli(),
                                    meter.getBytes(StandardCharsets.UTF_8),
                                    read));
                }
            }
        }
    }

    private static void send(TestStack stack, String topic, String key, Customer customer) {
        try (var producer = stack.producer()) {
            producer.send(
                    new ProducerRecord<>(
                            stack.topic(topic),
                            null,
                            customer.getUpdatedAt().toEpochMilli(),
                            key.getBytes(StandardCharsets.UTF_8),
                            AvroCodec.of(Customer.class).encode(customer)));
        }
    }

    /** Rows of the scripted meters under {@code customerId} ({@code FINAL}). */
    private static long rows(TestStack stack, String table, String customerId) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(
                    ch.value(
                            "SELECT count() FROM "
                                    + table
                                    + " FINAL WHERE meter_id LIKE 'M-%' AND customer_id = '"
                                    + customerId
                                    + "'"
                                    + (table.equals("interval_consumption")
                                            ? " AND superseded = 0"
                                            : "")));
        }
    }

    private static void await(JobClient job, BooleanSupplier condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (job.getJobStatus().get() == JobStatus.FAILED) {
                job.getJobExecutionResult().get();
            }
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(300);
        }
    }
}
