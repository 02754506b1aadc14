package io.gridpulse.highbill;

import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a notification to its topic keyed by customer id, so a customer's messages stay in order
 * in one partition. The record is stamped with the wall-clock time it is sent, not with its event
 * time ({@code created_at}, in the payload): the topic has a finite retention, and a replayed or
 * simulated history stamped days back was deleted by the broker right after it was written. Every
 * job writing {@code customer-notifications} (high bills, outages) uses this serializer.
 */
public final class NotificationSerializer
        implements KafkaRecordSerializationSchema<CustomerNotification> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient AvroCodec<CustomerNotification> codec;

    public NotificationSerializer(String topic) {
        this.topic = topic;
    }

    /**
     * The at-least-once sink of {@code customer-notifications} for {@code jobName}: a repeat after
     * a restore carries the same deterministic id, which the gateway drops.
     */
    public static KafkaSink<CustomerNotification> sink(KafkaSettings kafka, String jobName) {
        return KafkaSink.<CustomerNotification>builder()
                .setKafkaProducerConfig(
                        kafka.producerProperties("gridpulse-" + jobName + "-notifications"))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(
                        new NotificationSerializer(kafka.topic(Topics.CUSTOMER_NOTIFICATIONS)))
                .build();
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = AvroCodec.of(CustomerNotification.class);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            CustomerNotification notification, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                System.currentTimeMillis(),
                notification.getCustomerId().getBytes(StandardCharsets.UTF_8),
                codec.encode(notification));
    }
}
