package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.GridPulseProcess;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A failure drill on a simulated city: the consumption job run as {@code ./gridpulse run
 * consumption} (a process of its own, unbounded), the city's ground truth, and the checks every
 * drill makes once consumer lag is zero: every meter exact, no key written twice with different
 * values, the job's log free of restarts and stack traces.
 *
 * <p>{@code GRIDPULSE_DRILL_FULL=true} (set by {@code ./gridpulse drill}) selects the full drill;
 * otherwise the short form {@code ./gridpulse test} runs.
 */
final class CityDrill {

    static final String JOB = ConsumptionJob.NAME;

    final String name;
    final TestStack stack;
    final Path dir;
    final Map<String, Object> figures = new LinkedHashMap<>();
    GroundTruth truth;
    private int runs;

    /** Its runs' output goes to {@code target/drill-runs/<name>}, kept after the test. */
    CityDrill(String name, TestStack stack) throws IOException {
        this.name = name;
        this.stack = stack;
        this.dir = Path.of("target", "drill-runs", name).toAbsolutePath();
        if (Files.isDirectory(dir)) {
            try (var old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    static boolean full() {
        return "true".equalsIgnoreCase(System.getenv("GRIDPULSE_DRILL_FULL"));
    }

    /** The keys every drill's stack is made with. */
    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new HashMap<>();
        s.put("job.checkpoint.interval", "1s");
        s.put("events.source.idleness", "5s");
        s.putAll(more);
        return s;
    }

    /** Feeds the city and moves event time past its end, so every interval closes. */
    GroundTruth feed(int meters, int days) {
        truth = SimulatedCity.feed(stack, meters, days);
        stack.advanceMeterReadsPast(truth.config().end());
        figures.put("meters", meters);
        figures.put("days", days);
        return truth;
    }

    /** Starts {@code GridPulse run consumption args...}; its output in {@code <dir>/run-N.log}. */
    GridPulseProcess run(Map<String, String> values, String... args) throws IOException {
        String[] command = new String[args.length + 2];
        command[0] = "run";
        command[1] = JOB;
        System.arraycopy(args, 0, command, 2, args.length);
        return GridPulseProcess.start(
                stack, values, dir.resolve("run-" + ++runs + ".log"), command);
    }

    /** The newest completed checkpoint of the job, once there is one newer than {@code after}. */
    Path awaitCheckpoint(GridPulseProcess job, Path after, Duration timeout) throws Exception {
        Path[] latest = new Path[1];
        await(
                () -> {
                    try {
                        job.checkAlive();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    latest[0] =
                            RetainedCheckpoints.latest(stack.checkpointDir().resolve(JOB))
                                    .orElse(null);
                    return latest[0] != null && !latest[0].equals(after);
                },
                timeout,
                "a completed checkpoint; see " + job.log());
        return latest[0];
    }

    /** Interval rows written so far (FINAL). */
    long intervalRows() {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM interval_consumption FINAL"));
        }
    }

    /**
     * Waits until the job has committed every input record (consumer lag zero) and every meter's
     * interval count equals the ground truth; fails after {@code timeout}, or when {@code job}
     * ends.
     */
    void awaitDrained(GridPulseProcess job, Duration timeout) throws Exception {
        Map<String, Integer> expected =
                SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter());
        long started = System.nanoTime();
        await(
                () -> {
                    try {
                        job.checkAlive();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return lag() == 0
                            && SimulatedCity.measuredIntervalsByMeter(stack).equals(expected);
                },
                timeout,
                "consumer lag zero and every meter's intervals written; see " + job.log());
        figures.put("drain_s", (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Every meter exact; no key written twice with different values; the run log clean. */
    void assertExact() {
        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .as("kWh per meter equals the ground truth")
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(
                                truth, SimulatedCity.scaled(truth.expectedKwhByMeter())));
        try (var ch = stack.clickHouse()) {
            long conflicting =
                    Long.parseLong(
                            ch.value(
                                    "SELECT count() FROM (SELECT meter_id, interval_end, version,"
                                            + " uniqExact(interval_start, kwh, superseded, customer_id) AS n"
                                            + " FROM interval_consumption"
                                            + " GROUP BY meter_id, interval_end, version HAVING n > 1)"));
            assertThat(conflicting).as("keys written twice with different values").isZero();
            long raw = Long.parseLong(ch.value("SELECT count() FROM interval_consumption"));
            long distinct =
                    Long.parseLong(ch.value("SELECT count() FROM interval_consumption FINAL"));
            figures.put("meters_exact", SimulatedCity.measuredKwhByMeter(stack).size());
            figures.put("interval_rows", distinct);
            figures.put("rows_written_again_same_values", raw - distinct);
        }
    }

    /** No restart reported and no stack trace in a run's output; both counted in the figures. */
    void assertNoRestartsOrStackTraces(GridPulseProcess job) throws IOException {
        String out = job.output();
        long restarts = out.lines().filter(l -> l.contains("is restarting")).count();
        long traces =
                out.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).count();
        figures.merge("restarts", restarts, (a, b) -> (Long) a + (Long) b);
        figures.merge("stack_trace_lines", traces, (a, b) -> (Long) a + (Long) b);
        assertThat(restarts).as("restarts reported in " + job.log()).isZero();
        assertThat(traces).as("stack trace lines in " + job.log()).isZero();
    }

    /** Lines of a run's output that contain {@code text}. */
    static List<String> linesWith(GridPulseProcess job, String text) throws IOException {
        return job.output().lines().filter(l -> l.contains(text)).toList();
    }

    /**
     * Per input topic {@code in = processed + rejected}: the reads on {@code meter-reads} equal the
     * records the job counted in {@code job_metrics} (the stream and its dead letters), for a run
     * that never restarted (records_total counts from the subtask's start).
     */
    void assertEveryReadAccounted() throws Exception {
        long in = endOffsets(stack.topic(Topics.METER_READS));
        long[] counted = new long[1];
        await(
                () -> {
                    counted[0] = countedInJobMetrics(Topics.METER_READS);
                    return counted[0] == in;
                },
                Duration.ofSeconds(30),
                "job_metrics count every read");
        figures.put("reads_in", in);
        figures.put("reads_counted", counted[0]);
        assertThat(counted[0]).as("reads counted by the job = reads on the topic").isEqualTo(in);
    }

    /**
     * Reads counted in {@code job_metrics} in windows that began after {@code since}, once two
     * readings a window apart agree.
     */
    long readsSince(java.time.Instant since) throws InterruptedException {
        long window = io.gridpulse.common.metrics.JobMetrics.WINDOW.toSeconds();
        String select =
                "SELECT sum(r) FROM (SELECT subtask, max(records_total) AS r FROM job_metrics FINAL"
                        + " WHERE job = '"
                        + JOB
                        + "' AND stream = '"
                        + Topics.METER_READS
                        + "' AND window_start >= "
                        + since.getEpochSecond() / window * window
                        + " GROUP BY subtask)";
        long last = -1;
        while (true) {
            long now;
            try (var ch = stack.clickHouse()) {
                now = Long.parseLong(ch.value(select));
            }
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(window * 1000 + 1000);
        }
    }

    long countedInJobMetrics(String topic) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(
                    ch.value(
                            "SELECT sum(r) FROM (SELECT stream, subtask, max(records_total) AS r"
                                    + " FROM job_metrics FINAL WHERE job = '"
                                    + JOB
                                    + "' AND stream IN ('"
                                    + topic
                                    + "', '"
                                    + topic
                                    + "-dlq') GROUP BY stream, subtask)"));
        }
    }

    /** Records on the job's input topics not yet committed by its consumer group. */
    long lag() {
        try (Admin admin = Admin.create(stack.kafka().clientProperties("drill-admin"))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(KafkaInputs.groupId(JOB))
                            .partitionsToOffsetAndMetadata()
                            .get();
            String prefix = stack.topic("");
            Map<TopicPartition, OffsetSpec> ours =
                    committed.keySet().stream()
                            .filter(tp -> tp.topic().startsWith(prefix))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            if (ours.isEmpty()
                    || ours.keySet().stream()
                            .noneMatch(tp -> tp.topic().equals(stack.topic(Topics.METER_READS)))) {
                return Long.MAX_VALUE;
            }
            long lag = 0;
            for (var e : admin.listOffsets(ours).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            // the broker may be away in a drill: not drained yet
            return Long.MAX_VALUE;
        }
    }

    long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(stack.kafka().clientProperties("drill-admin"))) {
            var partitions =
                    admin
                            .describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .collect(
                                    Collectors.toMap(
                                            p -> new TopicPartition(topic, p.partition()),
                                            p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(500);
        }
    }

    /**
     * Writes the figures to {@code target/drill-figures/<name>.json}, where {@code ./gridpulse
     * drill} reads them.
     */
    void report() throws IOException {
        System.out.println("drill " + name + ": " + figures);
        Path out = Path.of("target", "drill-figures", name + ".json");
        Files.createDirectories(out.getParent());
        String json =
                figures.entrySet().stream()
                        .map(
                                e ->
                                        "\""
                                                + e.getKey()
                                                + "\":"
                                                + (e.getValue() instanceof Number
                                                                || e.getValue() instanceof Boolean
                                                        ? e.getValue()
                                                        : "\"" + e.getValue() + "\""))
                        .collect(Collectors.joining(",", "{", "}"));
        Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
    }
}
