package io.gridpulse.tools.bench;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;

/**
 * A mini-cluster the benchmark drives itself: it submits a job, triggers checkpoints when the state
 * is where it wants it, and reads each checkpoint's statistics (duration, full and incremental
 * size) the way the web UI shows them.
 */
final class BenchCluster implements AutoCloseable {

    private final MiniCluster cluster;

    private BenchCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    static BenchCluster start(Configuration configuration, int slots) throws Exception {
        Configuration conf = new Configuration(configuration);
        // a private cluster: REST on a free local port, no jar upload
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        // every checkpoint of a run, for the largest state it reached
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 10_000);
        // a million meters' state on the heap of a busy 2-core machine pauses for long
        // collections: a missed heartbeat must not fail the job in the middle of a figure
        conf.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, Duration.ofMinutes(5));
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return new BenchCluster(cluster);
    }

    JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(name);
        JobGraph graph = streamGraph.getJobGraph();
        cluster.submitJob(graph).get();
        return graph.getJobID();
    }

    /** Waits for a bounded job to end and returns its running time in ms; throws its failure. */
    long awaitFinished(JobID job) throws Exception {
        JobResult result = cluster.requestJobResult(job).get();
        if (!result.isSuccess()) {
            throw new IllegalStateException(
                    "bench job failed",
                    result.getSerializedThrowable()
                            .map(t -> t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
        return result.getNetRuntime();
    }

    void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get();
    }

    /**
     * Triggers a checkpoint as the job is configured (incremental where the backend is) and waits.
     */
    CompletedCheckpointStats checkpoint(JobID job) throws Exception {
        long id = trigger(job);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            AbstractCheckpointStats stats =
                    cluster.getExecutionGraph(job)
                            .get()
                            .getCheckpointStatsSnapshot()
                            .getHistory()
                            .getCheckpointById(id);
            if (stats instanceof CompletedCheckpointStats completed) {
                return completed;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no statistics of checkpoint " + id + " in 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Triggers a checkpoint, waiting for tasks still being deployed (a loaded machine). */
    private long trigger(JobID job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return cluster.triggerCheckpoint(job, CheckpointType.CONFIGURED).get();
            } catch (ExecutionException e) {
                boolean deploying =
                        ExceptionUtils.findThrowable(e, CheckpointException.class)
                                .filter(
                                        c ->
                                                c.getCheckpointFailureReason()
                                                        == CheckpointFailureReason
                                                                .NOT_ALL_REQUIRED_TASKS_RUNNING)
                                .isPresent();
                if (!deploying || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The largest full state size among the job's completed checkpoints so far. */
    long maxCheckpointedStateSize(JobID job) throws Exception {
        long max = 0;
        for (AbstractCheckpointStats stats :
                cluster.getArchivedExecutionGraph(job)
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getHistory()
                        .getCheckpoints()) {
            if (stats instanceof CompletedCheckpointStats completed) {
                max = Math.max(max, completed.getStateSize());
            }
        }
        return max;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
