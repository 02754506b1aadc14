package io.gridpulse.simulator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to Kafka: keys as UTF-8 strings, values in Avro single-object encoding, the record
 * timestamp set to the event time. The producer is idempotent with {@code acks=all}, so a retried
 * send never duplicates a record, and batches with lz4 for throughput.
 *
 * <p>Sends are asynchronous; the first failure is raised by the next {@code send}, {@code flush} or
 * {@code close}. Not thread-safe: one simulator run per sink.
 */
public final class KafkaRecordSink implements RecordSink {

    private final Producer<byte[], byte[]> producer;
    private final Function<String, String> topicName;
    private final Map<String, String> topicNames = new HashMap<>();
    private final RecordEncoder encoder = new RecordEncoder();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param bootstrapServers the brokers, e.g. {@code localhost:9092}
     * @param topicName maps a logical topic name of {@link io.gridpulse.streams.Topics} to the
     *     topic written to, e.g. adding a prefix so a test gets fresh topics
     */
    public KafkaRecordSink(String bootstrapServers, Function<String, String> topicName) {
        this(producerProperties(bootstrapServers), topicName);
    }

    /** A sink with the given producer settings; start from {@link #producerProperties(String)}. */
    public KafkaRecordSink(Properties producerProperties, Function<String, String> topicName) {
        this.producer =
                new KafkaProducer<>(
                        producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        this.topicName = topicName;
    }

    /** The settings this sink uses by default. */
    public static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "gridpulse-simulator");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        // fail a run against an unreachable broker within half a minute, not the default minute
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return properties;
    }

    @Override
    public void send(String topic, String key, SpecificRecord value, long timestampMillis) {
        throwIfFailed();
        String target = topicNames.computeIfAbsent(topic, topicName);
        producer.send(
                new ProducerRecord<>(
                        target,
                        null,
                        timestampMillis,
                        key.getBytes(StandardCharsets.UTF_8),
                        encoder.encode(value)),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        producer.close();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception exception = failure.get();
        if (exception != null) {
            throw new KafkaException(
                    "writing to Kafka failed: " + exception.getMessage(), exception);
        }
    }
}
