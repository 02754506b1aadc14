package io.gridpulse.common.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows as {@code JSONEachRow} lines and inserts them by size, by age, and before every
 * checkpoint ({@link #flush}). All methods, timers included, run in the task's mailbox thread.
 *
 * <p>A batch the server refuses because of its data (a value out of a column's range, a string it
 * cannot parse) is bisected until the refused rows are found; those go to {@code rejected_records}
 * with the server's reason and the rest is written. A refused row never stops the job. A transient
 * failure is retried, and logged once per incident: one line when it starts, one when it is over.
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
    private final Counter rowsRejected;
    private final String jobName;
    private final JsonEachRow<RejectedRow> rejectedFormat = new JsonEachRow<>(RejectedRow.class);

    private final LineBuffer buffer = new LineBuffer(1 << 16);
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
        this(table, format, transport, retries, batchRows, flushInterval, timers, metrics, "");
    }

    ClickHouseSinkWriter(
            String table,
            JsonEachRow<T> format,
            InsertTransport transport,
            InsertRetries retries,
            int batchRows,
            Duration flushInterval,
            ProcessingTimeService timers,
            SinkWriterMetricGroup metrics,
            String jobName) {
        this.jobName = jobName;
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
        this.rowsRejected = metrics.counter("clickhouseRowsRejected");
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        format.appendLine(row, buffer);
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
        try {
            insert(table, columns, rows, bufferedRows);
        } catch (InsertFailedException e) {
            if (!e.isRowProblem()) {
                throw e;
            }
            LOG.warn(
                    "ClickHouse refused a batch of {} rows for {} ({}); isolating the refused rows",
                    bufferedRows,
                    table,
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            isolate(lines(rows));
        }
        rowsSent.inc(bufferedRows);
        buffer.reset();
        bufferedRows = 0;
    }

    /** Inserts with retries; one log line when an incident starts and one when it is over. */
    private void insert(String into, List<String> cols, byte[] rows, int rowCount)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        int retried =
                retries.run(
                        into,
                        () -> transport.insert(into, cols, rows),
                        (retry, backoff, cause) -> {
                            insertRetries.inc();
                            if (retry == 1) {
                                LOG.warn(
                                        "ClickHouse insert into {} failing ({}); retrying up to"
                                                + " {} times with backoff, next in {} ms",
                                        into,
                                        cause.toString(),
                                        retries.maxRetries(),
                                        backoff);
                            }
                        });
        if (retried > 0) {
            LOG.warn(
                    "ClickHouse insert of {} rows into {} succeeded after {} retries ({} s)",
                    rowCount,
                    into,
                    retried,
                    (System.nanoTime() - started) / 1_000_000_000);
        }
    }

    /** Splits the lines in halves until each refused row stands alone, and dead-letters it. */
    private void isolate(List<byte[]> lines) throws IOException, InterruptedException {
        try {
            insert(table, columns, join(lines), lines.size());
        } catch (InsertFailedException e) {
            if (!e.isRowProblem()) {
                throw e;
            }
            if (lines.size() == 1) {
                reject(lines.get(0), e);
                return;
            }
            int half = lines.size() / 2;
            isolate(lines.subList(0, half));
            isolate(lines.subList(half, lines.size()));
        }
    }

    private void reject(byte[] line, InsertFailedException e)
            throws IOException, InterruptedException {
        rowsRejected.inc();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String row = new String(line, StandardCharsets.UTF_8);
        RejectedRow rejected =
                new RejectedRow(
                        jobName,
                        "clickhouse:" + table,
                        -1,
                        // deterministic: the same row refused again after a restart is one row
                        UUID.nameUUIDFromBytes(line).getMostSignificantBits() & Long.MAX_VALUE,
                        Instant.now(),
                        "ClickHouse refused the row for table " + table + ": " + cause.getMessage(),
                        cause.getClass().getName(),
                        Base64.getEncoder().encodeToString(line),
                        Instant.now());
        LOG.warn("Row refused by ClickHouse table {} stored in rejected_records: {}", table, row);
        if (table.equals(RejectedRow.TABLE)) {
            LOG.error("A rejected_records row was itself refused and is dropped: {}", row);
            return;
        }
        insert(RejectedRow.TABLE, rejectedFormat.columns(), rejectedFormat.line(rejected), 1);
    }

    private static List<byte[]> lines(byte[] rows) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == '\n') {
                lines.add(Arrays.copyOfRange(rows, start, i + 1));
                start = i + 1;
            }
        }
        if (start < rows.length) {
            lines.add(Arrays.copyOfRange(rows, start, rows.length));
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A row of {@code rejected_records} (see {@link io.gridpulse.common.RejectedRecord}). */
    record RejectedRow(
            String job,
            String sourceTopic,
            int sourcePartition,
            long sourceOffset,
            Instant sourceTime,
            String reason,
            String errorClass,
            String valueBase64,
            Instant rejectedAt) {
        static final String TABLE = "rejected_records";
    }

    @Override
    public void close() throws Exception {
        transport.close();
    }
}
