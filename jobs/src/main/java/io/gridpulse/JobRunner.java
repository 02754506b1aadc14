package io.gridpulse;

import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.CheckpointOwnership;
import io.gridpulse.common.job.EmbeddedCluster;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.common.job.RunAccounting;
import io.gridpulse.common.job.StartupCheck;
import io.gridpulse.common.job.StreamGeneration;
import io.gridpulse.common.kafka.KafkaSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run}: checks that Kafka and ClickHouse answer, starts each job as a Flink job of its own
 * (resuming only from a checkpoint that is its own), reports restarts as they happen, and at the
 * end of a run accounts for every record it read.
 *
 * @see RunAccounting for exit code 3
 */
final class JobRunner {

    /** The run finished, but records are unaccounted for (INTERFACES.md). */
    static final int UNACCOUNTED = 3;

    private JobRunner() {}

    private record Started(
            GridPulseJob job, JobClient client, Map<String, Long> toRead, AtomicInteger restarts) {}

    static int run(
            GridPulseConfig config,
            List<GridPulseJob> jobs,
            boolean untilIdle,
            String fromCheckpoint,
            PrintStream out,
            PrintStream err)
            throws Exception {
        StartupCheck.run(config);
        KafkaSettings kafka = KafkaSettings.from(config);
        String generation = StreamGeneration.of(kafka);
        err.println("configuration:\n" + config.describe().indent(2));
        Instant runStart = Instant.now();
        List<Started> started = new ArrayList<>();
        for (GridPulseJob job : jobs) {
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            EmbeddedCluster.configuration(config));
            ExecutionSetup.apply(env, config, job.name());
            if (fromCheckpoint != null) {
                Path checkpoint =
                        checkpointToResume(config, job.name(), fromCheckpoint, generation, err);
                err.println(job.name() + ": resuming from " + checkpoint);
                ExecutionSetup.restoreFrom(env, checkpoint);
            }
            JobContext context = new JobContext(env, config, job.name(), untilIdle);
            job.wiring().wire(context);
            Map<String, Long> toRead =
                    untilIdle
                            ? RunAccounting.recordsToRead(kafka, job.name(), context.inputTopics())
                            : null;
            JobClient client = env.executeAsync("gridpulse-" + job.name());
            localCheckpointDir(config, job.name())
                    .ifPresent(
                            dir ->
                                    CheckpointOwnership.stamp(
                                            dir.resolve(client.getJobID().toString()),
                                            job.name(),
                                            generation,
                                            untilIdle));
            started.add(new Started(job, client, toRead, watchRestarts(job, client, config, err)));
        }
        boolean accounted = true;
        try (var progress = Progress.start(config, out)) {
            for (Started s : started) {
                var result = s.client().getJobExecutionResult().get();
                err.printf(
                        "job %s (%s) finished in %.1f s%s%n",
                        s.job().name(),
                        result.getJobID(),
                        result.getNetRuntime() / 1000.0,
                        s.restarts().get() == 0
                                ? ""
                                : ", after " + s.restarts().get() + " restarts");
                if (s.toRead() != null) {
                    var lines =
                            RunAccounting.lines(
                                    s.job().name(),
                                    s.toRead(),
                                    result.getAllAccumulatorResults(),
                                    ClickHouseSettings.from(config),
                                    runStart);
                    boolean ok =
                            RunAccounting.print(
                                    s.job().name(),
                                    lines,
                                    config.get(CommonKeys.LATE_SHARE_WARNING),
                                    config.get(CommonKeys.DEAD_LETTER_SHARE_WARNING),
                                    err);
                    if (!ok && s.restarts().get() > 0) {
                        err.println(
                                "  (the job restarted: counts of attempts before the last restore"
                                        + " are lost, so the difference may be records counted"
                                        + " there)");
                    }
                    accounted &= ok;
                }
            }
        }
        return accounted ? 0 : UNACCOUNTED;
    }

    /** Reports each restart of a job on stderr as it happens. */
    private static AtomicInteger watchRestarts(
            GridPulseJob job, JobClient client, GridPulseConfig config, PrintStream err) {
        AtomicInteger restarts = new AtomicInteger();
        Thread watcher =
                new Thread(
                        () -> {
                            JobStatus last = null;
                            try {
                                while (true) {
                                    JobStatus status = client.getJobStatus().get();
                                    if (status == JobStatus.RESTARTING && last != status) {
                                        err.printf(
                                                "job %s failed and is restarting (restart %d; at most %d in a row, exponential delay from %s)%n",
                                                job.name(),
                                                restarts.incrementAndGet(),
                                                config.get(CommonKeys.RESTART_ATTEMPTS),
                                                config.get(CommonKeys.RESTART_INITIAL_DELAY));
                                    }
                                    if (status.isGloballyTerminalState()) {
                                        return;
                                    }
                                    last = status;
                                    Thread.sleep(200);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (Exception e) {
                                // the job is gone; its result says how it ended
                            }
                        },
                        "gridpulse-restarts-" + job.name());
        watcher.setDaemon(true);
        watcher.start();
        return restarts;
    }

    private static java.util.Optional<Path> localCheckpointDir(
            GridPulseConfig config, String jobName) {
        URI uri = URI.create(ExecutionSetup.checkpointDir(config, jobName));
        return "file".equals(uri.getScheme())
                ? java.util.Optional.of(Path.of(uri))
                : java.util.Optional.empty();
    }

    private static Path checkpointToResume(
            GridPulseConfig config,
            String jobName,
            String fromCheckpoint,
            String generation,
            PrintStream err) {
        if (!"latest".equals(fromCheckpoint)) {
            Path given = Path.of(fromCheckpoint);
            if (Files.isRegularFile(
                    given.toAbsolutePath().getParent().resolve(CheckpointOwnership.STAMP))) {
                CheckpointOwnership.verify(given, jobName, generation);
            } else {
                err.println(
                        "warning: "
                                + given
                                + " carries no GridPulse stamp (a savepoint?): resuming"
                                + " without checking whose it is");
            }
            return given;
        }
        Path dir =
                localCheckpointDir(config, jobName)
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                "--from-checkpoint latest needs a file:// job.checkpoint.dir;"
                                                        + " give the checkpoint folder instead"));
        Path latest =
                RetainedCheckpoints.latest(dir)
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                "--from-checkpoint latest: no completed checkpoint of job "
                                                        + jobName
                                                        + " under "
                                                        + dir
                                                        + " (job.checkpoint.dir)"));
        CheckpointOwnership.verify(latest, jobName, generation);
        return latest;
    }
}
