package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Builds dead letters and names their kinds. The error class of a dead letter says what happened:
 * an exception class for a record that could not be decoded, {@code range:*} for a record refused
 * by the checks at the door, {@code quarantine:*} for a record held back because of where it is in
 * time.
 */
public final class DeadLetters {

    /** Where the dead letters of an input leave its split operator. */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") {};

    public static final String TOO_LARGE = "range:record-size";
    public static final String RANGE_EVENT_TIME = "range:event-time";
    public static final String RANGE_DECIMAL = "range:decimal";
    public static final String QUARANTINE_PREFIX = "quarantine:";
    public static final String QUARANTINE_FUTURE = QUARANTINE_PREFIX + "future-event-time";

    /** Room for the envelope's other fields: topic, reason, error class, job. */
    private static final int ENVELOPE_RESERVE = 4096;

    private DeadLetters() {}

    public static boolean isQuarantined(DeadLetter letter) {
        return letter.getErrorClass().startsWith(QUARANTINE_PREFIX);
    }

    /**
     * A dead letter for a Kafka record; a value too large for the dead-letter topic keeps only its
     * head, and the reason says so, so writing the letter can never fail on its size.
     */
    static DeadLetter of(
            ConsumerRecord<byte[], byte[]> record,
            String reason,
            String errorClass,
            String jobName,
            int maxBytes) {
        byte[] key = record.key();
        byte[] value = record.value();
        String note = "";
        int keyBudget = maxBytes / 4;
        if (key != null && key.length > keyBudget) {
            note += " [key truncated from " + key.length + " to " + keyBudget + " bytes]";
            key = Arrays.copyOf(key, keyBudget);
        }
        int valueBudget = Math.max(0, maxBytes - ENVELOPE_RESERVE - (key == null ? 0 : key.length));
        if (value != null && value.length > valueBudget) {
            note +=
                    " [value truncated from "
                            + value.length
                            + " to "
                            + valueBudget
                            + " bytes for the dead-letter topic]";
            value = Arrays.copyOf(value, valueBudget);
        }
        String fullReason = reason + note;
        if (fullReason.length() > ENVELOPE_RESERVE / 4) {
            fullReason = fullReason.substring(0, ENVELOPE_RESERVE / 4) + "...";
        }
        return DeadLetter.newBuilder()
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, record.timestamp())))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(fullReason)
                .setErrorClass(errorClass)
                .setJob(jobName)
                .setRejectedAt(Instant.now())
                .build();
    }
}
