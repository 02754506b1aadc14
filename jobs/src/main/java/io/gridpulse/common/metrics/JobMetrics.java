package io.gridpulse.common.metrics;

import io.gridpulse.schema.DeadLetter;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A job's own throughput, lag and dead letters, written to {@code job_metrics} every few seconds
 * for the control room. Each input stream and the dead letters get a tap beside the job's
 * operators; the taps' rows go to one sink.
 */
public final class JobMetrics {

    /** How often each subtask writes a row per stream. */
    public static final Duration WINDOW = Duration.ofSeconds(5);

    private final String job;
    private DataStream<JobMetric> rows;

    public JobMetrics(String job) {
        this.job = job;
    }

    /** Counts an input stream's records; returns the stream unchanged. */
    public <T> DataStream<T> observe(String topic, DataStream<T> input) {
        add(input, r -> topic, "metrics " + topic, "metrics-" + topic);
        return input;
    }

    /** Counts dead letters per source topic, as stream {@code <topic>-dlq}. */
    public void observeDeadLetters(DataStream<DeadLetter> deadLetters) {
        add(
                deadLetters,
                d -> d.getSourceTopic() + "-dlq",
                "metrics dead letters",
                "metrics-dead-letters");
    }

    public void sinkTo(Sink<JobMetric> sink) {
        if (rows != null) {
            rows.sinkTo(sink).name("job_metrics").uid("sink-job-metrics");
        }
    }

    private <T> void add(
            DataStream<T> stream, MetricsTap.StreamName<T> name, String opName, String uid) {
        DataStream<JobMetric> tapped =
                stream.transform(
                                opName,
                                TypeInformation.of(JobMetric.class),
                                new MetricsTap<>(job, name, WINDOW.toMillis()))
                        .uid(uid);
        rows = rows == null ? tapped : rows.union(tapped);
    }
}
