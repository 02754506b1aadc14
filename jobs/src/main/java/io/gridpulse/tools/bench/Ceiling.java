package io.gridpulse.tools.bench;

import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: plain Kafka consumers that read a topic from its start to its end and decode every
 * value's Avro, and do nothing else. As many threads as the job has source subtasks, partitions
 * dealt round robin as the Kafka source deals them, consumer settings left at their defaults as the
 * job's source leaves them.
 */
final class Ceiling {

    /** Records read and the seconds it took. */
    record Rate(long records, double seconds) {
        double perSecond() {
            return records / seconds;
        }
    }

    /** Where the decoded values go, so the decoding cannot be optimised away. */
    private static volatile long blackhole;

    private Ceiling() {}

    static Rate measure(KafkaSettings kafka, String topic, int threads) throws Exception {
        List<TopicPartition> partitions;
        try (var probe = consumer(kafka, "bench-ceiling-probe")) {
            partitions =
                    probe.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
        }
        List<List<TopicPartition>> dealt = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            dealt.add(new ArrayList<>());
        }
        for (TopicPartition tp : partitions) {
            dealt.get(tp.partition() % threads).add(tp);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<TopicPartition> mine = dealt.get(t);
                String clientId = "bench-ceiling-" + t;
                counts.add(pool.submit(() -> readToEnd(kafka, clientId, mine)));
            }
            long records = 0;
            for (Future<Long> count : counts) {
                records += count.get();
            }
            return new Rate(records, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long readToEnd(KafkaSettings kafka, String clientId, List<TopicPartition> mine)
            throws Exception {
        if (mine.isEmpty()) {
            return 0;
        }
        AvroCodec<MeterRead> codec = AvroCodec.of(MeterRead.class);
        long records = 0;
        long checksum = 0;
        try (var consumer = consumer(kafka, clientId)) {
            consumer.assign(mine);
            consumer.seekToBeginning(mine);
            Map<TopicPartition, Long> ends = consumer.endOffsets(mine);
            while (mine.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    checksum += codec.decode(r.value()).getReadTime().toEpochMilli();
                    records++;
                }
            }
        }
        blackhole = checksum;
        return records;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka, String clientId) {
        Properties p = kafka.clientProperties(clientId);
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
