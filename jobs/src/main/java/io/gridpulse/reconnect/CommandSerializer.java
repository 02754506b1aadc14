package io.gridpulse.reconnect;

import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.streams.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a reconnect command keyed by customer id, in the Avro single-object encoding every
 * GridPulse topic uses. The record is stamped with the time it is sent, not the clearing time in
 * its payload: the topic's retention counts from the record's timestamp, and a command cleared in
 * replayed history would be deleted by the broker's next retention check, seconds after it was
 * written and possibly before the head-end read it.
 */
final class CommandSerializer implements KafkaRecordSerializationSchema<ReconnectCommand> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient AvroCodec<ReconnectCommand> codec;

    CommandSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = AvroCodec.of(ReconnectCommand.class);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            ReconnectCommand command, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                System.currentTimeMillis(),
                command.getCustomerId().getBytes(StandardCharsets.UTF_8),
                codec.encode(command));
    }
}
