package io.gridpulse.testing;

import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a GridPulse job, wired to Kafka and ClickHouse exactly as in production, on the test's
 * mini-cluster.
 */
public final class JobRuns {

    private JobRuns() {}

    /** Runs until the input topics are drained. */
    public static void untilIdle(GridPulseConfig config, GridPulseJob job) throws Exception {
        environment(config, job, true, null).execute("it-" + job.name());
    }

    /**
     * Starts the job reading forever, optionally restoring a checkpoint. (A bounded Kafka source
     * restored from a checkpoint never finishes, FLINK-31006, so restores run unbounded.)
     */
    public static JobClient start(GridPulseConfig config, GridPulseJob job, Path restoreFrom)
            throws Exception {
        return environment(config, job, false, restoreFrom).executeAsync("it-" + job.name());
    }

    private static StreamExecutionEnvironment environment(
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
        job.wiring().wire(new JobContext(env, config, job.name(), untilIdle));
        return env;
    }
}
