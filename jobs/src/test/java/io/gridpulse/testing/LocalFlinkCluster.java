package io.gridpulse.testing;

import io.gridpulse.tools.cluster.FlinkRest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real standalone Flink cluster for one test, started and stopped with the project's own {@code
 * deploy/local/flink/cluster.sh} on free ports, its files in a folder of the test's.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private final Path dir;
    private final int restPort;
    private final int rpcPort;

    private LocalFlinkCluster(Path dir, int restPort, int rpcPort) {
        this.dir = dir;
        this.restPort = restPort;
        this.rpcPort = rpcPort;
    }

    private Process starting;

    public static LocalFlinkCluster start(Path dir) throws IOException, InterruptedException {
        LocalFlinkCluster cluster = startInBackground(dir);
        cluster.awaitUp();
        return cluster;
    }

    /** Starts the cluster's processes without waiting: a test prepares its data meanwhile. */
    public static LocalFlinkCluster startInBackground(Path dir) throws IOException {
        LocalFlinkCluster cluster = new LocalFlinkCluster(dir, freePort(), freePort());
        cluster.starting = cluster.process("up").start();
        return cluster;
    }

    /** Returns once both TaskManagers have registered ({@code cluster.sh up} has returned). */
    public void awaitUp() throws IOException, InterruptedException {
        if (starting != null) {
            finish(starting, "up");
            starting = null;
        }
    }

    /** The repository root: the jobs module's parent. */
    public static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("deploy")) ? here : here.getParent();
    }

    /** The shaded job jar the build made ({@code jobs/target/gridpulse-jobs-<version>-job.jar}). */
    public static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(repository().resolve("jobs/target"))) {
            return files.filter(
                            p -> p.getFileName().toString().matches("gridpulse-jobs-.*-job\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no job jar in jobs/target: run mvn package first"));
        }
    }

    public FlinkRest rest() {
        return new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
    }

    public Path dir() {
        return dir;
    }

    /** SIGKILLs TaskManager {@code n} (1-based): a crash, not a shutdown. */
    public void killTaskManager(int n) throws IOException, InterruptedException {
        script("kill-tm", String.valueOf(n));
    }

    public void startTaskManager(int n) throws IOException, InterruptedException {
        script("start-tm", String.valueOf(n));
    }

    /** Whether TaskManager {@code n}'s process (from its pid file) is alive. */
    public boolean taskManagerAlive(int n) {
        try {
            long pid =
                    Long.parseLong(
                            Files.readString(dir.resolve("taskmanager-" + n + ".pid")).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (starting != null) {
            starting.waitFor(180, TimeUnit.SECONDS);
        }
        script("down");
    }

    private void script(String... args) throws IOException, InterruptedException {
        finish(process(args).start(), String.join(" ", args));
    }

    private static void finish(Process process, String what)
            throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + what + " failed:\n" + output);
        }
        System.out.print(output);
    }

    private ProcessBuilder process(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(repository().resolve("deploy/local/flink/cluster.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GRIDPULSE_FLINK_DIR", dir.toString());
        env.put("FLINK_REST_PORT", String.valueOf(restPort));
        env.put("FLINK_RPC_PORT", String.valueOf(rpcPort));
        env.put("GRIDPULSE_STACK_TIMEOUT", "150");
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
