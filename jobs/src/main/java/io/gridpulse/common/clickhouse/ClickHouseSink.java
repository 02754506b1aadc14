package io.gridpulse.common.clickhouse;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows into one ClickHouse table in batches, at least once.
 *
 * <p>A batch is sent when it holds {@link Builder#batchRows} rows, when its oldest row has waited
 * {@link Builder#flushInterval}, and before every checkpoint, so a completed checkpoint means every
 * row before it is in ClickHouse. After a failure the rows since the last checkpoint are written
 * again; the tables are ReplacingMergeTrees keyed by deterministic columns and read with {@code
 * FINAL}, so a replayed batch never doubles a count. Transient failures are retried with
 * exponential backoff; anything else, or a transient failure that outlasts the retries, fails the
 * job with the reason.
 */
public final class ClickHouseSink<T extends Record> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** Rows per insert: large enough for ClickHouse to make few parts, small enough for memory. */
    public static final int DEFAULT_BATCH_ROWS = 20_000;

    /** Longest wait of a row in the buffer, and so the freshness of the dashboards. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    public static final int DEFAULT_MAX_RETRIES = 12;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(30);

    private final String table;
    private final JsonEachRow<T> format;
    private final InsertTransport.Factory transport;
    private final int batchRows;
    private final Duration flushInterval;
    private final int maxRetries;
    private final Duration retryBackoff;

    private ClickHouseSink(Builder<T> b) {
        this.table = b.table;
        this.format = new JsonEachRow<>(b.rowType);
        this.transport = b.transport;
        this.batchRows = b.batchRows;
        this.flushInterval = b.flushInterval;
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
    }

    public static <T extends Record> Builder<T> builder(String table, Class<T> rowType) {
        return new Builder<>(table, rowType);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(
                table,
                format,
                transport.open(clientName(context, table)),
                new InsertRetries(maxRetries, retryBackoff, MAX_RETRY_BACKOFF, Thread::sleep),
                batchRows,
                flushInterval,
                context.getProcessingTimeService(),
                context.metricGroup(),
                context.getJobInfo().getJobName());
    }

    /** The name a subtask's client gives the server: job, what it writes, subtask. */
    static String clientName(InitContext context, String what) {
        return "gridpulse-"
                + context.getJobInfo().getJobName()
                + "-"
                + what
                + "-"
                + context.getTaskInfo().getIndexOfThisSubtask();
    }

    /** Builds a {@link ClickHouseSink}; {@link #build()} says what is missing or out of range. */
    public static final class Builder<T extends Record> {

        private final String table;
        private final Class<T> rowType;
        private InsertTransport.Factory transport;
        private int batchRows = DEFAULT_BATCH_ROWS;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;

        private Builder(String table, Class<T> rowType) {
            this.table = Objects.requireNonNull(table, "table");
            this.rowType = Objects.requireNonNull(rowType, "rowType");
        }

        /** Connection and batching settings from the job configuration. */
        public Builder<T> configuredBy(GridPulseConfig config) {
            return settings(ClickHouseSettings.from(config))
                    .batchRows(config.get(CommonKeys.SINK_BATCH_ROWS))
                    .flushInterval(config.get(CommonKeys.SINK_FLUSH_INTERVAL))
                    .maxRetries(config.get(CommonKeys.SINK_MAX_RETRIES))
                    .retryBackoff(config.get(CommonKeys.SINK_RETRY_BACKOFF));
        }

        public Builder<T> settings(ClickHouseSettings settings) {
            return transport(
                    ClientV2Transport.factory(Objects.requireNonNull(settings, "settings")));
        }

        /** Another way to reach the table; tests use it to observe batches and inject failures. */
        public Builder<T> transport(InsertTransport.Factory transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder<T> batchRows(int batchRows) {
            this.batchRows = batchRows;
            return this;
        }

        public Builder<T> flushInterval(Duration flushInterval) {
            this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
            return this;
        }

        public Builder<T> maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder<T> retryBackoff(Duration retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        public ClickHouseSink<T> build() {
            if (transport == null) {
                throw new IllegalStateException(
                        "ClickHouseSink for "
                                + table
                                + " needs settings(...) or configuredBy(...) to know where to write");
            }
            if (batchRows <= 0) {
                throw new IllegalArgumentException("batchRows must be above 0, got " + batchRows);
            }
            if (flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException(
                        "flushInterval must be above 0, got " + flushInterval);
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException(
                        "maxRetries must be 0 or more, got " + maxRetries);
            }
            if (rowType.getRecordComponents().length == 0) {
                throw new IllegalArgumentException(
                        rowType.getName() + " has no components to write as columns");
            }
            return new ClickHouseSink<>(this);
        }
    }
}
