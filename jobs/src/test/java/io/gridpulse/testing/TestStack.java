package io.gridpulse.testing;

import io.gridpulse.GridPulse;
import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.Migrations;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fresh corner of the real test stack for one test: its own topic prefix (every GridPulse topic
 * created empty) and its own ClickHouse database with all migrations applied.
 *
 * <p>The broker and server are the ones {@code ./gridpulse test} starts; their addresses come from
 * {@code GRIDPULSE_KAFKA_BOOTSTRAP_SERVERS} and {@code GRIDPULSE_CLICKHOUSE_URL}. Topics and
 * databases are dropped when the test JVM ends.
 */
public final class TestStack {

    /** Every stack this test JVM made; dropped when it ends, whether its tests passed or not. */
    private static final List<GridPulseConfig> MADE = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestStack::dropAll, "drop-test-stacks"));
    }

    private final String name;
    private final Map<String, String> values;
    private final GridPulseConfig config;

    private TestStack(String name, Map<String, String> values, GridPulseConfig config) {
        this.name = name;
        this.values = values;
        this.config = config;
    }

    /**
     * Creates topics and database for a test named {@code name}; {@code settings} add or override
     * keys.
     */
    public static TestStack fresh(String name, Path checkpoints, Map<String, String> settings)
            throws InterruptedException {
        String id =
                name.toLowerCase().replaceAll("[^a-z0-9]", "")
                        + "_"
                        + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = new HashMap<>();
        values.put("kafka.topic.prefix", "it-" + id + ".");
        values.put("kafka.topic.partitions", "3");
        values.put("clickhouse.database", "it_" + id);
        values.put("clickhouse.compress.response", "false");
        values.put("clickhouse.sink.flush.interval", "200ms");
        values.put("job.checkpoint.dir", checkpoints.toUri().toString());
        values.put("job.checkpoint.interval", "1s");
        values.putAll(settings);
        return made(name, values);
    }

    private static TestStack made(String name, Map<String, String> values)
            throws InterruptedException {
        GridPulseConfig config =
                GridPulseConfig.from(
                        values, "test " + name, environmentBesides(values), GridPulse.keys());
        TopicSetup.createMissing(
                KafkaSettings.from(config), config.get(CommonKeys.KAFKA_TOPIC_PARTITIONS));
        Migrations.apply(ClickHouseSettings.from(config));
        synchronized (MADE) {
            MADE.add(config);
        }
        return new TestStack(name, values, config);
    }

    /**
     * The same topics written to a database of its own ({@code <database>_<suffix>}), e.g. for a
     * reference run to compare with.
     */
    public TestStack withOwnDatabase(String suffix) throws InterruptedException {
        Map<String, String> own = new HashMap<>(values);
        own.put("clickhouse.database", values.get("clickhouse.database") + "_" + suffix);
        return made(name + " " + suffix, own);
    }

    /**
     * Deletes the offsets a job's consumer group committed on this test's topics, so a job that
     * ignored its checkpoint would start again from the beginning.
     */
    public void forgetCommittedOffsets(String groupId) throws Exception {
        try (Admin admin = Admin.create(kafka().clientProperties("it-admin"))) {
            Set<TopicPartition> ours =
                    admin
                            .listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .keySet()
                            .stream()
                            .filter(tp -> tp.topic().startsWith(values.get("kafka.topic.prefix")))
                            .collect(Collectors.toSet());
            if (!ours.isEmpty()) {
                admin.deleteConsumerGroupOffsets(groupId, ours).all().get();
            }
        }
    }

    /**
     * Leaves this stack's topics and database in place when the JVM ends: for a stack on services
     * that are gone by then (a drill's own), where dropping would only wait for them.
     */
    public void keepOnExit() {
        synchronized (MADE) {
            MADE.remove(config);
        }
    }

    private static void dropAll() {
        synchronized (MADE) {
            MADE.forEach(TestStack::drop);
        }
    }

    /**
     * Drops this stack's topics and database now, for a test whose broker and server stop before
     * the test JVM ends.
     */
    public void dropNow() {
        synchronized (MADE) {
            MADE.remove(config);
        }
        drop(config);
    }

    private static void drop(GridPulseConfig config) {
        ClickHouseSettings clickHouse = ClickHouseSettings.from(config);
        try (var admin = ClickHouseQueries.connect(clickHouse.withDatabase("default"), "it")) {
            TopicSetup.deleteAll(KafkaSettings.from(config));
            admin.execute("DROP DATABASE IF EXISTS `" + clickHouse.database() + "`");
        } catch (Exception e) {
            System.err.println("could not drop test stack " + clickHouse.database() + ": " + e);
        }
    }

    /**
     * The environment, less what would override this test's own choices: the environment says where
     * the stack is, the test says which topics, database and checkpoint folder are its own.
     */
    private static Map<String, String> environmentBesides(Map<String, String> values) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        GridPulse.keys().stream()
                .filter(k -> values.containsKey(k.name()))
                .forEach(k -> environment.remove(k.environmentVariable()));
        return environment;
    }

    /** This test's own keys (topic prefix, database, checkpoints...), as given. */
    public Map<String, String> settings() {
        return Map.copyOf(values);
    }

    public GridPulseConfig config() {
        return config;
    }

    /** Where the jobs of this test keep their checkpoints. */
    public Path checkpointDir() {
        return Path.of(URI.create(config.get(CommonKeys.CHECKPOINT_DIR)));
    }

    public KafkaSettings kafka() {
        return KafkaSettings.from(config);
    }

    public String topic(String name) {
        return kafka().topic(name);
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = kafka().clientProperties("it-producer");
        p.put("acks", "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record on a topic now, read from the beginning. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = kafka().clientProperties("it-consumer");
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (var consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions =
                    consumer.partitionsFor(topic(topic)).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Moves event time past {@code end} on every partition of {@code meter-reads}: one read a day
     * later per partition, from a meter of its own ({@code CLOCK-<partition>}), so a live job
     * applies and closes everything up to {@code end}.
     */
    public void advanceMeterReadsPast(Instant end) {
        Instant later = end.plus(Duration.ofDays(1));
        String topic = topic(Topics.METER_READS);
        var codec = AvroCodec.of(MeterRead.class);
        try (var producer = producer()) {
            for (var partition : producer.partitionsFor(topic)) {
                String meter = "CLOCK-" + partition.partition();
                byte[] read = codec.encode(Events.read(meter, later, 0).build());
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                partition.partition(),
                                later.toEpochMilli(),
                                meter.getBytes(StandardCharsets.UTF_8),
                                read));
            }
        }
    }

    public ClickHouseQueries clickHouse() {
        return ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-it");
    }
}
