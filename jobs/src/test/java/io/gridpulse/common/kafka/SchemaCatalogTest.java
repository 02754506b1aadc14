package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.PublishedSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The per-TaskManager catalog of published writers: hits cost no read, a miss reads the topic from
 * where it stopped, reads are rate-limited and a fingerprint found missing is not looked up again
 * for a while.
 */
class SchemaCatalogTest {

    private static final String TOPIC = "schemas";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /** A topic in memory; counts the reads and what each started from. */
    private final List<ConsumerRecord<String, byte[]>> topic = new ArrayList<>();

    private final List<Map<TopicPartition, Long>> readsFrom = new ArrayList<>();
    private final AtomicLong nowMs = new AtomicLong(1_000_000);

    private final SchemaCatalog catalog =
            new SchemaCatalog(
                    TOPIC,
                    positions -> {
                        readsFrom.add(positions);
                        long from = positions.getOrDefault(new TopicPartition(TOPIC, 0), 0L);
                        return topic.subList((int) from, topic.size()).stream().toList();
                    },
                    INTERVAL,
                    new FakeClock());

    /** Waiting moves the test's clock on, at once. */
    private final class FakeClock implements SchemaCatalog.Clock {
        @Override
        public long nowMs() {
            return nowMs.get();
        }

        @Override
        public void sleep(long ms) {
            nowMs.addAndGet(ms);
        }
    }

    private static Schema writer(String field) {
        return SchemaBuilder.record("MeterRead")
                .namespace("io.gridpulse.schema")
                .fields()
                .requiredString("meter_id")
                .optionalDouble(field)
                .endRecord();
    }

    private void publish(String key, String json) {
        topic.add(
                new ConsumerRecord<>(
                        TOPIC,
                        0,
                        topic.size(),
                        key,
                        json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
    }

    private void publish(Schema schema) {
        publish(PublishedSchemas.key(schema), schema.toString());
    }

    private static long fp(Schema schema) {
        return PublishedSchemas.fingerprint(schema);
    }

    private static final String NAME = MeterRead.getClassSchema().getFullName();

    @Test
    void shouldFindAPublishedWriterAndThenAnswerFromTheCache() {
        Schema v2 = writer("voltage_v");
        publish(v2);

        assertThat(catalog.find(NAME, fp(v2))).contains(v2);
        assertThat(catalog.find(NAME, fp(v2))).contains(v2);

        assertThat(catalog.reads()).as("the second lookup was a cache hit").isEqualTo(1);
    }

    @Test
    void shouldReadOnlyWhatWasPublishedSinceTheLastRead() {
        Schema v2 = writer("voltage_v");
        Schema v3 = writer("frequency_hz");
        publish(v2);
        catalog.find(NAME, fp(v2));
        publish(v3);
        nowMs.addAndGet(INTERVAL.toMillis());

        assertThat(catalog.find(NAME, fp(v3))).contains(v3);

        assertThat(readsFrom.get(1)).containsEntry(new TopicPartition(TOPIC, 0), 1L);
    }

    @Test
    void shouldNotReadAgainForAFingerprintFoundMissingRecently() {
        assertThat(catalog.find(NAME, 42L)).isEmpty();
        nowMs.addAndGet(INTERVAL.toMillis() * 3);
        assertThat(catalog.find(NAME, 42L)).isEmpty();
        assertThat(catalog.reads()).isEqualTo(1);

        nowMs.addAndGet(SchemaCatalog.NEGATIVE_TTL.toMillis());
        assertThat(catalog.find(NAME, 42L)).isEmpty();
        assertThat(catalog.reads()).as("looked up again after a while").isEqualTo(2);
    }

    @Test
    void shouldWaitForTheNextAllowedReadBeforeGivingUpOnAFingerprint() {
        catalog.find(NAME, 1L);
        Schema v2 = writer("voltage_v");
        publish(v2);
        long before = nowMs.get();

        assertThat(catalog.find(NAME, fp(v2))).as("published after the last read").contains(v2);

        assertThat(nowMs.get() - before).isEqualTo(INTERVAL.toMillis());
        assertThat(catalog.reads()).isEqualTo(2);
    }

    @Test
    void shouldStopWaitingForReadsUnderAFloodOfUnknownFingerprints() {
        long start = nowMs.get();
        // records arriving in the same instant: each would wait for the next allowed read
        for (long fingerprint = 1; fingerprint <= 1000; fingerprint++) {
            assertThat(catalog.find(NAME, fingerprint)).isEmpty();
        }

        assertThat(catalog.reads()).isEqualTo(SchemaCatalog.MAX_WAITING_MISSES);
        assertThat(nowMs.get() - start)
                .as("waited for the first reads only")
                .isEqualTo((SchemaCatalog.MAX_WAITING_MISSES - 1) * INTERVAL.toMillis());
    }

    @Test
    void shouldIgnoreEntriesWhoseKeyDoesNotMatchTheirSchemaOrThatAreNotSchemas() {
        Schema v2 = writer("voltage_v");
        Schema v3 = writer("frequency_hz");
        publish(PublishedSchemas.key(v3), v2.toString());
        publish(PublishedSchemas.key(v2), "not json");
        publish(PublishedSchemas.key(v2), null);

        assertThat(catalog.find(NAME, fp(v3))).isEmpty();
        nowMs.addAndGet(SchemaCatalog.NEGATIVE_TTL.toMillis());
        assertThat(catalog.find(NAME, fp(v2))).isEmpty();
    }

    @Test
    void shouldAnswerUnknownWhenTheTopicCannotBeRead() {
        SchemaCatalog unreachable =
                new SchemaCatalog(
                        TOPIC,
                        positions -> {
                            throw new IllegalStateException("broker down");
                        },
                        INTERVAL,
                        new FakeClock());

        assertThat(unreachable.find(NAME, 7L)).isEmpty();
    }
}
