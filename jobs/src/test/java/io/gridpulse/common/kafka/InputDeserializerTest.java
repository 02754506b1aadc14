package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.DeadLetter;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.testing.Events;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class InputDeserializerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant IN_2012 = Instant.parse("2012-06-01T00:15:00Z");
    private static final Instant YEAR_6500 = Instant.parse("6500-01-01T00:00:00Z");
    private static final int MAX_RECORD = 128 * 1024;
    private static final int MAX_LETTER = 900_000;

    private final InputDeserializer<MeterRead> deserializer =
            new InputDeserializer<>(
                    MeterRead.class,
                    "consumption",
                    new DoorChecks(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofDays(1)),
                    MAX_RECORD,
                    MAX_LETTER);

    private static byte[] read(Instant at, BigDecimal kwh) {
        return AvroCodec.of(MeterRead.class).encode(Events.read("M-1", at, kwh).build());
    }

    private Either<MeterRead, DeadLetter> deserialize(byte[] value) {
        return deserializer.read(
                new ConsumerRecord<>(
                        "meter-reads", 1, 42L, "M-1".getBytes(StandardCharsets.UTF_8), value),
                NOW.toEpochMilli());
    }

    @Test
    void shouldPassHistoryFrom2012Untouched() {
        var result = deserialize(read(IN_2012, new BigDecimal("1234.500")));
        assertThat(result.isLeft()).isTrue();
        assertThat(result.left().getReadTime()).isEqualTo(IN_2012);
    }

    @Test
    void shouldQuarantineAReadDatedYear6500() {
        var letter = deserialize(read(YEAR_6500, new BigDecimal("1.000"))).right();
        assertThat(DeadLetters.isQuarantined(letter)).isTrue();
        assertThat(letter.getReason()).startsWith("quarantined: read_time 6500-01-01T00:00:00Z");
        assertThat(letter.getSourceOffset()).isEqualTo(42L);
    }

    @Test
    void shouldQuarantineJustBeyondTheBoundAndPassJustWithinIt() {
        assertThat(deserialize(read(NOW.plus(Duration.ofHours(23)), BigDecimal.ONE)).isLeft())
                .isTrue();
        var letter =
                deserialize(read(NOW.plus(Duration.ofDays(1)).plusSeconds(60), BigDecimal.ONE))
                        .right();
        assertThat(letter.getErrorClass()).isEqualTo(DeadLetters.QUARANTINE_FUTURE);
    }

    @Test
    void shouldRejectAReadBeforeTheEarliestPlausibleTime() {
        var letter = deserialize(read(Instant.parse("1970-01-01T00:00:00Z"), BigDecimal.ONE));
        assertThat(letter.right().getErrorClass()).isEqualTo(DeadLetters.RANGE_EVENT_TIME);
        assertThat(DeadLetters.isQuarantined(letter.right())).isFalse();
    }

    @Test
    void shouldRejectARegisterNeedingMoreThanItsDecimalPrecision() {
        // decimal(15,3) holds 12 integer digits; a producer writing raw bytes can send 16
        var letter =
                deserialize(
                                Events.readWithRawRegister(
                                        "M-1", IN_2012, new BigDecimal("1234567890123456.000")))
                        .right();
        assertThat(letter.getErrorClass()).isEqualTo(DeadLetters.RANGE_DECIMAL);
        assertThat(letter.getReason()).contains("total_kwh").contains("decimal(15,3)");
    }

    @Test
    void shouldRejectAnOversizedRecordAndTruncateItsDeadLetterWithANote() {
        byte[] huge = new byte[1_100_000];
        var letter = deserialize(huge).right();
        assertThat(letter.getErrorClass()).isEqualTo(DeadLetters.TOO_LARGE);
        assertThat(letter.getReason())
                .contains("1100000 bytes")
                .contains("value truncated from 1100000");
        byte[] encoded = AvroCodec.of(DeadLetter.class).encode(letter);
        assertThat(encoded.length).isLessThanOrEqualTo(MAX_LETTER);
    }

    @Test
    void shouldRejectBytesThatAreNotAMeterRead() {
        var letter = deserialize("M-1;2026-03-02;100".getBytes(StandardCharsets.UTF_8)).right();
        assertThat(letter.getReason()).contains("not a MeterRead");
        assertThat(DeadLetters.isQuarantined(letter)).isFalse();
    }
}
