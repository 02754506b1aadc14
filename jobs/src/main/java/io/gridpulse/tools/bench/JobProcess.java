package io.gridpulse.tools.bench;

import io.gridpulse.GridPulse;
import io.gridpulse.common.config.ConfigKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One GridPulse job run as a process of its own ({@code GridPulse run <job>}), as each job has its
 * own TaskManager in production: its own heap and garbage collector, and a CPU priority of its own
 * ({@code nice}), so a bulk job can be put behind a latency-critical one.
 */
final class JobProcess implements AutoCloseable {

    private final String job;
    private final Process process;
    private final Path log;

    private JobProcess(String job, Process process, Path log) {
        this.job = job;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code job} with the given configuration values.
     *
     * @param configFile the properties file GridPulse was started with, may be null
     * @param values configuration keys and values over it, passed as {@code GRIDPULSE_*} variables
     * @param niceness added to this process's niceness; 0 runs it at the same priority
     * @param log where the process's output goes
     */
    static JobProcess start(
            String job,
            Path configFile,
            Map<String, String> values,
            int niceness,
            String heap,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (niceness > 0) {
            command.addAll(List.of("nice", "-n", String.valueOf(niceness)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the module flags and logging of this JVM, not its heap, recording or agents
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dlog4j")) {
                command.add(arg);
            }
        }
        command.addAll(
                List.of(
                        "-Xmx" + heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        GridPulse.class.getName()));
        if (configFile != null) {
            command.addAll(List.of("--config", configFile.toString()));
        }
        command.addAll(List.of("run", job));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        for (ConfigKey<?> key : GridPulse.keys()) {
            String value = values.get(key.name());
            if (value != null) {
                builder.environment().put(key.environmentVariable(), value);
            }
        }
        return new JobProcess(job, builder.start(), log);
    }

    /** Fails when the process has already ended, naming its log. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "the "
                            + job
                            + " job's process ended with exit code "
                            + process.exitValue()
                            + "; its output is in "
                            + log);
        }
    }

    /** CPU time the process used so far, in nanoseconds, or -1 where the system does not say. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
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
