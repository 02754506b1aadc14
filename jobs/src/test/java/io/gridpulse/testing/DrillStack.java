package io.gridpulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker and a ClickHouse server of a drill's own, started with {@code deploy/local/stack.sh} in
 * a folder and on ports of their own, so that a drill can stop and start them without touching the
 * stack every other integration test uses.
 *
 * <p>Ports: {@code GRIDPULSE_DRILL_PORT_BASE} (by default the test broker's port + 10,000) + 100 +
 * 10 × {@code slot}; the folder is {@code .local/drill-stack-<name>} of the repository.
 */
public final class DrillStack implements AutoCloseable {

    private final Path dir;
    private final int kafkaPort;
    private final int clickHouseHttpPort;

    private DrillStack(Path dir, int kafkaPort, int clickHouseHttpPort) {
        this.dir = dir;
        this.kafkaPort = kafkaPort;
        this.clickHouseHttpPort = clickHouseHttpPort;
    }

    /** Starts the stack of drill {@code name} (each drill its own {@code slot} of ports). */
    public static DrillStack up(String name, int slot) throws IOException, InterruptedException {
        int base =
                Integer.parseInt(env("GRIDPULSE_DRILL_PORT_BASE", String.valueOf(defaultBase())));
        int port = base + 200 + 10 * slot;
        Path dir = repository().resolve(".local").resolve("drill-stack-" + name);
        DrillStack stack = new DrillStack(dir, port, port + 2);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(stack::downQuietly, "drill-stack-" + name + "-down"));
        // a stack left over from an interrupted run: start afresh
        stack.stackSh("wipe");
        // the broker's class path as the stack this JVM runs on (or the test stack) resolved it:
        // Maven took 94 s on a busy machine
        List<Path> resolved = new java.util.ArrayList<>();
        String running = System.getenv("GRIDPULSE_STACK_DIR");
        if (running != null && !running.isBlank()) {
            resolved.add(Path.of(running, "kafka", "classpath.txt"));
        }
        resolved.add(repository().resolve(".local/test-stack/kafka/classpath.txt"));
        for (Path classpath : resolved) {
            if (Files.isRegularFile(classpath)) {
                Files.createDirectories(dir.resolve("kafka"));
                Files.copy(classpath, dir.resolve("kafka/classpath.txt"));
                break;
            }
        }
        stack.stackSh("up");
        return stack;
    }

    /** Stops one service, {@code kafka} or {@code clickhouse}, leaving its data in place. */
    public void stop(String service) throws IOException, InterruptedException {
        stackSh("stop", service);
    }

    /** Starts whatever of the stack is stopped, on the same data. */
    public void start() throws IOException, InterruptedException {
        stackSh("up");
    }

    /** The keys that point a GridPulse configuration at this stack. */
    public Map<String, String> settings() {
        return Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort,
                "clickhouse.url", "http://127.0.0.1:" + clickHouseHttpPort);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stackSh("wipe");
    }

    private void downQuietly() {
        try {
            stackSh("down");
        } catch (Exception e) {
            System.err.println("could not stop drill stack " + dir + ": " + e);
        }
    }

    private void stackSh(String... args) throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(repository().resolve("deploy/local/stack.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Files.createDirectories(dir.getParent());
        Path log = dir.getParent().resolve(dir.getFileName() + ".log");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("GRIDPULSE_STACK_DIR", dir.toString());
        environment.put("KAFKA_PORT", String.valueOf(kafkaPort));
        environment.put("KAFKA_CONTROLLER_PORT", String.valueOf(kafkaPort + 1));
        environment.put("CLICKHOUSE_HTTP_PORT", String.valueOf(clickHouseHttpPort));
        environment.put("CLICKHOUSE_TCP_PORT", String.valueOf(kafkaPort + 3));
        Process process = builder.start();
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "stack.sh " + String.join(" ", args) + ": no answer in 600 s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "stack.sh "
                            + String.join(" ", args)
                            + " failed with exit code "
                            + process.exitValue()
                            + "; see "
                            + log);
        }
    }

    private static int defaultBase() {
        return Integer.parseInt(env("GRIDPULSE_TEST_KAFKA_PORT", "19092")) + 10_000;
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** The repository: tests run in the {@code jobs} module's folder. */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("deploy/local/stack.sh")) ? here : here.getParent();
    }
}
