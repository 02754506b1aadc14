package io.gridpulse.common.metrics;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts the records of a stream per wall-clock window and, when a window ends (a processing-time
 * timer) or the input ends, emits one {@link JobMetric} per stream that had records in it. A silent
 * stream writes no row. Counters live in the operator, not in Flink state: after a restore they
 * start again from zero, which a throughput figure tolerates.
 */
public class MetricsTap<T> extends AbstractStreamOperator<JobMetric>
        implements OneInputStreamOperator<T, JobMetric>, BoundedOneInput, ProcessingTimeCallback {

    /** Names the stream a record belongs to (the input topic, or the dead letter's source). */
    public interface StreamName<T> extends Function<T, String>, Serializable {}

    private final String job;
    private final StreamName<T> streamName;
    private final long windowMs;

    private transient Map<String, long[]>
            counters; // stream -> {window records, total, max event ms}
    private transient long windowStart;

    public MetricsTap(String job, StreamName<T> streamName, long windowMs) {
        this.job = job;
        this.streamName = streamName;
        this.windowMs = windowMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        counters = new HashMap<>();
        windowStart = windowOf(getProcessingTimeService().getCurrentProcessingTime());
        getProcessingTimeService().registerTimer(windowStart + windowMs, this);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        long[] c =
                counters.computeIfAbsent(
                        streamName.apply(element.getValue()),
                        s -> new long[] {0, 0, Long.MIN_VALUE});
        c[0]++;
        c[1]++;
        if (element.hasTimestamp() && element.getTimestamp() > c[2]) {
            c[2] = element.getTimestamp();
        }
    }

    @Override
    public void onProcessingTime(long time) {
        emit(windowStart + windowMs);
        windowStart = windowOf(time);
        getProcessingTimeService().registerTimer(windowStart + windowMs, this);
    }

    /** The end of a bounded input: the window so far is reported too. */
    @Override
    public void endInput() {
        emit(getProcessingTimeService().getCurrentProcessingTime());
    }

    private void emit(long windowEnd) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        for (var e : counters.entrySet()) {
            long[] c = e.getValue();
            if (c[0] == 0) {
                continue;
            }
            boolean hasEventTime = c[2] != Long.MIN_VALUE;
            output.collect(
                    new StreamRecord<>(
                            new JobMetric(
                                    job,
                                    e.getKey(),
                                    subtask,
                                    Instant.ofEpochMilli(windowStart),
                                    (int) (windowMs / 1000),
                                    c[0],
                                    c[1],
                                    Instant.ofEpochMilli(hasEventTime ? c[2] : 0),
                                    hasEventTime ? Math.max(0, windowEnd - c[2]) / 1000 : 0)));
            c[0] = 0;
        }
    }

    private long windowOf(long millis) {
        return millis - Math.floorMod(millis, windowMs);
    }
}
