package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a dead letter to the dead-letter topic of the topic it was read from, keyed by its source
 * coordinates ({@code topic/partition/offset}), so a letter written again after a restart can be
 * recognised (and compacted) as the same one. The original key travels inside the letter.
 */
final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private transient AvroCodec<DeadLetter> codec;

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = AvroCodec.of(DeadLetter.class);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                Topics.deadLetter(letter.getSourceTopic()),
                null,
                // stamped when rejected: the topic's retention counts from then, and a source
                // timestamp
                // from history (or the year 6500) would be deleted at once or refused by the broker
                letter.getRejectedAt().toEpochMilli(),
                key(letter),
                codec.encode(letter));
    }

    static byte[] key(DeadLetter letter) {
        return (letter.getSourceTopic()
                        + "/"
                        + letter.getSourcePartition()
                        + "/"
                        + letter.getSourceOffset())
                .getBytes(StandardCharsets.UTF_8);
    }
}
