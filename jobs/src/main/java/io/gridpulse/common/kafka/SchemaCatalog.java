package io.gridpulse.common.kafka;

import io.gridpulse.streams.PublishedSchemas;
import io.gridpulse.streams.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer schemas published to the compacted {@link Topics#SCHEMAS} topic, as the sources see
 * them: one catalog per Kafka cluster and topic in a JVM (a TaskManager), shared by every source
 * subtask in it.
 *
 * <p>A lookup of a fingerprint the catalog holds costs one map read. On a miss it reads the topic
 * from where it stopped to its current end; since a producer publishes a writer before it writes
 * with it, a read that starts after the record was seen finds every writer published properly.
 * Reads are rate-limited ({@code kafka.schemas.lookup.interval}) and a fingerprint a read did not
 * find is answered "unknown" without another read for a while, so a flood of records with made-up
 * fingerprints cannot hammer the broker. A lookup never throws: an unreachable broker is a miss
 * (the record goes to the dead letters, with its reason).
 */
public final class SchemaCatalog implements PublishedSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaCatalog.class);

    /** How long a fingerprint a read did not find is answered "unknown" without a new read. */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(10);

    /**
     * Misses within {@link #MISS_WINDOW} above which a lookup no longer waits for the next allowed
     * read (an attack, or a producer that never publishes): it reads only when a read is allowed.
     */
    static final int MAX_WAITING_MISSES = 20;

    static final Duration MISS_WINDOW = Duration.ofMinutes(1);

    private static final int MAX_REMEMBERED_MISSES = 10_000;
    private static final Map<Object, SchemaCatalog> SHARED = new ConcurrentHashMap<>();

    /** Time in milliseconds, and waiting. */
    interface Clock {
        long nowMs();

        void sleep(long ms) throws InterruptedException;
    }

    private static final Clock SYSTEM =
            new Clock() {
                @Override
                public long nowMs() {
                    return System.nanoTime() / 1_000_000;
                }

                @Override
                public void sleep(long ms) throws InterruptedException {
                    Thread.sleep(ms);
                }
            };

    /** Reads the records of the topic after {@code positions}, to its current end. */
    interface TopicReader {
        List<ConsumerRecord<String, byte[]>> readToEnd(Map<TopicPartition, Long> positions);
    }

    private final String topic;
    private final TopicReader reader;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Schema> known = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Map<String, Long> misses =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > MAX_REMEMBERED_MISSES;
                }
            };
    private long lastReadStart = Long.MIN_VALUE;
    private long reads;

    SchemaCatalog(String topic, TopicReader reader, Duration interval, Clock clock) {
        this.topic = topic;
        this.reader = reader;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * The catalog of {@code kafka}'s schemas topic in this JVM; its consumer has the same brokers,
     * security and {@code kafka.client.*} properties as the sources.
     */
    public static SchemaCatalog shared(KafkaSettings kafka, Duration interval) {
        Properties props = kafka.clientProperties("gridpulse-schemas");
        String topic = kafka.topic(Topics.SCHEMAS);
        Object id = List.of(topic, Map.copyOf(props));
        return SHARED.computeIfAbsent(
                id,
                k -> new SchemaCatalog(topic, new ConsumerReader(props, topic), interval, SYSTEM));
    }

    @Override
    public Optional<Schema> find(String fullName, long fingerprint) {
        String key = PublishedSchemas.key(fullName, fingerprint);
        Schema hit = known.get(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        return lookUp(key, clock.nowMs());
    }

    private synchronized Optional<Schema> lookUp(String key, long seenAt) {
        Schema hit = known.get(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        Long missedAt = misses.get(key);
        if (missedAt != null && seenAt - missedAt < NEGATIVE_TTL.toMillis()) {
            return Optional.empty();
        }
        if (lastReadStart > seenAt) {
            // another subtask read the topic after this record was seen
            return Optional.empty();
        }
        long wait = lastReadStart + interval.toMillis() - seenAt;
        if (lastReadStart != Long.MIN_VALUE && wait > 0) {
            if (recentMisses(seenAt) >= MAX_WAITING_MISSES) {
                misses.put(key, seenAt);
                return Optional.empty();
            }
            try {
                clock.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        readToEnd();
        hit = known.get(key);
        if (hit == null) {
            misses.put(key, clock.nowMs());
        }
        return Optional.ofNullable(hit);
    }

    private long recentMisses(long now) {
        return misses.values().stream().filter(t -> now - t < MISS_WINDOW.toMillis()).count();
    }

    private void readToEnd() {
        lastReadStart = clock.nowMs();
        reads++;
        List<ConsumerRecord<String, byte[]>> records;
        try {
            records = reader.readToEnd(Map.copyOf(positions));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the schemas topic {}: {}", topic, e.toString());
            return;
        }
        for (ConsumerRecord<String, byte[]> r : records) {
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            add(r.key(), r.value());
        }
    }

    private void add(String key, byte[] value) {
        if (key == null || value == null) {
            // a tombstone: a writer already read stays readable
            return;
        }
        try {
            Schema schema = new Schema.Parser().parse(new String(value, StandardCharsets.UTF_8));
            if (!PublishedSchemas.key(schema).equals(key)) {
                LOG.warn(
                        "schemas topic {}: entry {} holds schema {}, ignored",
                        topic,
                        key,
                        PublishedSchemas.key(schema));
                return;
            }
            known.put(key, schema);
            misses.remove(key);
        } catch (SchemaParseException e) {
            LOG.warn("schemas topic {}: entry {} is not an Avro schema, ignored", topic, key);
        }
    }

    /** How many times the topic was read. */
    synchronized long reads() {
        return reads;
    }

    /** Reads the topic with a short-lived consumer: nothing stays open between lookups. */
    private static final class ConsumerReader implements TopicReader {
        private final Properties props;
        private final String topic;

        ConsumerReader(Properties props, String topic) {
            this.props = props;
            this.topic = topic;
        }

        @Override
        public List<ConsumerRecord<String, byte[]>> readToEnd(Map<TopicPartition, Long> positions) {
            return SchemaTopic.read(props, topic, positions);
        }
    }
}
