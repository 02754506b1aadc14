package io.gridpulse.common;

import io.gridpulse.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A record no job could read, as stored in {@code rejected_records}; the same record with its
 * original bytes is on the input topic's dead-letter topic.
 */
public record RejectedRecord(
        String job,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        Instant sourceTime,
        String reason,
        String errorClass,
        String valueBase64,
        Instant rejectedAt) {

    public static RejectedRecord of(DeadLetter letter) {
        ByteBuffer value = letter.getValue();
        String base64 =
                value == null
                        ? ""
                        : StandardCharsets.US_ASCII
                                .decode(Base64.getEncoder().encode(value.duplicate()))
                                .toString();
        return new RejectedRecord(
                letter.getJob(),
                letter.getSourceTopic(),
                letter.getSourcePartition(),
                letter.getSourceOffset(),
                clampToDateTime(letter.getSourceTimestamp()),
                letter.getReason(),
                letter.getErrorClass(),
                base64,
                letter.getRejectedAt());
    }

    /** The range of ClickHouse's DateTime: a record stamped 6500 AD is stored, at its edge. */
    static Instant clampToDateTime(Instant t) {
        Instant last = Instant.parse("2105-12-31T23:59:59Z");
        return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t.isAfter(last) ? last : t;
    }
}
