package io.gridpulse.tools.bench;

import io.gridpulse.common.clickhouse.ClickHouseSink;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.consumption.IntervalConsumption;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ClickHouse sink alone: generated {@code interval_consumption} rows (meters {@code SINK…})
 * inserted by the job's own sink, as many subtasks as the job has.
 */
final class SinkAlone {

    private SinkAlone() {}

    /** Rows per second the sink inserted. */
    static double run(BenchCluster cluster, GridPulseConfig config, long rows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, config, "bench-sink");
        env.fromSequence(0, rows - 1)
                .map(new Row())
                .sinkTo(
                        ClickHouseSink.builder("interval_consumption", IntervalConsumption.class)
                                .configuredBy(config)
                                .build())
                .name("interval_consumption");
        long start = System.nanoTime();
        JobID job = cluster.submit(env, "gridpulse-bench-sink");
        cluster.awaitFinished(job);
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** Row {@code i}: interval {@code i / 10,000} of meter {@code i % 10,000}. */
    static final class Row implements MapFunction<Long, IntervalConsumption> {
        private static final long serialVersionUID = 1L;
        private static final long START = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();

        @Override
        public IntervalConsumption map(Long i) {
            long meter = i % 10_000;
            long end = START + (i / 10_000 + 1) * 900_000L;
            return new IntervalConsumption(
                    "SINK" + meter,
                    "C" + meter,
                    "GRID-" + (meter % 50),
                    "RESIDENT",
                    Instant.ofEpochMilli(end - 900_000L),
                    Instant.ofEpochMilli(end),
                    15,
                    BigDecimal.valueOf(100 + meter % 400, 3),
                    "AMI",
                    1L,
                    0);
        }
    }
}
