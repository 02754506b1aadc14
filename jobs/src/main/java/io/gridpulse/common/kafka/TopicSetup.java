package io.gridpulse.common.kafka;

import io.gridpulse.streams.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates GridPulse's topics and reads how many records they hold.
 *
 * <p>Topics keep records forever ({@code retention.ms=-1}): replayed and simulated history carries
 * old timestamps, and with time-based retention the broker would delete it seconds after it was
 * written. The schema catalog ({@link Topics#SCHEMAS}) is compacted: the latest entry per writer is
 * kept for good.
 */
public final class TopicSetup {

    private TopicSetup() {}

    /** Creates the topics of {@link Topics#all()} that are missing; returns the ones it created. */
    public static List<String> createMissing(KafkaSettings kafka, int partitions)
            throws InterruptedException {
        return createMissing(kafka, partitions, (short) 1, Duration.ofDays(7));
    }

    /**
     * Topic configuration: input topics keep every record (history carries old timestamps); output
     * and dead-letter topics keep records for {@code outputRetention}.
     */
    static Map<String, String> configFor(String topic, Duration outputRetention) {
        if (Topics.SCHEMAS.equals(topic)) {
            return Map.of("cleanup.policy", "compact");
        }
        boolean input = Topics.INPUTS.contains(topic);
        return Map.of(
                "retention.ms",
                input ? "-1" : String.valueOf(outputRetention.toMillis()),
                "retention.bytes",
                "-1");
    }

    /**
     * Creates the missing topics with {@code replication} replicas each; returns the ones it
     * created.
     */
    public static List<String> createMissing(
            KafkaSettings kafka, int partitions, short replication, Duration outputRetention)
            throws InterruptedException {
        try (Admin admin = Admin.create(kafka.clientProperties("gridpulse-setup"))) {
            List<String> created = new ArrayList<>();
            for (String topic : Topics.all()) {
                String name = kafka.topic(topic);
                NewTopic newTopic =
                        new NewTopic(name, partitionsOf(topic, partitions), replication)
                                .configs(configFor(topic, outputRetention));
                try {
                    admin.createTopics(List.of(newTopic)).all().get();
                    created.add(name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + name + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            return created;
        }
    }

    /** The schema catalog is small and read whole: one partition. */
    static int partitionsOf(String topic, int partitions) {
        return Topics.SCHEMAS.equals(topic) ? 1 : partitions;
    }

    /** Deletes every GridPulse topic and waits until the broker has forgotten them. */
    public static void deleteAll(KafkaSettings kafka) throws InterruptedException {
        try (Admin admin = Admin.create(kafka.clientProperties("gridpulse-setup"))) {
            Set<String> ours = new HashSet<>(Topics.all().stream().map(kafka::topic).toList());
            ours.retainAll(admin.listTopics().names().get());
            admin.deleteTopics(ours).all().get();
            long deadline = System.currentTimeMillis() + 60_000;
            while (admin.listTopics().names().get().stream().anyMatch(ours::contains)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "topics still present a minute after deletion: " + ours);
                }
                Thread.sleep(200);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete topics: " + e.getCause(), e.getCause());
        }
    }

    /** Records held by each of the given topics (end offset minus start offset, all partitions). */
    public static Map<String, Long> recordCounts(KafkaSettings kafka, List<String> topics)
            throws InterruptedException {
        try (Admin admin = Admin.create(kafka.clientProperties("gridpulse-summary"))) {
            List<String> names = topics.stream().map(kafka::topic).toList();
            Set<String> existing = admin.listTopics().names().get();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String topic : topics) {
                counts.put(topic, 0L);
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (var d :
                    admin.describeTopics(names.stream().filter(existing::contains).toList())
                            .allTopicNames()
                            .get()
                            .values()) {
                d.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(
                    tp -> {
                        latest.put(tp, OffsetSpec.latest());
                        earliest.put(tp, OffsetSpec.earliest());
                    });
            var ends = admin.listOffsets(latest).all().get();
            var starts = admin.listOffsets(earliest).all().get();
            for (TopicPartition tp : partitions) {
                counts.merge(
                        kafka.logicalTopic(tp.topic()),
                        ends.get(tp).offset() - starts.get(tp).offset(),
                        Long::sum);
            }
            return counts;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read topic offsets: " + e.getCause(), e.getCause());
        }
    }
}
