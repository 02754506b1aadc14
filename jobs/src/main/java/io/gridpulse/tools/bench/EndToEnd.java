package io.gridpulse.tools.bench;

import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.consumption.ConsumptionJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The consumption job end to end, exactly as {@code run --until-idle} wires it: Kafka, decoding,
 * validation, ClickHouse; bounded at the topics' end offsets at its start. Optionally profiled with
 * Java Flight Recorder.
 */
final class EndToEnd {

    private EndToEnd() {}

    /** The job's running time in seconds (submission to the last row written). */
    static double run(BenchCluster cluster, GridPulseConfig config, Path profileDir)
            throws Exception {
        // a job name of its own: a consumer group with no committed offsets, its own checkpoints
        String name =
                ConsumptionJob.NAME + "-bench-" + UUID.randomUUID().toString().substring(0, 8);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, config, name);
        ConsumptionJob.JOB.wiring().wire(new JobContext(env, config, name, true));
        Recording recording = null;
        if (profileDir != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
        }
        long start = System.nanoTime();
        JobID job = cluster.submit(env, "gridpulse-" + name);
        cluster.awaitFinished(job);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (recording != null) {
            recording.stop();
            Files.createDirectories(profileDir);
            Path jfr = profileDir.resolve("consumption-e2e.jfr");
            recording.dump(jfr);
            recording.close();
            Files.writeString(
                    profileDir.resolve("consumption-e2e-hot-methods.txt"),
                    HotMethods.summarise(jfr, 30));
        }
        return seconds;
    }
}
