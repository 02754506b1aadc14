package io.gridpulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickHouseSinkWriterTest {

    record Reading(String meterId, Instant readTime, BigDecimal kwh) {}

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    private final RecordingTransport transport = new RecordingTransport();
    private final List<Long> sleeps = new ArrayList<>();
    private TestProcessingTimeService time;
    private InternalSinkWriterMetricGroup metrics;

    @BeforeEach
    void setUp() throws Exception {
        time = new TestProcessingTimeService();
        time.setCurrentTime(0);
        metrics =
                InternalSinkWriterMetricGroup.wrap(
                        UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());
    }

    private ClickHouseSinkWriter<Reading> writer(int batchRows, int maxRetries) {
        return new ClickHouseSinkWriter<>(
                "readings",
                new JsonEachRow<>(Reading.class),
                transport,
                new InsertRetries(
                        maxRetries, Duration.ofMillis(100), Duration.ofMillis(250), sleeps::add),
                batchRows,
                Duration.ofSeconds(1),
                time,
                metrics);
    }

    private static Reading reading(int i) {
        return new Reading("M-" + i, NOON.plusSeconds(900L * i), new BigDecimal("1.250"));
    }

    @Test
    void shouldInsertWhenTheBatchIsFull() throws Exception {
        var writer = writer(3, 0);

        for (int i = 0; i < 7; i++) {
            writer.write(reading(i), null);
        }

        assertThat(transport.batches).hasSize(2);
        assertThat(transport.batches.get(0).lines()).hasSize(3);
        assertThat(transport.batches.get(0).columns())
                .containsExactly("meter_id", "read_time", "kwh");
        assertThat(transport.batches.get(0).lines().get(0))
                .isEqualTo(
                        "{\"meter_id\":\"M-0\",\"read_time\":\"2026-03-02 12:00:00\",\"kwh\":1.250}");
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(6);
    }

    @Test
    void shouldInsertEverythingBufferedBeforeACheckpoint() throws Exception {
        var writer = writer(100, 0);
        writer.write(reading(1), null);
        writer.write(reading(2), null);

        writer.flush(false);

        assertThat(transport.batches).hasSize(1);
        assertThat(transport.batches.get(0).lines()).hasSize(2);
        writer.flush(true);
        assertThat(transport.batches).as("an empty buffer sends nothing").hasSize(1);
    }

    @Test
    void shouldInsertWhenTheOldestRowHasWaitedTheFlushInterval() throws Exception {
        var writer = writer(100, 0);
        writer.write(reading(1), null);
        time.setCurrentTime(500);
        writer.write(reading(2), null);
        assertThat(transport.batches).isEmpty();

        time.setCurrentTime(1000);

        assertThat(transport.batches).hasSize(1);
        assertThat(transport.batches.get(0).lines()).hasSize(2);
    }

    @Test
    void shouldNotLetATimerOfAnEarlierBatchCutTheNextOneShort() throws Exception {
        var writer = writer(2, 0);
        writer.write(reading(1), null);
        writer.write(reading(2), null); // full: sent, its timer is now stale
        time.setCurrentTime(900);
        writer.write(reading(3), null);

        time.setCurrentTime(1000);
        assertThat(transport.batches).hasSize(1);

        time.setCurrentTime(1900);
        assertThat(transport.batches).hasSize(2);
    }

    @Test
    void shouldRetryTransientFailuresWithGrowingBackoff() throws Exception {
        transport.failures.add(new ConnectionInitiationException("connection refused"));
        transport.failures.add(new ServerException(252, "Too many parts", 500, "q1"));
        transport.failures.add(new ServerException(319, "Unknown status of insert", 500, "q2"));
        var writer = writer(1, 5);

        writer.write(reading(1), null);

        assertThat(transport.attempts).isEqualTo(4);
        assertThat(transport.batches).hasSize(1);
        assertThat(sleeps).containsExactly(100L, 200L, 250L);
    }

    @Test
    void shouldFailAtOnceOnErrorsNoRetryFixes() {
        transport.failures.add(
                new ServerException(60, "Table gridpulse.readings doesn't exist", 404, "q"));
        var writer = writer(1, 5);

        assertThatThrownBy(() -> writer.write(reading(1), null))
                .isInstanceOf(InsertFailedException.class)
                .hasMessageContaining("readings")
                .hasMessageContaining("not retried")
                .hasMessageContaining("doesn't exist");
        assertThat(transport.attempts).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void shouldGiveUpWhenTransientFailuresOutlastTheRetries() {
        for (int i = 0; i < 3; i++) {
            transport.failures.add(new ConnectionInitiationException("connection refused"));
        }
        var writer = writer(1, 2);

        assertThatThrownBy(() -> writer.write(reading(1), null))
                .isInstanceOf(InsertFailedException.class)
                .hasMessageContaining("after 2 retries");
        assertThat(transport.attempts).isEqualTo(3);
        assertThat(transport.batches).isEmpty();
    }

    @Test
    void shouldKeepRowsBufferedWhenAnInsertFailsSoTheCheckpointCannotComplete() throws Exception {
        transport.failures.add(new ServerException(60, "no table", 404, "q"));
        var writer = writer(100, 0);
        writer.write(reading(1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(InsertFailedException.class);
        writer.flush(false);

        assertThat(transport.batches).hasSize(1);
        assertThat(transport.batches.get(0).lines()).hasSize(1);
    }

    @Test
    void shouldIsolateARowTheServerRefusesAndStoreItAsRejected() throws Exception {
        transport.refuse = "\"M-5\"";
        var writer = writer(8, 0);

        for (int i = 0; i < 8; i++) {
            writer.write(reading(i), null);
        }

        List<String> written =
                transport.batches.stream()
                        .filter(b -> b.table().equals("readings"))
                        .flatMap(b -> b.lines().stream())
                        .toList();
        assertThat(written).hasSize(7).noneMatch(l -> l.contains("\"M-5\""));
        var rejected =
                transport.batches.stream()
                        .filter(b -> b.table().equals("rejected_records"))
                        .toList();
        assertThat(rejected).singleElement();
        String row = rejected.get(0).lines().get(0);
        assertThat(row)
                .contains("\"source_topic\":\"clickhouse:readings\"")
                .contains("Value out of range")
                .contains(
                        java.util.Base64.getEncoder()
                                .encodeToString(new JsonEachRow<>(Reading.class).line(reading(5))));
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(8);
    }

    /** Records what reaches it; fails with the queued failures first. */
    static final class RecordingTransport implements InsertTransport {
        record Batch(String table, List<String> columns, List<String> lines) {}

        final List<Batch> batches = new ArrayList<>();
        final Deque<Exception> failures = new ArrayDeque<>();
        String refuse;
        int attempts;

        @Override
        public void insert(String table, List<String> columns, byte[] rows) throws Exception {
            attempts++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            if (refuse != null
                    && !table.equals("rejected_records")
                    && new String(rows, StandardCharsets.UTF_8).contains(refuse)) {
                throw new ServerException(321, "Value out of range of data type", 500, "q");
            }
            batches.add(
                    new Batch(
                            table,
                            columns,
                            new String(rows, StandardCharsets.UTF_8).lines().toList()));
        }

        @Override
        public void close() {}
    }
}
