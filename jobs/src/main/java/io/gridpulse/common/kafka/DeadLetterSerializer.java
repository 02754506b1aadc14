package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a dead letter to the dead-letter topic of the topic it was read from, under the original
 * key and timestamp, so it can be traced back and replayed.
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
                letter.getSourceTimestamp().toEpochMilli(),
                letter.getKey() == null ? null : bytes(letter.getKey()),
                codec.encode(letter));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
