package io.gridpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A simulated city kept in memory and put on the topics in parts chosen by topic and event time, so
 * a live job's inputs can pause (stay empty for several idleness periods) between the parts; with
 * the waits such a test needs (the job has read everything: its committed offsets are at the end of
 * its inputs).
 */
public final class PausedCity {

    /** One record as the simulator emitted it. */
    public record Emitted(String topic, String key, SpecificRecord value, long timestampMillis) {

        public boolean before(Instant at) {
            return timestampMillis < at.toEpochMilli();
        }
    }

    private final List<Emitted> records = new ArrayList<>();
    private final GroundTruth truth;
    private final Set<String> topics;

    private PausedCity(SimulationConfig city, Set<String> topics) {
        this.topics = topics;
        truth =
                new Simulator(city)
                        .run(
                                (topic, key, value, at) -> {
                                    if (topics.contains(topic)) {
                                        records.add(new Emitted(topic, key, value, at));
                                    }
                                });
    }

    /** The city's records of {@code topics}: the others are never sent. */
    public static PausedCity of(SimulationConfig city, Collection<String> topics) {
        return new PausedCity(city, Set.copyOf(topics));
    }

    public GroundTruth truth() {
        return truth;
    }

    /** Hands every record, in the order emitted, to {@code to} (a reference computation). */
    public void each(BiConsumer<String, SpecificRecord> to) {
        records.forEach(r -> to.accept(r.topic(), r.value()));
    }

    /** Puts the records {@code which} selects on the topics; returns how many. */
    public int send(TestStack stack, Predicate<Emitted> which) {
        int sent = 0;
        try (var sink = new KafkaRecordSink(stack.kafka().bootstrapServers(), stack::topic)) {
            for (Emitted r : records) {
                if (which.test(r)) {
                    sink.send(r.topic(), r.key(), r.value(), r.timestampMillis());
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * The second half of a pause (the first half read): every input stays idle for three idleness
     * periods, the records from {@code split} of the inputs that go on are sent, the {@code
     * pausing} ones stay idle three periods longer and then theirs are sent; returns once the job
     * has read them all.
     */
    public void resumeAfterAPause(
            TestStack stack,
            JobClient job,
            String jobName,
            Instant split,
            Set<String> pausing,
            long idlenessMs)
            throws Exception {
        Thread.sleep(3 * idlenessMs); // every input idle
        send(stack, r -> !r.before(split) && !pausing.contains(r.topic()));
        Thread.sleep(3 * idlenessMs); // the pausing inputs idle while the others go on
        send(stack, r -> !r.before(split) && pausing.contains(r.topic()));
        awaitAllRead(stack, job, jobName, topics);
    }

    /**
     * Waits until the job has committed (on a checkpoint) the end offset of every partition of
     * {@code topics}: it has read every record on them. Fails at once if the job failed.
     */
    public static void awaitAllRead(
            TestStack stack, JobClient job, String jobName, Collection<String> topics)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (lag(stack, KafkaInputs.groupId(jobName), topics) > 0) {
            failOnJobFailure(job);
            assertThat(System.nanoTime())
                    .as("the job read every record within 3 minutes")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Records on {@code topics} the consumer group has not committed yet. */
    static long lag(TestStack stack, String group, Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(stack.kafka().clientProperties("it-pause-lag"))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                String name = stack.topic(topic);
                admin.describeTopics(List.of(name))
                        .allTopicNames()
                        .get()
                        .get(name)
                        .partitions()
                        .forEach(
                                p ->
                                        latest.put(
                                                new TopicPartition(name, p.partition()),
                                                OffsetSpec.latest()));
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    public static void failOnJobFailure(JobClient job) throws Exception {
        if (job.getJobStatus().get() == JobStatus.FAILED) {
            job.getJobExecutionResult().get(); // fails the test with the job's own exception
        }
    }
}
