package io.gridpulse.common;

import io.gridpulse.schema.DeadLetter;
import java.nio.ByteBuffer;
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
        String base64 = "";
        if (value != null) {
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            base64 = Base64.getEncoder().encodeToString(bytes);
        }
        return new RejectedRecord(
                letter.getJob(),
                letter.getSourceTopic(),
                letter.getSourcePartition(),
                letter.getSourceOffset(),
                letter.getSourceTimestamp(),
                letter.getReason(),
                letter.getErrorClass(),
                base64,
                letter.getRejectedAt());
    }
}
