package io.gridpulse.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.GridPulse;
import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.Migrations;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeChannel;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bench reconnect}: the time from a clearing payment being written to Kafka to its reconnect
 * command being readable from {@code reconnect-commands}, on the real broker, with the consumption
 * and reconnect jobs running and background meter reads flowing through them.
 *
 * <p>It runs in topics and a database of its own ({@code bench-<time>.} prefix, {@code
 * gridpulse_bench_<time>}), so the demo's data is never touched; both are deleted at the end.
 */
public final class ReconnectBench {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    /** The figures, as {@code --json} writes them. */
    public record Result(
            double p50Ms,
            double p99Ms,
            double maxMs,
            double backgroundReadsPerS,
            int commands,
            int meters,
            int targetReadsPerS,
            List<Stage> stages,
            Machine.Share machine,
            double reconnectJobCores,
            double consumptionJobCores) {}

    /**
     * One leg of a payment's path, timed from the broker's append times ({@code LogAppendTime} on
     * {@code payments} and {@code reconnect-commands}), so the total splits into broker and job.
     */
    public record Stage(String name, double p50Ms, double p99Ms, double maxMs) {}

    /** Wall-clock milestones of one clearing payment, epoch milliseconds. */
    private static final class Milestones {
        volatile long sent;
        volatile long paymentAppended;
        volatile long acked;
        volatile long commandAppended;
        volatile long read;
    }

    private final Path configFile;
    private final Map<String, String> own;
    private final GridPulseConfig config;
    private final KafkaSettings kafka;
    private final int meters;
    private final int cases;
    private final int readsPerS;
    private final int backgroundNice;
    private final Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final Map<Class<?>, AvroCodec<?>> codecs = new ConcurrentHashMap<>();

    private ReconnectBench(
            Path configFile, int meters, int cases, int readsPerS, int backgroundNice)
            throws IOException {
        this.configFile = configFile;
        this.own = ownKeys();
        this.config = benchConfig(configFile, own);
        this.kafka = KafkaSettings.from(config);
        this.meters = meters;
        this.cases = cases;
        this.readsPerS = readsPerS;
        this.backgroundNice = backgroundNice;
    }

    /**
     * Measures and prints the latencies; writes them to {@code json} when given.
     *
     * @param configFile the properties file GridPulse was started with, may be null
     * @param backgroundNice niceness of the consumption job's process (0: same priority)
     * @return 0, or 1 when fewer than 100 commands were measured
     */
    public static int run(
            Path configFile, Path json, int meters, int cases, int readsPerS, int backgroundNice)
            throws Exception {
        if (cases < 100 || meters < cases * 2) {
            throw new ConfigException("bench needs --cases >= 100 and --meters >= 2 x cases");
        }
        if (backgroundNice < 0 || backgroundNice > 19) {
            throw new ConfigException("bench needs --background-nice between 0 and 19");
        }
        ReconnectBench bench =
                new ReconnectBench(configFile, meters, cases, readsPerS, backgroundNice);
        Result result = bench.measure();
        System.out.print(report(result));
        if (json != null) {
            Files.writeString(json, json(result));
            System.out.println("wrote " + json);
        }
        return result.commands() >= 100 ? 0 : 1;
    }

    private static String report(Result r) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "reconnect latency, clearing payment written -> command readable (%d"
                                + " commands): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                                + "background load: %.0f meter reads/s measured (%d asked) over %d"
                                + " meters%n"
                                + "where the time goes (broker append times; p50 / p99 / max ms):%n",
                        r.commands(),
                        r.p50Ms(),
                        r.p99Ms(),
                        r.maxMs(),
                        r.backgroundReadsPerS(),
                        r.targetReadsPerS(),
                        r.meters()));
        for (Stage s : r.stages()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-52s %8.1f %8.1f %8.1f%n",
                            s.name(),
                            s.p50Ms(),
                            s.p99Ms(),
                            s.maxMs()));
        }
        Machine.Share m = r.machine();
        out.append(
                String.format(
                        Locale.ROOT,
                        "cores busy while measuring: %.2f of %d; reconnect job %.2f, consumption"
                                + " job %.2f, load generator and reader %.2f (GC %.0f ms in %d"
                                + " collections), the rest: broker, ClickHouse, others%n",
                        m.machineBusyCores(),
                        Machine.cores(),
                        r.reconnectJobCores(),
                        r.consumptionJobCores(),
                        m.jvmCores(),
                        m.gcMs(),
                        m.gcCount()));
        return out.toString();
    }

    private static String json(Result r) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50_ms", r.p50Ms());
        figures.put("p99_ms", r.p99Ms());
        figures.put("max_ms", r.maxMs());
        figures.put("background_reads_per_s", Math.round(r.backgroundReadsPerS()));
        figures.put("commands", r.commands());
        figures.put(
                "stages",
                r.stages().stream()
                        .map(
                                s ->
                                        Map.of(
                                                "stage", s.name(),
                                                "p50_ms", s.p50Ms(),
                                                "p99_ms", s.p99Ms(),
                                                "max_ms", s.maxMs()))
                        .toList());
        figures.put("machine_busy_cores", r.machine().machineBusyCores());
        figures.put("reconnect_job_cores", r.reconnectJobCores());
        figures.put("consumption_job_cores", r.consumptionJobCores());
        figures.put("load_generator_cores", r.machine().jvmCores());
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures)
                    + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A topic prefix, database and checkpoint folder of the bench's own. */
    private static Map<String, String> ownKeys() throws IOException {
        String id = "bench" + System.currentTimeMillis();
        Map<String, String> own = new HashMap<>();
        own.put("kafka.topic.prefix", id + ".");
        own.put("clickhouse.database", "gridpulse_" + id);
        own.put(
                "job.checkpoint.dir",
                Files.createTempDirectory("gridpulse-bench").toUri().toString());
        return own;
    }

    /** The configuration GridPulse was started with, the bench's own keys over it. */
    private static GridPulseConfig benchConfig(Path configFile, Map<String, String> own)
            throws IOException {
        Map<String, String> values = new HashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        }
        values.putAll(own);
        // the environment still says where the stack is; only the bench's own keys are fixed
        Map<String, String> environment = new HashMap<>(System.getenv());
        GridPulse.keys().stream()
                .filter(k -> own.containsKey(k.name()))
                .forEach(k -> environment.remove(k.environmentVariable()));
        return GridPulseConfig.from(values, "bench", environment, GridPulse.keys());
    }

    /**
     * Runs each job in a process of its own, as each has its own TaskManager in production: the
     * reconnect job at this process's priority, the consumption job (bulk work) {@code nice}-d by
     * {@code backgroundNice}.
     */
    private Result measure() throws Exception {
        TopicSetup.createMissing(kafka, config.get(CommonKeys.KAFKA_TOPIC_PARTITIONS));
        stampAppendTimes();
        Migrations.apply(ClickHouseSettings.from(config));
        Path logs = Files.createTempDirectory("gridpulse-bench-jobs");
        System.err.println("bench: the jobs' output goes to " + logs);
        try (JobProcess reconnect =
                        JobProcess.start(
                                ReconnectJob.NAME,
                                configFile,
                                own,
                                0,
                                "1g",
                                logs.resolve(ReconnectJob.NAME + ".log"));
                JobProcess consumption =
                        JobProcess.start(
                                ConsumptionJob.NAME,
                                configFile,
                                own,
                                backgroundNice,
                                "2g",
                                logs.resolve(ConsumptionJob.NAME + ".log"));
                KafkaProducer<byte[], byte[]> producer = producer()) {
            System.err.println(
                    "bench: jobs started (consumption at nice +"
                            + backgroundNice
                            + "); writing "
                            + meters
                            + " customers and "
                            + cases
                            + " cut-offs");
            writeCity(producer);
            awaitCases(reconnect);
            Result result = measureUnderLoad(producer, reconnect, consumption);
            reconnect.checkAlive();
            consumption.checkAlive();
            return result;
        } finally {
            TopicSetup.deleteAll(kafka);
            ClickHouseSettings clickHouse = ClickHouseSettings.from(config);
            try (var admin =
                    ClickHouseQueries.connect(
                            clickHouse.withDatabase("default"), "gridpulse-bench")) {
                admin.execute("DROP DATABASE IF EXISTS " + clickHouse.database());
            }
        }
    }

    /** The broker stamps both ends of the path: the stages then need no clock of the job's. */
    private void stampAppendTimes() throws Exception {
        AlterConfigOp appendTime =
                new AlterConfigOp(
                        new ConfigEntry("message.timestamp.type", "LogAppendTime"),
                        AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (String topic : List.of(Topics.PAYMENTS, Topics.RECONNECT_COMMANDS)) {
            changes.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic(topic)),
                    List.of(appendTime));
        }
        try (Admin admin = Admin.create(kafka.clientProperties("gridpulse-bench-admin"))) {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void writeCity(KafkaProducer<byte[], byte[]> producer) throws Exception {
        Instant noticeSent = start.minus(Duration.ofHours(3));
        Instant ordered = start.minus(Duration.ofHours(2));
        for (int i = 0; i < meters; i++) {
            send(producer, Topics.CUSTOMERS, customer(i), start.minusSeconds(3600 * 4));
        }
        for (int i = 0; i < cases; i++) {
            send(producer, Topics.BILLS, opening(i), start.minus(Duration.ofHours(4)));
            send(producer, Topics.NOTICES, notice(i, noticeSent), noticeSent);
            send(producer, Topics.SWITCH_EVENTS, cutOff(i, SwitchStage.ORDERED, ordered), ordered);
            send(
                    producer,
                    Topics.SWITCH_EVENTS,
                    cutOff(i, SwitchStage.EXECUTED, ordered.plusSeconds(60)),
                    ordered.plusSeconds(60));
        }
        producer.flush();
    }

    /** Waits until the reconnect job has opened every case, so the clearing finds them. */
    private void awaitCases(JobProcess reconnect) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        try (var ch =
                ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-bench")) {
            while (System.nanoTime() < deadline) {
                reconnect.checkAlive();
                String open = ch.value("SELECT count() FROM reconnect_cases FINAL");
                if (Long.parseLong(open) >= cases) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException(
                "the reconnect job did not open the " + cases + " cases in " + SETTLE);
    }

    private Result measureUnderLoad(
            KafkaProducer<byte[], byte[]> producer, JobProcess reconnect, JobProcess consumption)
            throws Exception {
        Map<String, Milestones> milestones = new ConcurrentHashMap<>();
        for (int i = 0; i < cases; i++) {
            milestones.put(customerId(i), new Milestones());
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong readsAcked = new AtomicLong();
        AtomicLong commandsRead = new AtomicLong();
        Thread commands =
                new Thread(() -> readCommands(milestones, commandsRead, running), "bench-commands");
        commands.start();
        KafkaProducer<byte[], byte[]> loadProducer = loadProducer();
        Thread load =
                new Thread(() -> backgroundReads(loadProducer, readsAcked, running), "bench-load");
        Thread.sleep(2000); // the command consumer is at the end of the topic
        long loadStart = System.nanoTime();
        long readsBefore = readsAcked.get();
        load.start();
        Thread.sleep(5000); // the jobs are under load before the first clearing payment
        Machine.Sample before = Machine.Sample.now();
        long reconnectCpu = reconnect.cpuNanos();
        long consumptionCpu = consumption.cpuNanos();
        try (KafkaProducer<byte[], byte[]> payments = producer()) {
            for (int i = 0; i < cases; i++) {
                String customer = customerId(i);
                Milestones m = milestones.get(customer);
                Instant at = Instant.now();
                m.sent = at.toEpochMilli();
                payments.send(
                        record(Topics.PAYMENTS, customer, payment(i, at), at),
                        (meta, error) -> {
                            if (error == null) {
                                m.acked = System.currentTimeMillis();
                                m.paymentAppended = meta.timestamp();
                            }
                        });
                Thread.sleep(100);
            }
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (commandsRead.get() < cases && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Machine.Share machine = Machine.Sample.now().since(before);
        double spanNanos = System.nanoTime() - before.wallNanos();
        double reconnectCores = (reconnect.cpuNanos() - reconnectCpu) / spanNanos;
        double consumptionCores = (consumption.cpuNanos() - consumptionCpu) / spanNanos;
        double seconds = (System.nanoTime() - loadStart) / 1e9;
        double readsPerSecond = (readsAcked.get() - readsBefore) / seconds;
        running.set(false);
        load.join();
        commands.join();
        loadProducer.close();
        List<Milestones> measured =
                milestones.values().stream().filter(m -> m.acked > 0 && m.read > 0).toList();
        List<Double> latencies = sorted(measured, m -> m.read - m.acked);
        return new Result(
                percentile(latencies, 0.50),
                percentile(latencies, 0.99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                readsPerSecond,
                latencies.size(),
                meters,
                readsPerS,
                List.of(
                        stage(
                                "payment sent -> appended by the broker",
                                measured,
                                m -> m.paymentAppended - m.sent),
                        stage(
                                "payment appended -> its command appended (the job)",
                                measured,
                                m -> m.commandAppended - m.paymentAppended),
                        stage(
                                "command appended -> read by a consumer",
                                measured,
                                m -> m.read - m.commandAppended),
                        stage(
                                "payment appended -> acknowledged to its producer",
                                measured,
                                m -> m.acked - m.paymentAppended)),
                machine,
                reconnectCores,
                consumptionCores);
    }

    private static List<Double> sorted(List<Milestones> measured, ToLongFunction<Milestones> span) {
        return measured.stream()
                .map(m -> (double) Math.max(0, span.applyAsLong(m)))
                .sorted()
                .toList();
    }

    private static Stage stage(
            String name, List<Milestones> measured, ToLongFunction<Milestones> span) {
        List<Double> ms = sorted(measured, span);
        return new Stage(
                name,
                percentile(ms, 0.50),
                percentile(ms, 0.99),
                ms.isEmpty() ? 0 : ms.get(ms.size() - 1));
    }

    private void readCommands(
            Map<String, Milestones> milestones, AtomicLong read, AtomicBoolean running) {
        Properties p = kafka.clientProperties("gridpulse-bench-commands");
        p.put("fetch.max.wait.ms", "5");
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        try (var consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions =
                    consumer.partitionsFor(kafka.topic(Topics.RECONNECT_COMMANDS)).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running.get()) {
                for (var r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    Milestones m;
                    try {
                        m = milestones.get(codec.decode(r.value()).getCustomerId());
                    } catch (Exception e) {
                        throw new IllegalStateException("unreadable command", e);
                    }
                    if (m != null && m.read == 0) {
                        m.commandAppended = r.timestamp();
                        m.read = now;
                        read.incrementAndGet();
                    }
                }
            }
        }
    }

    /** Meter reads of every meter in turn, at the asked rate, stamped with the wall clock. */
    private void backgroundReads(
            KafkaProducer<byte[], byte[]> producer, AtomicLong acked, AtomicBoolean running) {
        long perTick = Math.max(1, readsPerS / 100);
        long next = System.nanoTime();
        long sent = 0;
        long[] register = new long[meters];
        while (running.get()) {
            for (int k = 0; k < perTick; k++) {
                int m = (int) (sent++ % meters);
                register[m] += 250;
                Instant at = Instant.now();
                MeterRead read =
                        new MeterRead(
                                meterId(m),
                                at,
                                BigDecimal.valueOf(register[m], 3),
                                null,
                                null,
                                null,
                                null,
                                ReadSource.AMI,
                                List.of());
                producer.send(
                        record(Topics.METER_READS, meterId(m), read, at),
                        (meta, error) -> {
                            if (error == null) {
                                acked.incrementAndGet();
                            }
                        });
            }
            next += 10_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        producer.flush();
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = kafka.clientProperties("gridpulse-bench");
        p.put("linger.ms", "0");
        p.put("acks", "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The background load is throughput, not latency: batched, unlike the payments. */
    private KafkaProducer<byte[], byte[]> loadProducer() {
        Properties p = kafka.clientProperties("gridpulse-bench-load");
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(512 * 1024));
        p.put("acks", "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private <T extends SpecificRecord> void send(
            KafkaProducer<byte[], byte[]> producer, String topic, T value, Instant at) {
        producer.send(record(topic, keyOf(value), value, at));
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> ProducerRecord<byte[], byte[]> record(
            String topic, String key, T value, Instant at) {
        // one codec per type: building one per record made the load generator the bottleneck
        AvroCodec<T> codec =
                (AvroCodec<T>)
                        codecs.computeIfAbsent(value.getClass(), k -> AvroCodec.of((Class<T>) k));
        return new ProducerRecord<>(
                kafka.topic(topic),
                null,
                at.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8),
                codec.encode(value));
    }

    private static String keyOf(SpecificRecord value) {
        if (value instanceof SwitchEvent e) {
            return e.getMeterId();
        }
        return String.valueOf(value.get(value.getSchema().getField("customer_id").pos()));
    }

    private static String customerId(int i) {
        return String.format("BC-%06d", i);
    }

    private static String meterId(int i) {
        return String.format("BM-%06d", i);
    }

    private Customer customer(int i) {
        return Customer.newBuilder()
                .setCustomerId(customerId(i))
                .setGridId("BENCH")
                .setStationId("BENCH")
                .setCounty("BENCH")
                .setTransformerArea("BENCH-" + i / 100)
                .setMeterId(meterId(i))
                .setReadIntervalMinutes(15)
                .setUpdatedAt(start.minus(Duration.ofHours(4)))
                .build();
    }

    private Bill opening(int i) {
        return Bill.newBuilder()
                .setBillId("BB-" + i)
                .setCustomerId(customerId(i))
                .setPeriod("2026-01")
                .setKwh(new BigDecimal("300.000"))
                .setAmount(new BigDecimal("168.30"))
                .setIssuedAt(start.minus(Duration.ofHours(4)))
                .setDueDate(LocalDate.of(2026, 2, 1))
                .setOpeningBalance(true)
                .build();
    }

    private static Notice notice(int i, Instant sent) {
        return Notice.newBuilder()
                .setNoticeId("BN-" + i)
                .setCustomerId(customerId(i))
                .setKind(NoticeKind.DISCONNECTION)
                .setChannel(NoticeChannel.SMS)
                .setSentAt(sent)
                .setDelivered(true)
                .setDeliveredAt(sent.plusSeconds(30))
                .build();
    }

    private static SwitchEvent cutOff(int i, SwitchStage stage, Instant at) {
        return SwitchEvent.newBuilder()
                .setEventId("BE-" + stage + "-" + i)
                .setMeterId(meterId(i))
                .setCustomerId(customerId(i))
                .setAction(SwitchAction.DISCONNECT)
                .setStage(stage)
                .setReason(SwitchReason.ARREARS)
                .setEventTime(at)
                .build();
    }

    private static Payment payment(int i, Instant at) {
        return Payment.newBuilder()
                .setPaymentId("BP-" + i)
                .setCustomerId(customerId(i))
                .setAmount(new BigDecimal("168.30"))
                .setChannel(PaymentChannel.WECHAT)
                .setPaidAt(at)
                .build();
    }
}
