package io.gridpulse.common.job;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Checkpointing, restarts and parallelism every GridPulse job runs with. */
public final class ExecutionSetup {

    private static final Duration RESTART_DELAY = Duration.ofSeconds(10);

    private ExecutionSetup() {}

    /**
     * Flink configuration for a job's environment: checkpoints kept when the job is cancelled, and
     * a bounded number of restarts, so a failure that no restart fixes (a missing table) ends the
     * job with its reason instead of restarting it forever.
     */
    private static Configuration flinkConfiguration(GridPulseConfig config, String jobName) {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
                config.get(CommonKeys.RESTART_ATTEMPTS));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir(config, jobName));
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return flink;
    }

    /** Makes the job start from a retained checkpoint or a savepoint instead of empty state. */
    public static void restoreFrom(StreamExecutionEnvironment env, Path checkpoint) {
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
        env.configure(restore);
    }

    /** Where a job keeps its checkpoints: a folder of its own under {@code job.checkpoint.dir}. */
    public static String checkpointDir(GridPulseConfig config, String jobName) {
        String base = config.get(CommonKeys.CHECKPOINT_DIR);
        return (base.endsWith("/") ? base : base + "/") + jobName;
    }

    public static void apply(
            StreamExecutionEnvironment env, GridPulseConfig config, String jobName) {
        env.setParallelism(config.get(CommonKeys.PARALLELISM));
        env.enableCheckpointing(config.get(CommonKeys.CHECKPOINT_INTERVAL).toMillis());
        env.configure(flinkConfiguration(config, jobName));
    }
}
