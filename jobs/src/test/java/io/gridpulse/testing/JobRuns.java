package io.gridpulse.testing;

import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.common.job.RunAccounting;
import io.gridpulse.common.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a GridPulse job, wired to Kafka and ClickHouse exactly as in production, on the test's
 * mini-cluster.
 */
public final class JobRuns {

    private JobRuns() {}

    /** Runs until the input topics are drained. */
    public static void untilIdle(GridPulseConfig config, GridPulseJob job) throws Exception {
        wired(config, job, true, null).env().execute("it-" + job.name());
    }

    /**
     * Runs until the input topics are drained, as {@code run --until-idle} does, and returns its
     * run accounting: per input topic, the records in and what became of them.
     */
    public static List<RunAccounting.Line> untilIdleAccounted(
            GridPulseConfig config, GridPulseJob job) throws Exception {
        Instant started = Instant.now();
        Wired wired = wired(config, job, true, null);
        Map<String, Long> in =
                RunAccounting.recordsToRead(
                        KafkaSettings.from(config), job.name(), wired.context().inputTopics());
        JobExecutionResult result = wired.env().execute("it-" + job.name());
        return RunAccounting.lines(
                job.name(),
                in,
                result.getAllAccumulatorResults(),
                ClickHouseSettings.from(config),
                started);
    }

    /**
     * Starts the job reading forever, optionally restoring a checkpoint. (A bounded Kafka source
     * restored from a checkpoint never finishes, FLINK-31006, so restores run unbounded.)
     */
    public static JobClient start(GridPulseConfig config, GridPulseJob job, Path restoreFrom)
            throws Exception {
        return wired(config, job, false, restoreFrom).env().executeAsync("it-" + job.name());
    }

    /**
     * Stops a live job with {@code --drain}: its sources end, event time goes to its end, every
     * timer fires and the sinks flush, as at the end of a bounded input. A live job's event time
     * otherwise stands still while its inputs are idle.
     */
    public static void drain(JobClient job, Path savepoints) throws Exception {
        job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
    }

    private record Wired(StreamExecutionEnvironment env, JobContext context) {}

    private static Wired wired(
            GridPulseConfig config, GridPulseJob job, boolean untilIdle, Path restoreFrom) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, config, job.name());
        Configuration test = new Configuration();
        // a failing job must fail the test, not restart forever
        test.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(test);
        if (restoreFrom != null) {
            ExecutionSetup.restoreFrom(env, restoreFrom);
        }
        JobContext context = new JobContext(env, config, job.name(), untilIdle);
        job.wiring().wire(context);
        return new Wired(env, context);
    }
}
