package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.directory.DirectoryRow;
import io.gridpulse.highbill.HighBillJob;
import io.gridpulse.highbill.HighBillReference;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.servicekpi.KpiFigures;
import io.gridpulse.servicekpi.KpiReference;
import io.gridpulse.servicekpi.ServiceKpiJob;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.ServiceCase;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.streams.UnreadableRecordException;
import io.gridpulse.testing.DrillStack;
import io.gridpulse.testing.GridPulseProcess;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A failure drill on a simulated city: the jobs run as {@code ./gridpulse run consumption
 * reconnect} (a process of its own, unbounded), the city's ground truth, and the checks every drill
 * makes once every job's consumer lag is zero: every meter exact, no key written twice with
 * different values, every expected reconnect command sent and every payment stored, the run's log
 * free of restarts and stack traces.
 *
 * <p>{@code GRIDPULSE_DRILL_FULL=true} (set by {@code ./gridpulse drill}) selects the full drill;
 * otherwise the short form {@code ./gridpulse test} runs.
 */
final class CityDrill {

    static final String JOB = ConsumptionJob.NAME;

    /**
     * Every job that reads the city and has a ground truth or a reference to meet, with the input
     * each must have committed before its lag means anything. The service-KPI and high-bill jobs
     * each read every meter read again, so they run in a drill of their own ({@code kpi-faults},
     * {@link #feedWithReferences}) rather than beside the consumption job: their truth is {@link
     * KpiReference} and the bounded run of the same records on a clean stack ({@link
     * HighBillReference}).
     */
    static final Map<String, String> JOBS =
            Map.of(
                    ConsumptionJob.NAME,
                    Topics.METER_READS,
                    ReconnectJob.NAME,
                    Topics.PAYMENTS,
                    DirectoryJob.NAME,
                    Topics.CUSTOMERS,
                    ServiceKpiJob.NAME,
                    Topics.METER_READS,
                    HighBillJob.NAME,
                    Topics.METER_READS);

    /** The columns of {@code customer_directory} a customer's version decides, in order. */
    private static final String DIRECTORY_COLUMNS =
            "meter_id, grid_id, station_id, county, transformer_area, area_type, segment,"
                    + " read_interval_minutes, has_phone, contact_verified, sms_bound, wechat_bound,"
                    + " prepayment_agreement, auto_debit_agreement, active, version";

    final String name;
    final TestStack stack;
    final Path dir;
    final Map<String, Object> figures = new LinkedHashMap<>();

    /** The jobs {@link #run} starts: {@code consumption reconnect}, or one of them. */
    final List<String> jobs;

    GroundTruth truth;

    /**
     * The directory job's truth: the newest version of every customer the city published (by {@code
     * updated_at}), known once the city was fed with {@link #feedFirstHalf}.
     */
    private Map<String, Customer> newestCustomers;

    private int runs;

    /** The service-KPI job's truth, when the city was fed with {@link #feedWithReferences}. */
    private LocalDate kpiMonth;

    private Map<String, String> expectedKpis;

    /** The high-bill job's truth, when the city was fed with {@link #feedWithReferences}. */
    private HighBillReference highBills;

    /** A drill of the consumption and reconnect jobs. */
    CityDrill(String name, TestStack stack) throws Exception {
        this(name, stack, List.of(ConsumptionJob.NAME, ReconnectJob.NAME));
    }

    /** Its runs' output goes to {@code target/drill-runs/<name>}, kept after the test. */
    CityDrill(String name, TestStack stack, List<String> jobs) throws Exception {
        this.name = name;
        this.stack = stack;
        this.jobs = List.copyOf(jobs);
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

    /** The city's size: 1,000 meters in the drill, 500 in the short form. */
    static int meters() {
        return full() ? 1000 : 500;
    }

    /**
     * A drill on services of its own ({@link DrillStack}), for a drill that stops one of them: its
     * topics and database go with those services, never dropped through them when they are away.
     */
    static CityDrill onOwnServices(String name, DrillStack services, Path checkpoints)
            throws Exception {
        return onOwnServices(
                name,
                services,
                checkpoints,
                List.of(ConsumptionJob.NAME, ReconnectJob.NAME),
                Map.of());
    }

    /** A drill of {@code jobs} on services of its own, {@code more} keys over the drills'. */
    static CityDrill onOwnServices(
            String name,
            DrillStack services,
            Path checkpoints,
            List<String> jobs,
            Map<String, String> more)
            throws Exception {
        return new CityDrill(name, ownStack(name + "drill", services, checkpoints, more), jobs);
    }

    /**
     * A stack of its own on {@code services} (its topics and database go with them, never dropped
     * through them when they are away).
     */
    static TestStack ownStack(
            String name, DrillStack services, Path checkpoints, Map<String, String> more)
            throws Exception {
        Map<String, String> all = new HashMap<>(services.settings());
        all.putAll(more);
        TestStack stack =
                TestStack.fresh(name.replaceAll("[^a-z]", ""), checkpoints, settings(all));
        stack.keepOnExit();
        return stack;
    }

    /** The keys every drill's stack is made with. */
    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new HashMap<>();
        s.put("job.checkpoint.interval", "1s");
        s.put("events.source.idleness", "5s");
        s.putAll(more);
        return s;
    }

    /**
     * Feeds the first half of the city's records (in the simulator's order, which is event time)
     * and returns what feeds the rest and moves event time past the city's end. A kill between the
     * two lands mid-run however fast the jobs read.
     */
    Runnable feedFirstHalf(int meters, int days) {
        SimulatedCity.HalfFed city = SimulatedCity.feedFirstHalf(stack, meters, days);
        truth = city.truth();
        newestCustomers = new TreeMap<>();
        for (Customer c : city.customers()) {
            newestCustomers.merge(
                    c.getCustomerId(),
                    c,
                    (old, now) -> now.getUpdatedAt().isBefore(old.getUpdatedAt()) ? old : now);
        }
        figures.put("meters", meters);
        figures.put("days", days);
        return city.secondHalf();
    }

    /** Feeds the city and moves event time past its end, so every interval closes. */
    GroundTruth feed(int meters, int days) {
        truth = SimulatedCity.feed(stack, meters, days);
        stack.advanceMeterReadsPast(truth.config().end());
        figures.put("meters", meters);
        figures.put("days", days);
        return truth;
    }

    /**
     * A city's records in two halves, each put on the topics when run, and the time of the clock
     * records that move event time past every deadline of its month ({@link #sendClocks}).
     */
    record Halves(Runnable first, Runnable rest, Instant clock) {}

    /**
     * The clock records of {@code at}, and once the jobs read them, those of an hour later: the
     * jobs write what the first clock's watermark made due at the next emit interval of event time,
     * which stands still after the last record.
     */
    void sendClocks(GridPulseProcess job, Instant at) throws Exception {
        for (Instant clock : List.of(at, at.plus(Duration.ofHours(1)))) {
            KpiFigures.advanceEventTime(stack, clock);
            await(
                    () -> {
                        alive(job);
                        return lag() == 0;
                    },
                    Duration.ofMinutes(6),
                    "the clock records read; see " + job.log());
        }
    }

    /**
     * Makes the service-KPI and high-bill jobs' references of {@code city} and returns what feeds
     * its records (in the simulator's order, which is event time) in two halves, with the time of
     * the clock records past every deadline of the city's month. The KPI reference is {@link
     * KpiReference} of the city's month, computed from the records as sent; the high-bill reference
     * is the uninterrupted bounded run (on this JVM's mini-cluster) of the same records, clocks
     * included, on {@code clean}, a stack of its own.
     */
    Halves feedWithReferences(SimulationConfig city, TestStack clean) throws Exception {
        KpiReference kpis = KpiReference.ofDefaults();
        List<SimulatedCity.Emitted> records = new ArrayList<>();
        truth =
                new Simulator(city)
                        .run(
                                (topic, key, value, at) -> {
                                    records.add(new SimulatedCity.Emitted(topic, key, value, at));
                                    kpis.accept(topic, value);
                                });
        ZoneId company = ZoneId.of("Asia/Shanghai");
        kpiMonth = LocalDate.ofInstant(city.start(), company).withDayOfMonth(1);
        assertThat(LocalDate.ofInstant(city.end().minusMillis(1), company))
                .as("a city within one month: one month of figures to compare")
                .isBefore(kpiMonth.plusMonths(1));
        expectedKpis = kpis.figures(kpiMonth, true);
        // every complaint deadline and every day of the month is past: the month is judged
        Instant clock = kpiMonth.plusMonths(2).plusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant();
        SimulatedCity.send(clean, records);
        // the same clock records as the drill's (sendClocks), meter-reads included
        KpiFigures.advanceEventTime(clean, clock);
        KpiFigures.advanceEventTime(clean, clock.plus(Duration.ofHours(1)));
        long started = System.nanoTime();
        highBills = HighBillReference.of(clean);
        figures.put("meters", city.meters());
        figures.put("days", city.days());
        figures.put("records", records.size());
        figures.put("kpi_figures", expectedKpis.size());
        figures.put("high_bill_alerts", highBills.alerts().size());
        figures.put("high_bill_alerts_sent", highBills.sent());
        figures.put("high_bill_reference_run_s", (System.nanoTime() - started) / 1_000_000_000);
        assertThat(expectedKpis).as("the month has KPI figures to compare").isNotEmpty();
        assertThat(highBills.sent())
                .as("the reference sends high-bill alerts: the drill has some to keep")
                .isPositive();
        int half = records.size() / 2;
        return new Halves(
                () -> SimulatedCity.send(stack, records.subList(0, half)),
                () -> SimulatedCity.send(stack, records.subList(half, records.size())),
                clock);
    }

    /** Rows of {@code grid_kpi_daily} written so far, repeats included. */
    long kpiRows() {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM grid_kpi_daily"));
        }
    }

    /** Starts {@code GridPulse run <jobs> args...}; its output in {@code <dir>/run-N.log}. */
    GridPulseProcess run(Map<String, String> values, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("run");
        command.addAll(jobs);
        command.addAll(List.of(args));
        return GridPulseProcess.start(
                stack,
                values,
                dir.resolve("run-" + ++runs + ".log"),
                command.toArray(String[]::new));
    }

    /**
     * Starts {@code main args...} (a program of the test class path that runs a job as {@code run}
     * does); its output in {@code <dir>/run-N.log}.
     */
    GridPulseProcess runMain(Class<?> main, Map<String, String> values, String... args)
            throws IOException {
        return GridPulseProcess.start(
                main, stack, values, dir.resolve("run-" + ++runs + ".log"), args);
    }

    /** Deletes the offsets each job's consumer group committed: only a checkpoint knows. */
    void forgetCommittedOffsets() throws Exception {
        for (String job : jobs) {
            stack.forgetCommittedOffsets(KafkaInputs.groupId(job));
        }
    }

    private static void alive(GridPulseProcess job) {
        try {
            job.checkAlive();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The newest completed checkpoint of the consumption job, once there is one newer than {@code
     * after}.
     */
    Path awaitCheckpoint(GridPulseProcess job, Path after, Duration timeout) throws Exception {
        return awaitCheckpoint(job, JOB, after, timeout);
    }

    /**
     * The newest completed checkpoint of {@code name}, once there is one newer than {@code after}.
     */
    Path awaitCheckpoint(GridPulseProcess job, String name, Path after, Duration timeout)
            throws Exception {
        Path[] latest = new Path[1];
        await(
                () -> {
                    alive(job);
                    latest[0] =
                            RetainedCheckpoints.latest(stack.checkpointDir().resolve(name))
                                    .orElse(null);
                    return latest[0] != null && !latest[0].equals(after);
                },
                timeout,
                "a completed checkpoint; see " + job.log());
        return latest[0];
    }

    Set<String> expectedCommandIds() {
        return truth.serviceCases().stream()
                .filter(ServiceCase::reconnectExpected)
                .map(c -> "RC-" + c.disconnectEventId())
                .collect(Collectors.toSet());
    }

    long expectedPayments() {
        return truth.recordsByTopic().get(Topics.PAYMENTS);
    }

    /** The command id of every record on {@code reconnect-commands}, duplicates included. */
    List<String> sentCommands() {
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        List<String> ids = new ArrayList<>();
        for (var r : stack.readAll(Topics.RECONNECT_COMMANDS)) {
            try {
                ids.add(codec.decode(r.value()).getCommandId());
            } catch (UnreadableRecordException e) {
                throw new AssertionError("an unreadable record on reconnect-commands", e);
            }
        }
        return ids;
    }

    Set<String> sentCommandIds() {
        return new HashSet<>(sentCommands());
    }

    long paymentRows() {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM payments FINAL"));
        }
    }

    /** Interval rows written so far (FINAL). */
    long intervalRows() {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM interval_consumption FINAL"));
        }
    }

    /**
     * Waits until every job has committed every input record (consumer lag zero), every meter's
     * interval count equals the ground truth and, with the reconnect job, every expected command
     * was sent and every payment stored; fails after {@code timeout}, or when {@code job} ends.
     */
    void awaitDrained(GridPulseProcess job, Duration timeout) throws Exception {
        Map<String, Integer> expected =
                SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter());
        long started = System.nanoTime();
        try {
            awaitOutcomes(job, expected, timeout);
        } catch (AssertionError notWithin) {
            // what differs, where the jobs' outcome can be compared
            try {
                assertExact();
            } catch (AssertionError | RuntimeException differs) {
                notWithin.addSuppressed(differs);
            }
            throw notWithin;
        }
        figures.put("drain_s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private void awaitOutcomes(
            GridPulseProcess job, Map<String, Integer> expected, Duration timeout)
            throws InterruptedException {
        await(
                () -> {
                    alive(job);
                    return lag() == 0
                            && (!jobs.contains(ConsumptionJob.NAME)
                                    || SimulatedCity.measuredIntervalsByMeter(stack)
                                            .equals(expected))
                            && (!jobs.contains(ReconnectJob.NAME)
                                    || (paymentRows() == expectedPayments()
                                            && sentCommandIds().equals(expectedCommandIds())))
                            && (!jobs.contains(DirectoryJob.NAME)
                                    || directory().equals(expectedDirectory()))
                            && (!jobs.contains(ServiceKpiJob.NAME)
                                    || KpiFigures.read(stack, kpiMonth).equals(expectedKpis))
                            && (!jobs.contains(HighBillJob.NAME) || highBills.metBy(stack));
                },
                timeout,
                "consumer lag zero and every job's outcome written; see " + job.log());
    }

    /**
     * Every meter exact and no key written twice with different values; with the reconnect job, the
     * commands sent are exactly the expected ones (at least once: a command sent again after a
     * restore carries the same id) and every payment is stored once.
     */
    void assertExact() {
        if (jobs.contains(ReconnectJob.NAME)) {
            assertReconnectExact();
        }
        if (jobs.contains(ConsumptionJob.NAME)) {
            assertMetersExact();
        }
        if (jobs.contains(DirectoryJob.NAME)) {
            assertDirectoryExact();
        }
        if (jobs.contains(ServiceKpiJob.NAME)) {
            assertThat(KpiFigures.read(stack, kpiMonth))
                    .as("every KPI figure of the month = the reference's")
                    .containsExactlyInAnyOrderEntriesOf(expectedKpis);
        }
        if (jobs.contains(HighBillJob.NAME)) {
            figures.put("notification_records", HighBillReference.messages(stack).size());
            highBills.assertMetBy(stack);
        }
    }

    /**
     * {@code customer_directory FINAL} holds the newest version of every customer, every column
     * equal, and no customer version was written twice with different values.
     */
    private void assertDirectoryExact() {
        Map<String, String> expected = expectedDirectory();
        figures.put("directory_customers", expected.size());
        assertThat(directory())
                .as("customer_directory FINAL = the newest version of every customer")
                .containsExactlyInAnyOrderEntriesOf(expected);
        try (var ch = stack.clickHouse()) {
            long conflicting =
                    Long.parseLong(
                            ch.value(
                                    "SELECT count() FROM (SELECT customer_id, version, uniqExact("
                                            + DIRECTORY_COLUMNS
                                            + ") AS n FROM customer_directory"
                                            + " GROUP BY customer_id, version HAVING n > 1)"));
            assertThat(conflicting)
                    .as("customer versions written twice with different values")
                    .isZero();
        }
    }

    /** Per customer, its row of {@code customer_directory FINAL} as {@link #DIRECTORY_COLUMNS}. */
    private Map<String, String> directory() {
        try (var ch = stack.clickHouse()) {
            return ch
                    .rows(
                            "SELECT customer_id, "
                                    + DIRECTORY_COLUMNS
                                    + " FROM customer_directory FINAL")
                    .stream()
                    .collect(
                            Collectors.toMap(
                                    r -> r.get("customer_id"),
                                    r ->
                                            r.entrySet().stream()
                                                    .filter(e -> !e.getKey().equals("customer_id"))
                                                    .map(Map.Entry::getValue)
                                                    .collect(Collectors.joining("|")),
                                    (a, b) -> a,
                                    TreeMap::new));
        }
    }

    /** Per customer, the row its newest version makes, as {@link #directory()} reads it. */
    private Map<String, String> expectedDirectory() {
        Map<String, String> rows = new TreeMap<>();
        newestCustomers.forEach(
                (id, customer) -> {
                    DirectoryRow r = DirectoryRow.of(customer);
                    rows.put(
                            id,
                            Stream.of(
                                            r.meterId(),
                                            r.gridId(),
                                            r.stationId(),
                                            r.county(),
                                            r.transformerArea(),
                                            r.areaType(),
                                            r.segment(),
                                            r.readIntervalMinutes(),
                                            r.hasPhone(),
                                            r.contactVerified(),
                                            r.smsBound(),
                                            r.wechatBound(),
                                            r.prepaymentAgreement(),
                                            r.autoDebitAgreement(),
                                            r.active(),
                                            r.version())
                                    .map(String::valueOf)
                                    .collect(Collectors.joining("|")));
                });
        return rows;
    }

    private void assertReconnectExact() {
        List<String> sent = sentCommands();
        Set<String> expected = expectedCommandIds();
        figures.put("reconnect_commands_expected", expected.size());
        figures.put("reconnect_command_records", sent.size());
        figures.put("payments", paymentRows());
        assertThat(expected).as("the city has cases to reconnect").isNotEmpty();
        assertThat(new HashSet<>(sent))
                .as("reconnect command ids sent = the ground truth's")
                .isEqualTo(expected);
        assertThat(paymentRows())
                .as("payments FINAL = the payments simulated")
                .isEqualTo(expectedPayments());
    }

    private void assertMetersExact() {
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
     * Per job of the run and per input topic it reads, for a run that never restarted: the records
     * on the topic equal those the job counted in {@code job_metrics}, its stream and its dead
     * letters ({@code in = processed + rejected + late + quarantined}).
     */
    void assertEveryRecordAccounted() throws Exception {
        Map<String, String> accounted = new TreeMap<>();
        for (String job : jobs) {
            List<String> topics;
            try (var ch = stack.clickHouse()) {
                topics =
                        ch
                                .rows(
                                        "SELECT DISTINCT stream FROM job_metrics FINAL WHERE job = '"
                                                + job
                                                + "' AND NOT endsWith(stream, '-dlq')")
                                .stream()
                                .map(r -> r.get("stream"))
                                .sorted()
                                .toList();
            }
            assertThat(topics).as(job + "'s input streams in job_metrics").contains(JOBS.get(job));
            for (String topic : topics) {
                long in = endOffsets(stack.topic(topic));
                long[] counted = new long[1];
                await(
                        () -> {
                            counted[0] = countedInJobMetrics(job, topic);
                            return counted[0] == in;
                        },
                        Duration.ofSeconds(30),
                        job + " counts every record of " + topic + " in job_metrics");
                accounted.put(job + "/" + topic, String.valueOf(in));
            }
        }
        figures.put("records_accounted", accounted.toString());
    }

    /**
     * Reads counted in {@code job_metrics} in windows that began after {@code since}, once two
     * readings a window apart agree.
     */
    long readsSince(Instant since) throws InterruptedException {
        return countedSince(Topics.METER_READS, false, since);
    }

    /**
     * Records of {@code topic} (and, {@code withDeadLetters}, of its dead letters) the consumption
     * job counted in {@code job_metrics} in windows that began after {@code since}, once two
     * readings a window apart agree: what a run started after {@code since} read.
     */
    long countedSince(String topic, boolean withDeadLetters, Instant since)
            throws InterruptedException {
        long window = io.gridpulse.common.metrics.JobMetrics.WINDOW.toSeconds();
        String select =
                "SELECT sum(r) FROM (SELECT stream, subtask, max(records_total) AS r FROM job_metrics"
                        + " FINAL WHERE job = '"
                        + JOB
                        + "' AND stream IN ('"
                        + topic
                        + "', '"
                        + (withDeadLetters ? topic + "-dlq" : topic)
                        + "') AND window_start >= "
                        + since.getEpochSecond() / window * window
                        + " GROUP BY stream, subtask)";
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

    /**
     * Per input topic of the consumption job, across a restore: the records beyond the offsets of
     * the checkpoint or savepoint the run was restored from equal the records the restored run
     * counted, its stream and its dead letters (rejected and quarantined; late reads are among the
     * stream's): {@code in = processed + rejected + late + quarantined} with nothing lost and
     * nothing counted twice. Counters of the run before the restore are not needed: the
     * checkpoint's offsets are the line between the two runs.
     */
    void assertEveryTopicAccountedAfterRestore(Path checkpoint, Instant restoredAt)
            throws Exception {
        Map<TopicPartition, Long> restored = SavepointOffsets.of(checkpoint);
        Map<String, String> accounted = new TreeMap<>();
        for (String topic : List.of(Topics.METER_READS, Topics.CUSTOMERS, Topics.SWITCH_EVENTS)) {
            String name = stack.topic(topic);
            assertThat(restored.keySet())
                    .as(topic + "'s partitions in " + checkpoint)
                    .anyMatch(tp -> tp.topic().equals(name));
            long from =
                    restored.entrySet().stream()
                            .filter(e -> e.getKey().topic().equals(name))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
            long in = endOffsets(name) - from;
            long counted = countedSince(topic, true, restoredAt);
            accounted.put(topic, in + " in/" + counted + " counted");
            assertThat(counted)
                    .as(topic + ": records after the restored offsets = records the run counted")
                    .isEqualTo(in);
        }
        figures.put("accounted_after_restore", accounted.toString());
    }

    long countedInJobMetrics(String topic) {
        return countedInJobMetrics(JOB, topic);
    }

    /** Records of {@code topic} and its dead letters that {@code job} counted in job_metrics. */
    long countedInJobMetrics(String job, String topic) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(
                    ch.value(
                            "SELECT sum(r) FROM (SELECT stream, subtask, max(records_total) AS r"
                                    + " FROM job_metrics FINAL WHERE job = '"
                                    + job
                                    + "' AND stream IN ('"
                                    + topic
                                    + "', '"
                                    + topic
                                    + "-dlq') GROUP BY stream, subtask)"));
        }
    }

    /**
     * Records on the jobs' input topics not yet committed by their consumer groups; unknown
     * (maximal) until each group has committed its main input.
     */
    long lag() {
        try (Admin admin = Admin.create(stack.kafka().clientProperties("drill-admin"))) {
            long lag = 0;
            for (String job : jobs) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(KafkaInputs.groupId(job))
                                .partitionsToOffsetAndMetadata()
                                .get();
                String prefix = stack.topic("");
                Map<TopicPartition, OffsetSpec> ours =
                        committed.keySet().stream()
                                .filter(tp -> tp.topic().startsWith(prefix))
                                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                String main = stack.topic(JOBS.get(job));
                if (ours.keySet().stream().noneMatch(tp -> tp.topic().equals(main))) {
                    return Long.MAX_VALUE;
                }
                for (var e : admin.listOffsets(ours).all().get().entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
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
