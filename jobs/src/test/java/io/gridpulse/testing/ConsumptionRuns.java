package io.gridpulse.testing;

import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.consumption.ConsumptionJob;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the consumption job, wired to Kafka and ClickHouse exactly as in production, on the test's
 * mini-cluster.
 */
public final class ConsumptionRuns {

    private ConsumptionRuns() {}

    /** Runs until the input topics are drained. */
    public static void untilIdle(GridPulseConfig config) throws Exception {
        environment(config, true, null).execute("it-consumption");
    }

    /**
     * Starts the job reading forever, optionally restoring a checkpoint. (A bounded Kafka source
     * restored from a checkpoint never finishes, FLINK-31006, so restores run unbounded.)
     */
    public static JobClient start(GridPulseConfig config, Path restoreFrom) throws Exception {
        return environment(config, false, restoreFrom).executeAsync("it-consumption");
    }

    private static StreamExecutionEnvironment environment(
            GridPulseConfig config, boolean untilIdle, Path restoreFrom) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, config);
        Configuration test = new Configuration();
        // a failing job must fail the test, not restart forever
        test.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(test);
        if (restoreFrom != null) {
            ExecutionSetup.restoreFrom(env, restoreFrom);
        }
        ConsumptionJob.wire(new JobContext(env, config, ConsumptionJob.NAME, untilIdle));
        return env;
    }
}
