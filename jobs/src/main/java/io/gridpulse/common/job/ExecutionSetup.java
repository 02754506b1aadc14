package io.gridpulse.common.job;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Checkpointing, restarts and parallelism every GridPulse job runs with. */
public final class ExecutionSetup {

    /** After this long without a failure, the restart delay starts again from the initial one. */
    private static final Duration RESTART_RESET_AFTER = Duration.ofHours(1);

    private ExecutionSetup() {}

    /**
     * Flink configuration for a job's environment: checkpoints kept when the job is cancelled, and
     * restarts with an exponentially growing delay: a passing outage is ridden out, while a failure
     * that no restart fixes (a missing table) ends the job with its reason after {@code
     * job.restart.attempts} failures in a row instead of restarting it forever.
     */
    static Configuration flinkConfiguration(GridPulseConfig config, String jobName) {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                config.get(CommonKeys.RESTART_INITIAL_DELAY));
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                config.get(CommonKeys.RESTART_MAX_DELAY));
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                RESTART_RESET_AFTER);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                config.get(CommonKeys.RESTART_ATTEMPTS));
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir(config, jobName));
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(
                CheckpointingOptions.CHECKPOINTING_TIMEOUT,
                config.get(CommonKeys.CHECKPOINT_TIMEOUT));
        flink.set(
                CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS,
                config.get(CommonKeys.CHECKPOINT_MIN_PAUSE));
        String backend = config.get(CommonKeys.STATE_BACKEND);
        flink.set(StateBackendOptions.STATE_BACKEND, backend);
        // RocksDB state is large by assumption: upload only what changed since the last checkpoint
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
        // a type that falls back to Kryo is slow and breaks state compatibility: fail at build time
        flink.set(PipelineOptions.GENERIC_TYPES, false);
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
