package io.gridpulse.replay;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.UnreadableRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The newest read of each meter, read back from the topic: every partition from its beginning to
 * the end it has when the replay starts, without a consumer group (nothing is committed). Only
 * records whose key is one of the meters are decoded; records that do not decode are passed over
 * (the jobs send them to the dead letters).
 */
final class KafkaNewestReads implements NewestReads {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALLED = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Properties kafkaSecurity;
    private long recordsRead;

    KafkaNewestReads(String bootstrapServers) {
        this(bootstrapServers, new Properties());
    }

    /**
     * @param kafkaSecurity client properties applied over the reader's own (security, TLS)
     */
    KafkaNewestReads(String bootstrapServers, Properties kafkaSecurity) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaSecurity = kafkaSecurity;
    }

    long recordsRead() {
        return recordsRead;
    }

    @Override
    public Map<String, Newest> of(String topic, Set<String> meters) {
        Set<String> keys = Set.copyOf(meters);
        AvroCodec<MeterRead> codec = AvroCodec.of(MeterRead.class);
        Map<String, Newest> newest = new HashMap<>();
        try (var consumer =
                new KafkaConsumer<>(
                        properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long lastProgress = System.nanoTime();
            while (!atEnd(consumer, partitions, ends)) {
                var records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
                    throw new KafkaException(
                            "reading "
                                    + topic
                                    + " back made no progress for "
                                    + STALLED.toSeconds()
                                    + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    recordsRead++;
                    if (r.key() == null) {
                        continue;
                    }
                    String meter = new String(r.key(), StandardCharsets.UTF_8);
                    if (keys.contains(meter)) {
                        keep(newest, codec, r.value());
                    }
                }
            }
        }
        return newest;
    }

    private static void keep(Map<String, Newest> newest, AvroCodec<MeterRead> codec, byte[] value) {
        MeterRead read;
        try {
            read = codec.decode(value);
        } catch (UnreadableRecordException e) {
            return;
        }
        long time = read.getReadTime().toEpochMilli();
        Newest before = newest.get(read.getMeterId());
        if (before == null || time > before.timeMs()) {
            newest.put(
                    read.getMeterId(),
                    new Newest(time, read.getTotalKwh().movePointRight(3).longValueExact()));
        }
    }

    private static boolean atEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gridpulse-replay");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // large fetches, no CRC check: the topic is read once, from end to end, as fast as it comes
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.putAll(kafkaSecurity);
        return p;
    }
}
