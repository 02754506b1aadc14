package io.gridpulse.common.kafka;

import io.gridpulse.streams.PublishedSchemas;
import io.gridpulse.streams.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the compacted {@link Topics#SCHEMAS} topic: key {@code <record full
 * name>/<fingerprint hex>} ({@link PublishedSchemas#key(Schema)}), value the schema's JSON.
 */
public final class SchemaTopic {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SchemaTopic() {}

    /** Every entry of the topic now, latest per key, in the order published. */
    public static Map<String, String> entries(KafkaSettings kafka) {
        String topic = kafka.topic(Topics.SCHEMAS);
        Map<String, String> entries = new LinkedHashMap<>();
        for (var r : read(kafka.clientProperties("gridpulse-schemas"), topic, Map.of())) {
            if (r.value() == null) {
                entries.remove(r.key());
            } else {
                entries.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** Publishes {@code schema} under its key and waits until the broker has it. */
    public static void publish(KafkaSettings kafka, Schema schema) throws InterruptedException {
        Properties p = kafka.clientProperties("gridpulse-schemas-publish");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (var producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    kafka.topic(Topics.SCHEMAS),
                                    PublishedSchemas.key(schema),
                                    schema.toString().getBytes(StandardCharsets.UTF_8)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot publish to " + kafka.topic(Topics.SCHEMAS) + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /** Whether the topic exists (setup creates it; nothing here creates it by accident). */
    public static boolean exists(KafkaSettings kafka) {
        return partitions(kafka.clientProperties("gridpulse-schemas"), kafka.topic(Topics.SCHEMAS))
                .isPresent();
    }

    /**
     * The records of {@code topic} after {@code positions} (from the beginning of a partition
     * without one) up to its end offsets at the time of the call.
     */
    static List<ConsumerRecord<String, byte[]>> read(
            Properties client, String topic, Map<TopicPartition, Long> positions) {
        try (var consumer = consumer(client)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, TIMEOUT).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                Long from = positions.get(tp);
                if (from == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, from);
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            topic + " not read to its end in " + TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    private static Optional<Integer> partitions(Properties client, String topic) {
        try (var consumer = consumer(client)) {
            var found = consumer.listTopics(TIMEOUT).get(topic);
            return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found.size());
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("enable.auto.commit", "false");
        // a lookup before setup must not create the topic uncompacted
        p.put("allow.auto.create.topics", "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
