package io.gridpulse.tools.bench;

import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import one.profiler.AsyncProfiler;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job end to end, exactly as {@code run --until-idle} wires it: Kafka, decoding, the job's
 * functions, ClickHouse; bounded at the topics' end offsets at its start. Optionally profiled with
 * Java Flight Recorder (hot methods) and async-profiler (a CPU flame graph of the same run; the
 * mini-cluster's task threads are this JVM's).
 */
final class EndToEnd {

    /** The job's running time (submission to the last row written) and the topics it read. */
    record Run(double seconds, List<String> inputTopics) {}

    private EndToEnd() {}

    static Run run(BenchCluster cluster, GridPulseConfig config, GridPulseJob job, Path profileDir)
            throws Exception {
        // a job name of its own: a consumer group with no committed offsets, its own checkpoints
        String name = job.name() + "-bench-" + UUID.randomUUID().toString().substring(0, 8);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, config, name);
        JobContext context = new JobContext(env, config, name, true);
        job.wiring().wire(context);
        Recording recording = null;
        AsyncProfiler flames = null;
        if (profileDir != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
            flames = startFlameGraph();
        }
        long start = System.nanoTime();
        JobID id = cluster.submit(env, "gridpulse-" + name);
        cluster.awaitFinished(id);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (recording != null) {
            recording.stop();
            Files.createDirectories(profileDir);
            if (flames != null) {
                // inverted (an icicle graph): the entry points at the top of the page, not 240
                // frames below it
                flames.execute(
                        "stop,file="
                                + profileDir.resolve(job.name() + "-e2e-flamegraph.html")
                                + ",title=GridPulse "
                                + job.name()
                                + " job end to end,inverted");
            }
            Path jfr = profileDir.resolve(job.name() + "-e2e.jfr");
            recording.dump(jfr);
            recording.close();
            Files.writeString(
                    profileDir.resolve(job.name() + "-e2e-hot-methods.txt"),
                    HotMethods.summarise(jfr, 30));
        }
        return new Run(seconds, context.inputTopics());
    }

    /**
     * CPU samples from perf events where the kernel allows them, else from a timer signal; none
     * where the native library cannot load (another OS or architecture): the JFR recording still
     * stands.
     */
    private static AsyncProfiler startFlameGraph() {
        AsyncProfiler profiler;
        try {
            profiler = AsyncProfiler.getInstance();
        } catch (LinkageError | IllegalStateException e) {
            System.err.println("bench: no flame graph, async-profiler does not load: " + e);
            return null;
        }
        for (String event : new String[] {"cpu", "itimer"}) {
            try {
                profiler.execute("start,event=" + event + ",interval=10ms");
                return profiler;
            } catch (IOException | IllegalStateException e) {
                System.err.println("bench: async-profiler event " + event + ": " + e.getMessage());
            }
        }
        return null;
    }
}
