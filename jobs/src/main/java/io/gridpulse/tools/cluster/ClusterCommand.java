package io.gridpulse.tools.cluster;

import io.gridpulse.JobMain;
import io.gridpulse.Jobs;
import io.gridpulse.cli.Cli;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.GridPulseJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./gridpulse run --cluster [JOB...]}: submits each job to the Flink cluster over REST, from
 * the job jar, as a Flink job of its own, and returns once each is running. Also {@code cluster
 * jobs} (what runs), {@code cluster stop [--drain] [JOB...]} and {@code cluster cancel [JOB...]};
 * the cluster's processes ({@code up}, {@code down}, ...) are the launcher's.
 */
@Command(
        name = "cluster",
        description = {
            "The jobs on the local Flink cluster (FLINK_REST_PORT, default 8081).",
            "./gridpulse cluster up|down|status|logs|kill-tm N|start-tm N manage its processes."
        },
        footer = {
            "",
            "Example:",
            "  ./gridpulse cluster jobs",
            "  ./gridpulse cluster cancel highbill"
        })
public final class ClusterCommand {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** A drain fires every timer of the job's state first: minutes for a large one. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

    @Mixin private Cli.Help help;

    @Command(
            name = "jobs",
            description = "Lists the cluster's jobs: id, state, name.",
            footer = {"", "Example:", "  ./gridpulse cluster jobs"})
    int jobs(@Mixin Cli.Help help) {
        FlinkRest flink = FlinkRest.local();
        if (!reachable(flink)) {
            return Cli.FAILED;
        }
        flink.jobs()
                .forEach(j -> System.out.printf("%-34s %-12s %s%n", j.id(), j.state(), j.name()));
        return Cli.OK;
    }

    @Command(
            name = "cancel",
            description = "Cancels the named GridPulse jobs on the cluster (none named: all).",
            footer = {"", "Example:", "  ./gridpulse cluster cancel consumption reconnect"})
    int cancel(
            @Mixin Cli.Help help,
            @Parameters(paramLabel = "JOB", arity = "0..*", description = "job names")
                    List<String> names) {
        FlinkRest flink = FlinkRest.local();
        if (!reachable(flink)) {
            return Cli.FAILED;
        }
        return cancel(flink, Jobs.named(names == null ? List.of() : names));
    }

    @Command(
            name = "stop",
            description = {
                "Stops the named GridPulse jobs on the cluster (none named: all) with a savepoint,",
                "to resume later with --from-checkpoint. With --drain, event time first goes to its",
                "end: every case closes and every held row is written, as at the end of a bounded",
                "input. Drain only to retire a job: a drained job's state is finished."
            },
            footer = {
                "",
                "Example:",
                "  ./gridpulse cluster stop --savepoint-dir /var/lib/gridpulse/savepoints consumption"
            })
    int stop(
            @Mixin Cli.Help help,
            @Option(
                            names = "--savepoint-dir",
                            required = true,
                            paramLabel = "DIR",
                            description = "where the JobManager writes the savepoints")
                    Path savepoints,
            @Option(names = "--drain", description = "end event time before stopping")
                    boolean drain,
            @Parameters(paramLabel = "JOB", arity = "0..*", description = "job names")
                    List<String> names) {
        FlinkRest flink = FlinkRest.local();
        if (!reachable(flink)) {
            return Cli.FAILED;
        }
        return stop(flink, Jobs.named(names == null ? List.of() : names), savepoints, drain);
    }

    /** Stops each named job that runs with a savepoint; 0 once all stopped. */
    public static int stop(
            FlinkRest flink, List<GridPulseJob> jobs, Path savepoints, boolean drain) {
        Path target = savepoints.toAbsolutePath();
        int stopped = 0;
        for (GridPulseJob job : jobs) {
            for (FlinkRest.Job j : running(flink, job)) {
                String at = flink.stop(j.id(), target, drain, STOP_TIMEOUT);
                System.out.printf(
                        "stopped %s (%s)%s, savepoint %s%n",
                        job.name(), j.id(), drain ? " drained" : "", at);
                stopped++;
            }
        }
        if (stopped == 0) {
            System.err.println("no job to stop");
        }
        return Cli.OK;
    }

    private static boolean reachable(FlinkRest flink) {
        if (!flink.reachable()) {
            System.err.println(
                    "gridpulse: no Flink cluster answers at "
                            + flink.base()
                            + ": start one with ./gridpulse cluster up (FLINK_REST_PORT)");
            return false;
        }
        return true;
    }

    /**
     * Submits the jobs from the job jar, each as a Flink job of its own, with the configuration
     * resolved here (file and environment) and written to {@code submitDir}.
     *
     * @return 0 when every job runs (or finished), 1 otherwise
     */
    public static int submit(
            FlinkRest flink,
            Path config,
            Path jar,
            Path submitDir,
            List<String> names,
            boolean untilIdle,
            Map<String, String> environment) {
        if (!reachable(flink)) {
            return Cli.FAILED;
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new ConfigException(
                    "the job jar " + jar + " is missing: ./gridpulse build makes it");
        }
        if (submitDir == null) {
            throw new ConfigException(
                    "--submit-dir is needed: where the submitted configuration is written");
        }
        List<GridPulseJob> jobs = Jobs.named(names);
        for (GridPulseJob job : jobs) {
            var running = running(flink, job).stream().findFirst();
            if (running.isPresent()) {
                throw new ConfigException(
                        job.name()
                                + " already runs on the cluster as job "
                                + running.get().id()
                                + ": cancel it first (./gridpulse cluster cancel "
                                + job.name()
                                + ")");
            }
        }
        Map<String, String> values = SubmittedConfig.resolve(config, environment);
        int parallelism =
                GridPulseConfig.from(
                                values, "the submitted configuration", Map.of(), JobMain.keys())
                        .get(CommonKeys.PARALLELISM);
        Path submitted = SubmittedConfig.write(values, submitDir.resolve("submitted.properties"));
        System.err.println("uploading " + jar.getFileName() + " to " + flink.base());
        String jarId = flink.uploadJar(jar);
        for (GridPulseJob job : jobs) {
            List<String> args = new ArrayList<>(List.of("--config", submitted.toString()));
            if (untilIdle) {
                args.add("--until-idle");
            }
            args.add(job.name());
            String id = flink.run(jarId, JobMain.class.getName(), args, parallelism);
            String state = awaitRunning(flink, id);
            System.out.printf(
                    "job %s: %s %s (parallelism %d), %s/#/job/running/%s/overview%n",
                    job.name(), id, state, parallelism, flink.base(), id);
            if (!state.equals("RUNNING") && !state.equals("FINISHED")) {
                return 1;
            }
        }
        return 0;
    }

    private static int cancel(FlinkRest flink, List<GridPulseJob> jobs) {
        int cancelled = 0;
        for (GridPulseJob job : jobs) {
            for (FlinkRest.Job j : running(flink, job)) {
                flink.cancel(j.id());
                System.out.println("cancelled " + job.name() + " (" + j.id() + ")");
                cancelled++;
            }
        }
        if (cancelled == 0) {
            System.err.println("no job to cancel");
        }
        return 0;
    }

    /** The cluster's runs of {@code job} that have not ended. */
    private static List<FlinkRest.Job> running(FlinkRest flink, GridPulseJob job) {
        return flink.jobs().stream()
                .filter(
                        j ->
                                j.name().equals(JobMain.jobName(job))
                                        && !FlinkRest.isTerminal(j.state()))
                .toList();
    }

    private static String awaitRunning(FlinkRest flink, String jobId) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String state = flink.state(jobId);
        while (List.of("INITIALIZING", "CREATED").contains(state) && System.nanoTime() < deadline) {
            FlinkRest.pause(200);
            state = flink.state(jobId);
        }
        return state;
    }
}
