package io.gridpulse.testing;

import io.gridpulse.GridPulse;
import io.gridpulse.common.config.ConfigKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A GridPulse command run as a process of its own ({@code GridPulse <args>}), as an operator runs
 * it: its own embedded Flink, the production logging configuration, its output in a file. A drill
 * kills it with SIGKILL, or lets it end and reads its exit code and output.
 */
public final class GridPulseProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private GridPulseProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code GridPulse args...} configured for {@code stack}, with {@code values} over it
     * (both passed as {@code GRIDPULSE_*} variables), writing its output to {@code log}.
     */
    public static GridPulseProcess start(
            TestStack stack, Map<String, String> values, Path log, String... args)
            throws IOException {
        return start(GridPulse.class, stack, values, log, args);
    }

    /**
     * Starts {@code main args...} the same way: a program on the test class path that runs a job as
     * GridPulse does (e.g. a next version of a job's graph, restored from a savepoint).
     */
    public static GridPulseProcess start(
            Class<?> main, TestStack stack, Map<String, String> values, Path log, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                List.of(
                        "-Xmx768m",
                        "-Dlog4j2.configurationFile="
                                + DrillStack.repository()
                                        .resolve("jobs/src/main/resources/log4j2.properties"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> all = new HashMap<>(stack.settings());
        all.putAll(values);
        for (ConfigKey<?> key : GridPulse.keys()) {
            String value = all.get(key.name());
            if (value != null) {
                builder.environment().put(key.environmentVariable(), value);
            }
        }
        return new GridPulseProcess(builder.start(), log);
    }

    /** Runs {@code GridPulse args...} to its end; its exit code. */
    public static int run(
            TestStack stack, Map<String, String> values, Path log, Duration timeout, String... args)
            throws IOException, InterruptedException {
        try (GridPulseProcess p = start(stack, values, log, args)) {
            return p.waitFor(timeout);
        }
    }

    /** Waits for the end; the exit code. Fails after {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** Fails when the process has already ended, with the tail of its output. */
    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            String out = output();
            throw new IllegalStateException(
                    "the process ended with exit code "
                            + process.exitValue()
                            + ": "
                            + out.substring(Math.max(0, out.length() - 3000)));
        }
    }

    /** kill -9: no shutdown hook, no last checkpoint, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process wrote so far. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public Path log() {
        return log;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
