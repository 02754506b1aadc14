package io.gridpulse.common.job;

import io.gridpulse.common.RejectedRecord;
import io.gridpulse.common.clickhouse.ClickHouseSink;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.DeadLetters;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.common.metrics.JobMetric;
import io.gridpulse.common.metrics.JobMetrics;
import io.gridpulse.schema.DeadLetter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What a job's wiring needs from the outside world, the same for every job: decoded Kafka inputs
 * whose unreadable records end in the dead-letter topic and {@code rejected_records}, and
 * ClickHouse sinks configured from the job configuration.
 */
public final class JobContext {

    private final StreamExecutionEnvironment env;
    private final GridPulseConfig config;
    private final KafkaInputs kafka;
    private final Map<String, Class<? extends Record>> tables = new LinkedHashMap<>();
    private final List<String> inputTopics = new ArrayList<>();
    private final JobMetrics metrics;
    private DataStream<DeadLetter> deadLetters;

    public JobContext(
            StreamExecutionEnvironment env,
            GridPulseConfig config,
            String jobName,
            boolean untilIdle) {
        this.env = env;
        this.config = config;
        this.kafka = KafkaInputs.from(config, jobName, untilIdle);
        this.metrics = new JobMetrics(jobName);
    }

    public GridPulseConfig config() {
        return config;
    }

    /** An input topic of events, with watermarks from the configured out-of-orderness. */
    public <T extends SpecificRecord> DataStream<T> events(String topic, Class<T> type) {
        inputTopics.add(topic);
        return metrics.observe(
                topic,
                collectDeadLetters(
                        kafka.events(
                                env,
                                topic,
                                type,
                                config.get(CommonKeys.MAX_OUT_OF_ORDERNESS),
                                config.get(CommonKeys.SOURCE_IDLENESS))));
    }

    /** An input topic of master data that never holds back event time. */
    public <T extends SpecificRecord> DataStream<T> dimension(String topic, Class<T> type) {
        inputTopics.add(topic);
        return metrics.observe(topic, collectDeadLetters(kafka.dimension(env, topic, type)));
    }

    /**
     * Lets chained operators hand records to each other as they are, without Flink's defensive copy
     * per hop ({@code pipeline.object-reuse}). Only for a job whose every function, the context's
     * own included (dead letters, metrics taps, ClickHouse and Kafka sinks, which write each record
     * out before they return), neither changes a record it is given nor keeps it past the call:
     * with reuse, the next operator of the chain sees the very same object. Records that cross a
     * network edge (every {@code keyBy}) are deserialized into new objects either way.
     */
    public void reuseObjects() {
        env.getConfig().enableObjectReuse();
    }

    /** The topics (names of DESIGN.md) the job's wiring has read so far. */
    public List<String> inputTopics() {
        return List.copyOf(inputTopics);
    }

    public <T extends Record> ClickHouseSink<T> table(String table, Class<T> rowType) {
        tables.put(table, rowType);
        return ClickHouseSink.builder(table, rowType).configuredBy(config).build();
    }

    /** The ClickHouse tables the wired job writes, with the row type of each. */
    public Map<String, Class<? extends Record>> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /**
     * Sends the dead letters of every input to Kafka and ClickHouse; call once, after the inputs.
     */
    public void routeDeadLetters() {
        if (deadLetters != null) {
            metrics.observeDeadLetters(deadLetters);
        }
        metrics.sinkTo(table("job_metrics", JobMetric.class));
        if (deadLetters == null) {
            return;
        }
        deadLetters
                .sinkTo(kafka.deadLetterSink())
                .name("dead-letter topics")
                .uid("sink-dead-letter-topics");
        deadLetters
                .map(RejectedRecord::of)
                .name("rejected records")
                .uid("rejected-records")
                .sinkTo(table("rejected_records", RejectedRecord.class))
                .name("rejected_records")
                .uid("sink-rejected-records");
    }

    private <T> DataStream<T> collectDeadLetters(SingleOutputStreamOperator<T> decoded) {
        DataStream<DeadLetter> letters = decoded.getSideOutput(DeadLetters.TAG);
        deadLetters = deadLetters == null ? letters : deadLetters.union(letters);
        return decoded;
    }
}
