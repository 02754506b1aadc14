package io.gridpulse.common.clickhouse;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL statements made from a stream's records once the checkpoint after them has completed.
 *
 * <p>For statements that read what the job's {@link ClickHouseSink}s wrote (an {@code INSERT …
 * SELECT} that corrects earlier rows): those sinks flush before every checkpoint, so when a
 * checkpoint completes every row the job made before a record is in ClickHouse, and the statement
 * sees it. The records wait in checkpointed state until then (they are the committables); after a
 * failure they are committed again, so a statement must give the same rows when run twice.
 *
 * <p>Transient failures are retried with exponential backoff, as the sinks do; one that outlasts
 * the retries fails the job, which commits again after its restore. A statement the server refuses
 * for any other reason is logged with the reason and counted ({@code statementsRefused}), and the
 * job goes on: it corrects rows, it loses none.
 */
public final class ClickHouseStatements<T> implements Sink<T>, SupportsCommitter<T> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseStatements.class);

    /** Makes the statements for the records of one commit, in the order they are to run. */
    @FunctionalInterface
    public interface StatementsOf<T> extends Serializable {
        List<String> of(List<T> records);
    }

    /** Runs one statement; tests use another to observe statements and inject failures. */
    @FunctionalInterface
    public interface Executor extends AutoCloseable {
        void execute(String sql) throws Exception;

        @Override
        default void close() {}
    }

    /** Opens an {@link Executor} inside a task; nothing touches the network before that. */
    @FunctionalInterface
    public interface ExecutorFactory extends Serializable {
        Executor open(String clientName);
    }

    private final String name;
    private final StatementsOf<T> statements;
    private final SimpleVersionedSerializer<T> serializer;
    private final ExecutorFactory executors;
    private final int maxRetries;
    private final Duration retryBackoff;

    /**
     * @param name what the statements do, for logs and the client name
     * @param serializer keeps the records in checkpoints until their statements ran
     */
    public static <T> ClickHouseStatements<T> configuredBy(
            GridPulseConfig config,
            String name,
            StatementsOf<T> statements,
            SimpleVersionedSerializer<T> serializer) {
        ClickHouseSettings settings = ClickHouseSettings.from(config);
        return new ClickHouseStatements<>(
                name,
                statements,
                serializer,
                clientName -> {
                    ClickHouseQueries queries = ClickHouseQueries.connect(settings, clientName);
                    return new Executor() {
                        @Override
                        public void execute(String sql) {
                            queries.execute(sql);
                        }

                        @Override
                        public void close() {
                            queries.close();
                        }
                    };
                },
                config.get(CommonKeys.SINK_MAX_RETRIES),
                config.get(CommonKeys.SINK_RETRY_BACKOFF));
    }

    public ClickHouseStatements(
            String name,
            StatementsOf<T> statements,
            SimpleVersionedSerializer<T> serializer,
            ExecutorFactory executors,
            int maxRetries,
            Duration retryBackoff) {
        this.name = Objects.requireNonNull(name, "name");
        this.statements = Objects.requireNonNull(statements, "statements");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.maxRetries = maxRetries;
        this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Pending<>();
    }

    @Override
    public Committer<T> createCommitter(CommitterInitContext context) {
        return new StatementCommitter<>(
                name,
                statements,
                executors.open(ClickHouseSink.clientName(context, name)),
                new InsertRetries(
                        maxRetries, retryBackoff, ClickHouseSink.MAX_RETRY_BACKOFF, Thread::sleep),
                context.metricGroup().counter("statementsRefused"));
    }

    @Override
    public SimpleVersionedSerializer<T> getCommittableSerializer() {
        return serializer;
    }

    /** Holds the records until the next checkpoint's barrier: they are its committables. */
    private static final class Pending<T> implements CommittingSinkWriter<T, T> {

        private List<T> records = new ArrayList<>();

        @Override
        public void write(T record, Context context) {
            records.add(record);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<T> prepareCommit() {
            List<T> ready = records;
            records = new ArrayList<>();
            return ready;
        }

        @Override
        public void close() {}
    }

    private static final class StatementCommitter<T> implements Committer<T> {

        private final String name;
        private final StatementsOf<T> statements;
        private final Executor executor;
        private final InsertRetries retries;
        private final Counter refused;

        StatementCommitter(
                String name,
                StatementsOf<T> statements,
                Executor executor,
                InsertRetries retries,
                Counter refused) {
            this.name = name;
            this.statements = statements;
            this.executor = executor;
            this.retries = retries;
            this.refused = refused;
        }

        @Override
        public void commit(Collection<CommitRequest<T>> requests) throws InterruptedException {
            List<T> records = new ArrayList<>(requests.size());
            requests.forEach(r -> records.add(r.getCommittable()));
            if (records.isEmpty()) {
                return;
            }
            for (String sql : statements.of(records)) {
                try {
                    int took =
                            retries.run(
                                    name,
                                    () -> executor.execute(sql),
                                    (retry, backoff, cause) -> {
                                        if (retry == 1) {
                                            LOG.warn(
                                                    "ClickHouse statements {} failing ({});"
                                                            + " retrying up to {} times",
                                                    name,
                                                    cause.toString(),
                                                    retries.maxRetries());
                                        }
                                    });
                    if (took > 0) {
                        LOG.info("ClickHouse statements {} succeeded after {} retries", name, took);
                    }
                } catch (InsertFailedException e) {
                    if (!e.isTransient()) {
                        refused.inc();
                        LOG.error(
                                "ClickHouse refused a statement of {}, left out: {}\n{}",
                                name,
                                e.getCause(),
                                sql);
                        continue;
                    }
                    // the records are committed again after the restore
                    requests.forEach(r -> r.signalFailedWithUnknownReason(e));
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            executor.close();
        }
    }
}
