package io.gridpulse.common.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows as {@code JSONEachRow} lines and inserts them by size, by age, and before every
 * checkpoint ({@link #flush}). All methods, timers included, run in the task's mailbox thread.
 */
final class ClickHouseSinkWriter<T extends Record> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    private final String table;
    private final JsonEachRow<T> format;
    private final List<String> columns;
    private final InsertTransport transport;
    private final InsertRetries retries;
    private final int batchRows;
    private final long flushIntervalMillis;
    private final ProcessingTimeService timers;
    private final Counter rowsSent;
    private final Counter insertRetries;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private int bufferedRows;

    /** Bumped by every flush, so a timer set for an earlier batch does nothing. */
    private long batchNumber;

    ClickHouseSinkWriter(
            String table,
            JsonEachRow<T> format,
            InsertTransport transport,
            InsertRetries retries,
            int batchRows,
            Duration flushInterval,
            ProcessingTimeService timers,
            SinkWriterMetricGroup metrics) {
        this.table = table;
        this.format = format;
        this.columns = format.columns();
        this.transport = transport;
        this.retries = retries;
        this.batchRows = batchRows;
        this.flushIntervalMillis = flushInterval.toMillis();
        this.timers = timers;
        this.rowsSent = metrics.getNumRecordsSendCounter();
        this.insertRetries = metrics.counter("clickhouseInsertRetries");
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        buffer.writeBytes(format.line(row));
        bufferedRows++;
        if (bufferedRows >= batchRows) {
            insertBuffered();
        } else if (bufferedRows == 1) {
            long batch = batchNumber;
            timers.registerTimer(
                    timers.getCurrentProcessingTime() + flushIntervalMillis,
                    time -> {
                        if (batch == batchNumber) {
                            insertBuffered();
                        }
                    });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        insertBuffered();
    }

    private void insertBuffered() throws IOException, InterruptedException {
        batchNumber++;
        if (bufferedRows == 0) {
            return;
        }
        byte[] rows = buffer.toByteArray();
        int retried =
                retries.run(
                        table,
                        () -> transport.insert(table, columns, rows),
                        (retry, backoff, cause) -> {
                            insertRetries.inc();
                            LOG.warn(
                                    "Insert of {} rows into {} failed, retry {} in {} ms: {}",
                                    bufferedRows,
                                    table,
                                    retry,
                                    backoff,
                                    cause.toString());
                        });
        if (retried > 0) {
            LOG.info(
                    "Insert of {} rows into {} succeeded after {} retries",
                    bufferedRows,
                    table,
                    retried);
        }
        rowsSent.inc(bufferedRows);
        buffer.reset();
        bufferedRows = 0;
    }

    @Override
    public void close() throws Exception {
        transport.close();
    }
}
