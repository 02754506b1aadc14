package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.GridPulse;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.ServiceCase;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.LocalFlinkCluster;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code sasl-scram} drill: a broker of its own whose only client listener is SASL_PLAINTEXT
 * with SCRAM-SHA-512 ({@code deploy/local/stack.sh} with {@code KAFKA_SASL_SCRAM_USER}), a user
 * whose password holds a {@code "} and a {@code \}. Topic creation, the simulator, replay, the
 * start-up check, the consumption and reconnect jobs (sources and sinks) and the run accounting's
 * offset reads all log in with that password, given only in the environment (processes) or in
 * {@code kafka.sasl.password.file} (this JVM); a wrong password fails within the start-up check's
 * timeout; the password is in no output.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslScramITCase {

    private static final String USER = "gridpulse";
    private static final int METERS = 200;
    private static final int DAYS = 2;

    /**
     * The default: under a load average of 40 the broker took more than 5 s to answer a SASL
     * handshake, and a 10 s check reported a bare TimeoutException.
     */
    private static final int STARTUP_CHECK_SECONDS = 30;

    /** A quote and a backslash, which broke the concatenated JAAS string; unique per run. */
    private final String password = "sc\"ram\\" + UUID.randomUUID().toString().substring(0, 12);

    private Path dir;
    private Path passwordFile;
    private Path configFile;
    private Path configFileWithPasswordFile;
    private int kafkaPort;
    private int clickHousePort;
    private TestStack stack;
    private final List<String> outputs = new ArrayList<>();

    @BeforeAll
    void startAScramBroker() throws Exception {
        dir = LocalFlinkCluster.repository().resolve("jobs/target/sasl-scram");
        Files.createDirectories(dir);
        passwordFile = dir.resolve("kafka-password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(
                passwordFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password);
        int[] ports = ports();
        kafkaPort = ports[0];
        clickHousePort = ports[2];
        stackScript("wipe", ports);
        reuseTheBrokerClasspath();
        outputs.add(stackScript("up", ports));

        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort);
        settings.put("kafka.security.protocol", "SASL_PLAINTEXT");
        settings.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        settings.put("kafka.sasl.username", USER);
        settings.put("clickhouse.url", "http://127.0.0.1:" + clickHousePort);
        settings.put("startup.check.timeout", STARTUP_CHECK_SECONDS + "s");
        Map<String, String> inThisJvm = new HashMap<>(settings);
        inThisJvm.put("kafka.sasl.password.file", passwordFile.toString());
        // topics created and later deleted over SASL, the password from the file
        stack = TestStack.fresh("sasl", dir.resolve("checkpoints"), inThisJvm);

        settings.put("kafka.topic.prefix", stack.config().get(CommonKeys.KAFKA_TOPIC_PREFIX));
        settings.put("kafka.topic.partitions", "3");
        settings.put("clickhouse.database", stack.config().get(CommonKeys.CLICKHOUSE_DATABASE));
        settings.put("clickhouse.compress.response", "false");
        settings.put("clickhouse.sink.flush.interval", "200ms");
        settings.put("job.checkpoint.dir", dir.resolve("checkpoints").toUri().toString());
        Properties file = new Properties();
        file.putAll(settings);
        configFile = dir.resolve("gridpulse.properties");
        try (var out = Files.newBufferedWriter(configFile)) {
            file.store(out, "sasl-scram drill: no secret here, the password is in the environment");
        }
        file.put("kafka.sasl.password.file", passwordFile.toString());
        configFileWithPasswordFile = dir.resolve("gridpulse-password-file.properties");
        try (var out = Files.newBufferedWriter(configFileWithPasswordFile)) {
            file.store(out, "sasl-scram drill: the password in kafka.sasl.password.file");
        }
    }

    /** The classpath the stack of this test run resolved: saves a Maven resolution (20-30 s). */
    private void reuseTheBrokerClasspath() throws IOException {
        String running = System.getenv("GRIDPULSE_STACK_DIR");
        if (running != null) {
            Path classpath = Path.of(running, "kafka", "classpath.txt");
            if (Files.isRegularFile(classpath)) {
                Path kafka = Files.createDirectories(dir.resolve("stack/kafka"));
                Files.copy(classpath, kafka.resolve("classpath.txt"));
            }
        }
    }

    @AfterAll
    void stopTheBroker() throws Exception {
        if (stack != null) {
            stack.dropNow();
        }
        if (dir != null) {
            stackScript("wipe", ports());
        }
    }

    @Test
    void shouldRunTheConsumptionAndReconnectJobsOverScramToTheGroundTruth() throws Exception {
        GroundTruth truth =
                new Simulator(SimulationConfig.of(METERS, DAYS, SimulatedCity.SEED))
                        .run((topic, key, value, timestamp) -> {});

        Run simulate =
                inThisJvm(
                        "simulate",
                        "--bootstrap-servers",
                        "127.0.0.1:" + kafkaPort,
                        "--topic-prefix",
                        stack.config().get(CommonKeys.KAFKA_TOPIC_PREFIX),
                        "--meters",
                        String.valueOf(METERS),
                        "--days",
                        String.valueOf(DAYS),
                        "--seed",
                        String.valueOf(SimulatedCity.SEED));
        assertThat(simulate.exit).as(simulate.output).isZero();

        Run run = gridpulse(password, "run", "consumption", "reconnect", "--until-idle");
        // exit 0: the run accounting read every input topic's offsets over SASL and found every
        // record accounted for
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("meter-reads").contains("payments");

        Map<String, BigDecimal> expected =
                SimulatedCity.measurable(truth, SimulatedCity.scaled(truth.expectedKwhByMeter()));
        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .hasSize(expected.size())
                .containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter()));

        // the reconnect job's commands went out through its Kafka sink over SASL
        Set<String> expectedCommands =
                truth.serviceCases().stream()
                        .filter(ServiceCase::reconnectExpected)
                        .map(c -> "RC-" + c.disconnectEventId())
                        .collect(Collectors.toSet());
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        Set<String> sent = new HashSet<>();
        for (var r : stack.readAll(Topics.RECONNECT_COMMANDS)) {
            sent.add(codec.decode(r.value()).getCommandId());
        }
        assertThat(expectedCommands).isNotEmpty();
        assertThat(sent).isEqualTo(expectedCommands);
        try (var ch = stack.clickHouse()) {
            assertThat(Long.parseLong(ch.value("SELECT count() FROM payments FINAL")))
                    .isEqualTo(truth.recordsByTopic().get(Topics.PAYMENTS));
        }
        assertNoPasswordIn(simulate.output, run.output);
    }

    @Test
    void shouldReplayAFileOverScram() throws Exception {
        String topic = stack.topic("replay-check");
        try (Admin admin = Admin.create(stack.kafka().clientProperties("it-sasl-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Path sample = LocalFlinkCluster.repository().resolve("testdata/meter-reads-sample.csv");
        long rows;
        try (var lines = Files.lines(sample)) {
            rows = lines.count() - 1;
        }

        Run replay =
                inThisJvm(
                        "replay",
                        "--bootstrap-servers",
                        "127.0.0.1:" + kafkaPort,
                        "--topic",
                        topic,
                        sample.toString());

        assertThat(replay.exit).as(replay.output).isZero();
        assertThat(stack.readAll("replay-check")).hasSize((int) rows);
        assertNoPasswordIn(replay.output);
    }

    @Test
    void shouldFailFastNamingTheBrokerAndTheSaslFailureWhenThePasswordIsWrong() throws Exception {
        String wrong = "wrong\"pass\\" + UUID.randomUUID().toString().substring(0, 12);

        Run run = gridpulse(wrong, "run", "consumption", "--until-idle");

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output)
                .contains("Kafka does not answer at 127.0.0.1:" + kafkaPort)
                .contains("SaslAuthenticationException")
                .contains("SCRAM-SHA-512")
                .doesNotContain(wrong)
                .doesNotContain(KafkaSettings.jaasQuoted(wrong));
        // from the check's first log line to the process's last, within the check's timeout; the
        // JVM's start comes on top (the unchecked start took 146-242 s to fail)
        assertThat(loggedSeconds(run.output)).isLessThanOrEqualTo(STARTUP_CHECK_SECONDS + 2);
        assertThat(run.seconds).isLessThan(120);
        assertNoPasswordIn(run.output);
    }

    private void assertNoPasswordIn(String... more) throws IOException {
        List<String> all = new ArrayList<>(outputs);
        all.addAll(List.of(more));
        // the broker's own logs and the stack folder's files other than its server.properties
        try (var files = Files.walk(dir.resolve("stack"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals("server.properties")) {
                    assertThat(Files.getPosixFilePermissions(f))
                            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                } else if (!f.toString().contains("/data/")) {
                    all.add(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        String secretPart = password.substring(password.indexOf('\\') + 1);
        for (String text : all) {
            assertThat(text).doesNotContain(secretPart).doesNotContain(password);
        }
    }

    private record Run(int exit, String output, double seconds) {}

    /** Seconds between the first and the last time-stamped log line (HH:mm:ss) of an output. */
    private static long loggedSeconds(String output) {
        List<LocalTime> times =
                output.lines()
                        .filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d .*"))
                        .map(l -> LocalTime.parse(l.substring(0, 8)))
                        .toList();
        assertThat(times).isNotEmpty();
        return Duration.between(times.get(0), times.get(times.size() - 1)).toSeconds();
    }

    /**
     * {@code GridPulse --config <file> args...} in this JVM, the password from {@code
     * kafka.sasl.password.file}; its standard output and error captured. (This JVM's {@code
     * GRIDPULSE_*} variables name the shared test stack, but {@code simulate} and {@code replay}
     * take only the security from the configuration and the brokers from their options.)
     */
    private Run inThisJvm(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--config", configFileWithPasswordFile.toString()));
        all.addAll(List.of(args));
        var captured = new java.io.ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        int exit;
        System.setOut(both);
        System.setErr(both);
        try {
            exit = GridPulse.commandLine(both, both).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        System.out.printf(
                "sasl-scram: gridpulse %s (this JVM): exit %d in %.1f s%n",
                String.join(" ", args), exit, seconds);
        return new Run(exit, text, seconds);
    }

    /**
     * {@code GridPulse --config <file> args...} as a process of its own, with none of this JVM's
     * {@code GRIDPULSE_*} variables (they name the shared test stack) and the password only in
     * {@code GRIDPULSE_KAFKA_SASL_PASSWORD}. Kafka's clients log at INFO, so their configuration
     * dumps are in the output too.
     */
    private Run gridpulse(String kafkaPassword, String... args) throws Exception {
        Path log4j = dir.resolve("log4j2-info.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.console.ref = console",
                        "appender.console.type = Console",
                        "appender.console.name = console",
                        "appender.console.target = SYSTEM_ERR",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dorg.apache.avro")) {
                command.add(arg);
            }
        }
        command.addAll(
                List.of(
                        "-Xmx1500m",
                        "-Dlog4j2.configurationFile=" + log4j,
                        "-Djava.io.tmpdir=" + dir,
                        "-cp",
                        System.getProperty("java.class.path"),
                        GridPulse.class.getName(),
                        "--config",
                        configFile.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("gridpulse-" + args[0] + "-" + UUID.randomUUID() + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GRIDPULSE_"));
        builder.environment().put("GRIDPULSE_KAFKA_SASL_PASSWORD", kafkaPassword);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.printf(
                "sasl-scram: gridpulse %s: exit %d in %.1f s%n",
                String.join(" ", args), process.exitValue(), seconds);
        return new Run(process.exitValue(), text, seconds);
    }

    /**
     * Kafka, its controller, ClickHouse HTTP and native: after the stack this test run uses ({@code
     * KAFKA_PORT} + 20, so within the ports given to this worktree), or free ports.
     */
    private static int[] ports() throws IOException {
        String base = System.getenv("GRIDPULSE_TEST_SASL_KAFKA_PORT");
        if (base == null && System.getenv("KAFKA_PORT") != null) {
            base = String.valueOf(Integer.parseInt(System.getenv("KAFKA_PORT")) + 20);
        }
        if (base != null) {
            int p = Integer.parseInt(base);
            return new int[] {p, p + 1, p + 2, p + 3};
        }
        int[] free = new int[4];
        for (int i = 0; i < free.length; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                free[i] = socket.getLocalPort();
            }
        }
        return free;
    }

    private String stackScript(String command, int[] ports)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(
                                LocalFlinkCluster.repository()
                                        .resolve("deploy/local/stack.sh")
                                        .toString(),
                                command)
                        .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GRIDPULSE_STACK_DIR", dir.resolve("stack").toString());
        env.put("KAFKA_PORT", String.valueOf(ports[0]));
        env.put("KAFKA_CONTROLLER_PORT", String.valueOf(ports[1]));
        env.put("CLICKHOUSE_HTTP_PORT", String.valueOf(ports[2]));
        env.put("CLICKHOUSE_TCP_PORT", String.valueOf(ports[3]));
        env.put("KAFKA_SASL_SCRAM_USER", USER);
        env.put("KAFKA_SASL_SCRAM_PASSWORD_FILE", passwordFile.toString());
        env.put("GRIDPULSE_STACK_TIMEOUT", "150");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("stack.sh " + command + " failed:\n" + output);
        }
        System.out.print(output);
        return output;
    }
}
