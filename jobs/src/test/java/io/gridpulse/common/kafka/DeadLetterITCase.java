package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.schema.Bill;
import io.gridpulse.schema.DeadLetter;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.TestStack;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unreadable records on an input topic end in its dead-letter topic and in ClickHouse; the job goes
 * on.
 */
@Timeout(180)
class DeadLetterITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant QUARTER_PAST = Instant.parse("2026-03-02T00:15:00Z");
    private static final byte[] METER = "M-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_AVRO =
            "M-1;2026-03-02 00:05;100.2".getBytes(StandardCharsets.UTF_8);

    @TempDir Path checkpoints;

    private static byte[] read(Instant at, String kwh) {
        return AvroCodec.of(MeterRead.class)
                .encode(Events.read("M-1", at, new BigDecimal(kwh)).build());
    }

    private static byte[] billOnTheWrongTopic() {
        return AvroCodec.of(Bill.class)
                .encode(
                        Events.bill(
                                        "B-1",
                                        "C-1",
                                        "2026-02",
                                        "5.60",
                                        MIDNIGHT,
                                        LocalDate.of(2026, 3, 20))
                                .build());
    }

    @Test
    void shouldSendUnreadableRecordsToTheDeadLetterTopicAndGoOn() throws Exception {
        TestStack stack = TestStack.fresh("dlq", checkpoints, Map.of());
        String reads = stack.topic(Topics.METER_READS);
        try (var producer = stack.producer()) {
            long t0 = MIDNIGHT.toEpochMilli();
            producer.send(new ProducerRecord<>(reads, 0, t0, METER, read(MIDNIGHT, "100.000")));
            producer.send(new ProducerRecord<>(reads, 0, t0 + 1, METER, NOT_AVRO));
            producer.send(new ProducerRecord<>(reads, 0, t0 + 2, METER, billOnTheWrongTopic()));
            producer.send(new ProducerRecord<>(reads, 0, t0 + 3, METER, (byte[]) null));
            producer.send(
                    new ProducerRecord<>(
                            reads,
                            0,
                            QUARTER_PAST.toEpochMilli(),
                            METER,
                            read(QUARTER_PAST, "100.500")));
        }

        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);

        List<DeadLetter> letters =
                stack.readAll(Topics.deadLetter(Topics.METER_READS)).stream()
                        .map(
                                r -> {
                                    try {
                                        return AvroCodec.of(DeadLetter.class).decode(r.value());
                                    } catch (Exception e) {
                                        throw new AssertionError(
                                                "a dead letter that cannot be read", e);
                                    }
                                })
                        .sorted((a, b) -> Long.compare(a.getSourceOffset(), b.getSourceOffset()))
                        .toList();
        assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(1L, 2L, 3L);
        assertThat(letters)
                .allSatisfy(
                        l -> {
                            assertThat(l.getSourceTopic()).isEqualTo(reads);
                            assertThat(l.getJob()).isEqualTo("consumption");
                            assertThat(l.getReason()).contains("MeterRead");
                        });
        assertThat(letters.get(0).getValue()).isEqualTo(ByteBuffer.wrap(NOT_AVRO));
        assertThat(letters.get(1).getReason()).contains("Cannot resolve schema for fingerprint");
        assertThat(letters.get(2).getReason()).contains("empty value");

        try (var ch = stack.clickHouse()) {
            assertThat(
                            ch.rows(
                                    "SELECT source_offset, reason FROM rejected_records FINAL ORDER BY source_offset"))
                    .extracting(r -> r.get("source_offset"))
                    .containsExactly("1", "2", "3");
            assertThat(
                            ch.value(
                                    "SELECT value_base64 FROM rejected_records FINAL WHERE source_offset = 1"))
                    .as("the original bytes are kept")
                    .isEqualTo(Base64.getEncoder().encodeToString(NOT_AVRO));
            assertThat(ch.rows("SELECT meter_id, kwh FROM interval_consumption FINAL"))
                    .as("the good reads around the bad ones were processed")
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.get("meter_id")).isEqualTo("M-1");
                                assertThat(new BigDecimal(r.get("kwh")))
                                        .isEqualByComparingTo("0.500");
                            });
        }
    }
}
