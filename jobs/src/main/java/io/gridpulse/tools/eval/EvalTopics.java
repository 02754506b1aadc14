package io.gridpulse.tools.eval;

import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.UnreadableRecordException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic for an evaluation: what the simulator or a job wrote, from the start. */
final class EvalTopics {

    private EvalTopics() {}

    static <T extends org.apache.avro.specific.SpecificRecord> T decode(
            AvroCodec<T> codec, byte[] value) {
        try {
            return codec.decode(value);
        } catch (UnreadableRecordException e) {
            throw new IllegalStateException("unreadable record on the topic: " + e.getMessage(), e);
        }
    }

    static void readAll(KafkaSettings kafka, String topic, Consumer<byte[]> each) {
        Properties p = kafka.clientProperties("gridpulse-eval");
        p.put("group.id", "gridpulse-eval-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        try (var consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(kafka.topic(topic)).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end in 2 min");
                }
                consumer.poll(Duration.ofMillis(200))
                        .forEach(
                                r -> {
                                    if (r.value() != null) {
                                        each.accept(r.value());
                                    }
                                });
            }
        }
    }
}
