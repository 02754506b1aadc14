package io.gridpulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.testing.MiniClusters;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ClickHouseStatements} in a job on a mini-cluster, with an executor that records what it
 * ran: every record reaches a statement after its checkpoint, a transient failure is retried, and a
 * statement the server refuses is left out without stopping the job.
 */
class ClickHouseStatementsTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Queue<String> RAN = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    @BeforeEach
    void clear() {
        RAN.clear();
    }

    @Test
    void shouldRunAStatementForEveryRecordAndRetryATransientFailure() throws Exception {
        FAILURES_LEFT.set(2);
        run(
                sql -> {
                    if (FAILURES_LEFT.getAndDecrement() > 0) {
                        throw new IOException("connection refused");
                    }
                    RAN.add(sql);
                });

        assertThat(RAN)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 200).mapToObj(i -> "r" + i).toList());
    }

    @Test
    void shouldLeaveOutAStatementTheServerRefusesAndGoOn() throws Exception {
        run(
                sql -> {
                    if (sql.equals("r7")) {
                        throw new IllegalArgumentException("Syntax error");
                    }
                    RAN.add(sql);
                });

        assertThat(RAN).hasSize(199).doesNotContain("r7");
    }

    private static void run(Recorder recorder) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(50);
        env.fromData(IntStream.range(0, 200).mapToObj(i -> "r" + i).toList())
                .sinkTo(
                        new ClickHouseStatements<>(
                                "test statements", // one statement per record
                                List::copyOf,
                                new Strings(),
                                clientName -> recorder::run,
                                3,
                                Duration.ofMillis(1)))
                .name("statements");
        env.execute("statements");
    }

    @FunctionalInterface
    private interface Recorder extends Serializable {
        void run(String sql) throws Exception;
    }

    private static final class Strings implements SimpleVersionedSerializer<String>, Serializable {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(int version, byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
