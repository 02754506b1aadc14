package io.gridpulse.common.job;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Checkpointing and parallelism every GridPulse job runs with. */
public final class ExecutionSetup {

    private ExecutionSetup() {}

    /** Flink configuration for a job's environment: checkpoints on, kept when the job is cancelled. */
    public static Configuration flinkConfiguration(GridPulseConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.get(CommonKeys.CHECKPOINT_DIR));
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return flink;
    }

    public static void apply(StreamExecutionEnvironment env, GridPulseConfig config) {
        env.setParallelism(config.get(CommonKeys.PARALLELISM));
        env.enableCheckpointing(config.get(CommonKeys.CHECKPOINT_INTERVAL).toMillis());
        env.configure(flinkConfiguration(config));
    }
}
