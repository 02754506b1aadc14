package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.schema.DeadLetter;
import io.gridpulse.schema.MeterRead;
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
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time comes from the decoded, checked value: garbage stamped a day later and a read dated
 * 6500 AD move no watermark, so not one good read is late; the garbage is dead-lettered, the far
 * future quarantined, and history from 2012 passes. (The short form of the poison and future-time
 * drills.)
 */
@Timeout(180)
class EventTimeAtTheDoorITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Instant START = Instant.parse("2012-03-02T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final int READS = 12;
    private static final byte[] METER = "M-2012".getBytes(StandardCharsets.UTF_8);

    @TempDir Path checkpoints;

    private static byte[] read(Instant at, String kwh) {
        return AvroCodec.of(MeterRead.class)
                .encode(Events.read("M-2012", at, new BigDecimal(kwh)).build());
    }

    @Test
    void shouldKeepGarbageAndTheFarFutureOutOfEventTime() throws Exception {
        TestStack stack = TestStack.fresh("eventtime", checkpoints, Map.of());
        String reads = stack.topic(Topics.METER_READS);
        long aDayLater = START.plus(Duration.ofDays(1)).toEpochMilli();
        try (var producer = stack.producer()) {
            for (int i = 0; i < READS; i++) {
                Instant at = START.plus(QUARTER.multipliedBy(i));
                producer.send(
                        new ProducerRecord<>(
                                reads, 0, at.toEpochMilli(), METER, read(at, (100 + i) + ".000")));
                if (i == 1) {
                    // garbage whose Kafka timestamp says "a day later"
                    producer.send(
                            new ProducerRecord<>(reads, 0, aDayLater, METER, "garbage".getBytes()));
                    // a valid-looking read from the year 6500, stamped now
                    producer.send(
                            new ProducerRecord<>(
                                    reads,
                                    0,
                                    START.toEpochMilli(),
                                    METER,
                                    read(Instant.parse("6500-01-01T00:00:00Z"), "1.000")));
                }
            }
        }

        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);

        var letters =
                stack.readAll(Topics.deadLetter(Topics.METER_READS)).stream()
                        .map(
                                r -> {
                                    try {
                                        return AvroCodec.of(DeadLetter.class).decode(r.value());
                                    } catch (Exception e) {
                                        throw new AssertionError(e);
                                    }
                                })
                        .toList();
        assertThat(letters).hasSize(2);
        assertThat(letters)
                .filteredOn(DeadLetters::isQuarantined)
                .singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("6500-01-01"));
        try (var ch = stack.clickHouse()) {
            assertThat(ch.value("SELECT count() FROM late_records FINAL"))
                    .as("no good read was made late by garbage or the far future")
                    .isEqualTo("0");
            assertThat(ch.value("SELECT count() FROM interval_consumption FINAL"))
                    .isEqualTo(String.valueOf(READS - 1));
            assertThat(ch.value("SELECT toString(sum(kwh)) FROM interval_consumption FINAL"))
                    .isEqualTo("11.000");
            assertThat(ch.value("SELECT count() FROM rejected_records FINAL")).isEqualTo("2");
        }
    }
}
