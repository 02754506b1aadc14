package io.gridpulse.tools.cluster;

import io.gridpulse.JobMain;
import io.gridpulse.Jobs;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.tools.cluster.FlinkRest.FlinkRestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./gridpulse run --cluster [JOB...]}: submits each job to the Flink cluster over REST, from
 * the job jar, as a Flink job of its own, and returns once each is running. Also {@code jobs} (what
 * runs) and {@code cancel [JOB...]}.
 *
 * <p>Arguments: {@code --config FILE --jar JOB_JAR --submit-dir DIR run [JOB...] [--until-idle]}.
 */
public final class ClusterCommand {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private ClusterCommand() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args), FlinkRest.local(), System.getenv());
        } catch (ConfigException e) {
            System.err.println("gridpulse: " + e.getMessage());
            code = 2;
        } catch (FlinkRestException e) {
            System.err.println("gridpulse: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(List<String> arguments, FlinkRest flink, Map<String, String> environment) {
        List<String> rest = new ArrayList<>(arguments);
        Path config = option(rest, "--config");
        Path jar = option(rest, "--jar");
        Path submitDir = option(rest, "--submit-dir");
        boolean untilIdle = rest.remove("--until-idle");
        if (rest.isEmpty()) {
            throw new ConfigException(
                    "usage: ClusterCommand [--config FILE] --jar JAR --submit-dir DIR run [JOB...] | jobs | cancel [JOB...]");
        }
        if (!flink.reachable()) {
            System.err.println(
                    "gridpulse: no Flink cluster answers at "
                            + flink.base()
                            + ": start one with ./gridpulse cluster up (FLINK_REST_PORT)");
            return 1;
        }
        String command = rest.remove(0);
        return switch (command) {
            case "run" -> submit(flink, config, jar, submitDir, rest, untilIdle, environment);
            case "jobs" -> {
                flink.jobs()
                        .forEach(
                                j ->
                                        System.out.printf(
                                                "%-34s %-12s %s%n", j.id(), j.state(), j.name()));
                yield 0;
            }
            case "cancel" -> cancel(flink, Jobs.named(rest));
            default ->
                    throw new ConfigException(
                            "unknown cluster command '" + command + "' (run, jobs, cancel)");
        };
    }

    private static int submit(
            FlinkRest flink,
            Path config,
            Path jar,
            Path submitDir,
            List<String> names,
            boolean untilIdle,
            Map<String, String> environment) {
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
            var running =
                    flink.jobs().stream()
                            .filter(
                                    j ->
                                            j.name().equals(JobMain.jobName(job))
                                                    && isActive(j.state()))
                            .findFirst();
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
            for (var j : flink.jobs()) {
                if (j.name().equals(JobMain.jobName(job)) && isActive(j.state())) {
                    flink.cancel(j.id());
                    System.out.println("cancelled " + job.name() + " (" + j.id() + ")");
                    cancelled++;
                }
            }
        }
        if (cancelled == 0) {
            System.err.println("no job to cancel");
        }
        return 0;
    }

    static boolean isActive(String state) {
        return !List.of("FINISHED", "CANCELED", "FAILED").contains(state);
    }

    private static String awaitRunning(FlinkRest flink, String jobId) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String state = flink.state(jobId);
        while (List.of("INITIALIZING", "CREATED").contains(state) && System.nanoTime() < deadline) {
            sleep(200);
            state = flink.state(jobId);
        }
        return state;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted", e);
        }
    }

    private static Path option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new ConfigException(name + " needs a value");
        }
        Path value = Path.of(args.remove(i + 1));
        args.remove(i);
        return value;
    }
}
