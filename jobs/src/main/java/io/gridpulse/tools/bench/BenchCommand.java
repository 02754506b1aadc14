package io.gridpulse.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridpulse.GridPulse;
import io.gridpulse.Jobs;
import io.gridpulse.cli.Cli;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.streams.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./gridpulse bench}: the consumption job's throughput next to the machine's ceiling, the
 * ClickHouse sink alone, the state and checkpoints of a large city per state backend, and watermark
 * alignment on a skewed replay. Benchmark tooling: the job jar's entry point never reaches it.
 * Expects the simulated city on {@code meter-reads} (the launcher puts it there).
 */
@Command(
        name = "bench",
        description = {
            "Throughput, sink, state and checkpoint figures on the simulated city found on"
                    + " meter-reads (./gridpulse bench simulates one on a stack of its own).",
            "bench reconnect: payment-to-command latency under background load."
        },
        subcommands = BenchCommand.Reconnect.class,
        footer = {
            "",
            "Example:",
            "  ./gridpulse bench --json .local/bench.json --state-meters 200000",
            "  ./gridpulse bench reconnect --json .local/bench-reconnect.json"
        })
public final class BenchCommand implements Callable<Integer> {

    /** What to measure, and how big. */
    public record Options(
            int stateMeters,
            long sinkRows,
            int skewMeters,
            List<String> backends,
            Path json,
            Path profileDir,
            Path reconnectJson,
            Duration settle,
            Path configFile,
            ReconnectLoad reconnectLoad) {}

    /**
     * The reconnect latency phase ({@link ReconnectBench}): meters and clearing payments,
     * background reads per second, niceness of the background job.
     */
    public record ReconnectLoad(int meters, int cases, int readsPerS, int backgroundNice) {

        static final ReconnectLoad DEFAULT = new ReconnectLoad(20_000, 200, 50_000, 10);
    }

    @Mixin private Cli.Help help;
    @Spec private CommandSpec spec;

    @Option(names = "--json", paramLabel = "FILE", description = "write the figures there")
    private Path json;

    @Option(
            names = "--state-meters",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "meters of the state and checkpoint benchmark (default ${DEFAULT-VALUE})")
    private int stateMeters;

    @Option(
            names = "--sink-rows",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "rows of the sink-alone benchmark (default ${DEFAULT-VALUE})")
    private long sinkRows;

    @Option(
            names = "--skew-meters",
            paramLabel = "N",
            defaultValue = "20000",
            description = "meters of the skewed replay (default ${DEFAULT-VALUE})")
    private int skewMeters;

    @Option(
            names = "--state-backends",
            paramLabel = "NAME",
            split = ",",
            defaultValue = "hashmap,rocksdb",
            description =
                    "state backends of the state and checkpoint benchmark (default ${DEFAULT-VALUE})")
    private List<String> stateBackends;

    @Option(
            names = "--profile",
            paramLabel = "DIR",
            description = "write the hot methods of the job run there")
    private Path profileDir;

    @Option(
            names = "--reconnect",
            paramLabel = "FILE",
            description =
                    "show the figures of this bench reconnect run (its --json) instead of measuring"
                            + " the reconnect latency in this run")
    private Path reconnectJson;

    @Override
    public Integer call() throws Exception {
        for (String backend : stateBackends) {
            if (!List.of("hashmap", "rocksdb").contains(backend)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--state-backends: '" + backend + "' is not hashmap or rocksdb");
            }
        }
        Options o =
                new Options(
                        stateMeters,
                        sinkRows,
                        skewMeters,
                        stateBackends,
                        json,
                        profileDir,
                        reconnectJson,
                        Duration.ofSeconds(3),
                        GridPulse.configFile(spec),
                        reconnectJson == null ? ReconnectLoad.DEFAULT : null);
        Map<String, Object> figures = run(GridPulse.config(spec), o, System.err);
        printTable(figures, System.out);
        // figures that were asked for and not measured: the run did not do its job
        return figures.keySet().stream().anyMatch(k -> k.endsWith("_not_measured"))
                ? Cli.FAILED
                : Cli.OK;
    }

    /** {@code bench reconnect}: see {@link ReconnectBench}. */
    @Command(
            name = "reconnect",
            description =
                    "Time from a clearing payment written to Kafka to its reconnect command, under"
                            + " background meter reads, in topics and a database of its own.",
            footer = {"", "Example:", "  ./gridpulse bench reconnect --json .local/reconnect.json"})
    static final class Reconnect implements Callable<Integer> {

        @Mixin private Cli.Help help;
        @Spec private CommandSpec spec;

        @Option(names = "--json", paramLabel = "FILE", description = "write the figures there")
        private Path json;

        @Option(
                names = "--meters",
                paramLabel = "N",
                defaultValue = "20000",
                description = "meters sending background reads (default ${DEFAULT-VALUE})")
        private int meters;

        @Option(
                names = "--cases",
                paramLabel = "N",
                defaultValue = "200",
                description = "clearing payments measured, at least 100 (default ${DEFAULT-VALUE})")
        private int cases;

        @Option(
                names = "--reads-per-s",
                paramLabel = "N",
                defaultValue = "50000",
                description = "background meter reads per second (default ${DEFAULT-VALUE})")
        private int readsPerS;

        @Option(
                names = "--background-nice",
                paramLabel = "N",
                defaultValue = "10",
                description =
                        "niceness of the consumption job's process, 0 to 19: bulk work behind the"
                                + " reconnect job, as its own TaskManager would be (default"
                                + " ${DEFAULT-VALUE})")
        private int backgroundNice;

        @Override
        public Integer call() throws Exception {
            return ReconnectBench.run(
                    GridPulse.configFile(spec), json, meters, cases, readsPerS, backgroundNice);
        }
    }

    /**
     * Measures everything and returns the figures: the keys of INTERFACES.md first, then the
     * details. Writes them as JSON when the options name a file.
     */
    public static Map<String, Object> run(GridPulseConfig config, Options o, PrintStream log)
            throws Exception {
        KafkaSettings kafka = KafkaSettings.from(config);
        long reads =
                TopicSetup.recordCounts(kafka, List.of(Topics.METER_READS)).get(Topics.METER_READS);
        if (reads == 0) {
            throw new ConfigException(
                    "no records on " + kafka.topic(Topics.METER_READS) + ": simulate a city first");
        }
        int parallelism = config.get(CommonKeys.PARALLELISM);
        int cores = Machine.cores();
        List<Figure> table = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();

        Ceiling.Rate ceiling;
        double jobSeconds;
        double sinkRowsPerS;
        SkewedReplay.Result skew;
        try (BenchCluster cluster = BenchCluster.start(new Configuration(), parallelism)) {
            log.printf("bench: ceiling, %,d reads with %d plain consumers%n", reads, parallelism);
            ceiling = Ceiling.measure(kafka, kafka.topic(Topics.METER_READS), parallelism);
            measured(
                    table,
                    log,
                    Figure.of(
                            "ceiling_reads_per_s",
                            "ceiling: plain consumers read + decode Avro",
                            ceiling.perSecond(),
                            "reads/s"));
            log.printf("bench: consumption job end to end on %,d reads%n", reads);
            jobSeconds =
                    EndToEnd.run(cluster, config, ConsumptionJob.JOB, o.profileDir()).seconds();
            double jobRate = reads / jobSeconds;
            measured(
                    table,
                    log,
                    Figure.of(
                            "job_reads_per_s",
                            "consumption job, Kafka -> ClickHouse",
                            jobRate,
                            "reads/s"));
            measured(
                    table,
                    log,
                    Figure.of(
                            "ratio_to_ceiling",
                            "  ratio to the ceiling",
                            jobRate / ceiling.perSecond(),
                            "x"));
            measured(
                    table,
                    log,
                    Figure.of(
                            "reads_per_s_per_core",
                            "  per core (" + cores + " cores)",
                            jobRate / cores,
                            "reads/s"));
            for (GridPulseJob other : Jobs.ALL) {
                if (other != ConsumptionJob.JOB) {
                    otherJob(cluster, config, kafka, other, table, log);
                }
            }
            log.printf("bench: ClickHouse sink alone, %,d rows%n", o.sinkRows());
            sinkRowsPerS = SinkAlone.run(cluster, config, o.sinkRows());
            measured(
                    table,
                    log,
                    Figure.of("sink_rows_per_s", "ClickHouse sink alone", sinkRowsPerS, "rows/s"));
            log.printf(
                    "bench: skewed replay, %,d once-a-day meters, without and with watermark alignment%n",
                    o.skewMeters());
            skew = SkewedReplay.run(cluster, config, o.skewMeters());
            measured(
                    table,
                    log,
                    Figure.of(
                            "alignment_unaligned_max_state_bytes",
                            "skewed replay, no alignment: largest state",
                            skew.maxStateBytesUnaligned(),
                            "bytes"));
            measured(
                    table,
                    log,
                    Figure.of(
                            "alignment_aligned_max_state_bytes",
                            "skewed replay, aligned ("
                                    + SkewedReplay.MAX_DRIFT.toMinutes()
                                    + " min drift): largest state",
                            skew.maxStateBytesAligned(),
                            "bytes"));
        }

        List<StateBench.Result> states = new ArrayList<>();
        Map<String, String> notMeasured = new LinkedHashMap<>();
        for (String backend : o.backends()) {
            log.printf("bench: state of %,d meters on %s%n", o.stateMeters(), backend);
            StateBench.Result r;
            try {
                r =
                        StateBench.run(
                                backend,
                                o.stateMeters(),
                                parallelism,
                                ExecutionSetup.checkpointDir(config, "bench-state-" + backend),
                                o.settle());
            } catch (Exception e) {
                // one backend's failure must not lose the figures of the others
                String reason = String.valueOf(e.getMessage());
                log.printf("bench: %s: not measured: %s%n", backend, reason);
                notMeasured.put(backend, reason);
                continue;
            }
            states.add(r);
            String p = backend + "_";
            measured(
                    table,
                    log,
                    Figure.of(
                            p + "state_bytes_per_meter",
                            backend + ": full state per meter",
                            r.stateBytesPerMeter(),
                            "bytes"));
            measured(
                    table,
                    log,
                    Figure.of(
                            p + "heap_bytes_per_meter",
                            backend + ": heap used per meter",
                            r.heapBytesPerMeter(),
                            "bytes"));
            measured(
                    table,
                    log,
                    Figure.of(
                            p + "first_checkpoint_s",
                            backend + ": first (full) checkpoint",
                            r.firstCheckpointSeconds(),
                            "s"));
            measured(
                    table,
                    log,
                    Figure.of(
                            p + "first_checkpoint_bytes",
                            backend + ":   its size",
                            r.firstCheckpointBytes(),
                            "bytes"));
            measured(
                    table,
                    log,
                    Figure.of(
                            p + "checkpoint_s",
                            backend + ": steady checkpoint",
                            r.steadyCheckpointSeconds(),
                            "s"));
            measured(
                    table,
                    log,
                    Figure.of(
                            p + "checkpoint_bytes",
                            backend + ":   its size",
                            r.steadyCheckpointBytes(),
                            "bytes"));
        }
        Path reconnectFigures = o.reconnectJson();
        if (o.reconnectLoad() != null) {
            ReconnectLoad load = o.reconnectLoad();
            log.printf(
                    "bench: reconnect latency, %d clearing payments under %,d background reads/s%n",
                    load.cases(), load.readsPerS());
            reconnectFigures = Files.createTempFile("gridpulse-bench-reconnect", ".json");
            try {
                if (ReconnectBench.run(
                                o.configFile(),
                                reconnectFigures,
                                load.meters(),
                                load.cases(),
                                load.readsPerS(),
                                load.backgroundNice())
                        != 0) {
                    notMeasured.put("reconnect", "fewer than 100 commands were read back");
                }
            } catch (Exception e) {
                log.printf("bench: reconnect: not measured: %s%n", e.getMessage());
                notMeasured.put("reconnect", String.valueOf(e.getMessage()));
            }
        }
        double jobRate = reads / jobSeconds;
        json.put("ceiling_reads_per_s", ceiling.perSecond());
        json.put("job_reads_per_s", jobRate);
        json.put("ratio_to_ceiling", jobRate / ceiling.perSecond());
        json.put("reads_per_s_per_core", jobRate / cores);
        json.put("sink_rows_per_s", sinkRowsPerS);
        if (!states.isEmpty()) {
            StateBench.Result chosen = defaultBackend(states);
            json.put("checkpoint_s", chosen.steadyCheckpointSeconds());
            json.put("checkpoint_bytes", chosen.steadyCheckpointBytes());
            json.put("state_bytes_per_meter", chosen.stateBytesPerMeter());
            json.put("meters", chosen.meters());
            json.put("state_backend", chosen.backend());
            json.put("first_checkpoint_s", chosen.firstCheckpointSeconds());
            json.put("first_checkpoint_bytes", chosen.firstCheckpointBytes());
        }
        notMeasured.forEach((backend, reason) -> json.put(backend + "_not_measured", reason));
        json.put("job_reads", reads);
        json.put("job_seconds", jobSeconds);
        json.put("cores", cores);
        json.put("parallelism", parallelism);
        for (Figure f : table) {
            json.putIfAbsent(f.key(), f.value());
        }
        json.put("alignment_records", skew.records());
        json.put("alignment_unaligned_s", skew.secondsUnaligned());
        json.put("alignment_aligned_s", skew.secondsAligned());
        Map<String, Double> loads = new LinkedHashMap<>();
        table.forEach(f -> loads.put(f.key(), f.load()));
        json.put("load_average", loads);
        json.put("table", table);
        // a file from another run: its load is not this run's
        addReconnect(
                reconnectFigures, o.reconnectLoad() != null ? Machine.load() : -1, json, table);
        if (o.reconnectLoad() != null) {
            Files.deleteIfExists(reconnectFigures);
        }
        if (o.json() != null) {
            Map<String, Object> out = new LinkedHashMap<>(json);
            out.remove("table");
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(o.json().toFile(), out);
            log.println("bench: figures written to " + o.json());
        }
        return json;
    }

    /**
     * Another job end to end on the same city: records per second over all of its inputs (each job
     * reads its own mix of topics, so its rate is not comparable to the ceiling of {@code
     * meter-reads}).
     */
    private static void otherJob(
            BenchCluster cluster,
            GridPulseConfig config,
            KafkaSettings kafka,
            GridPulseJob job,
            List<Figure> table,
            PrintStream log)
            throws Exception {
        log.printf("bench: %s job end to end%n", job.name());
        EndToEnd.Run run = EndToEnd.run(cluster, config, job, null);
        long records =
                TopicSetup.recordCounts(kafka, run.inputTopics()).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
        measured(
                table,
                log,
                Figure.of(
                        job.name().replace('-', '_') + "_records_per_s",
                        job.name() + " job: " + String.format("%,d", records) + " records in",
                        records / run.seconds(),
                        "records/s"));
    }

    /**
     * The state backend these figures choose: the one whose steady checkpoint of the large city is
     * shorter, since checkpoint time is what grows with the number of meters.
     */
    static StateBench.Result defaultBackend(List<StateBench.Result> states) {
        return states.stream()
                .min(
                        (a, b) ->
                                Double.compare(
                                        a.steadyCheckpointSeconds(), b.steadyCheckpointSeconds()))
                .orElseThrow(() -> new ConfigException("no state backend measured"));
    }

    /** The reconnect benchmark's figures ({@code bench reconnect --json FILE}), where present. */
    private static void addReconnect(
            Path file, double load, Map<String, Object> json, List<Figure> table)
            throws java.io.IOException {
        if (file == null || !Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        Map<?, ?> reconnect = new ObjectMapper().readValue(file.toFile(), Map.class);
        for (String key : List.of("p50_ms", "p99_ms", "max_ms", "background_reads_per_s")) {
            if (reconnect.get(key) instanceof Number n) {
                boolean latency = key.endsWith("_ms");
                table.add(
                        new Figure(
                                "reconnect_" + key,
                                latency
                                        ? "reconnect latency " + key.replace("_ms", "")
                                        : "  reconnect: background reads measured",
                                n.doubleValue(),
                                latency ? "ms" : "reads/s",
                                load));
                json.put("reconnect_" + key, n.doubleValue());
            }
        }
    }

    /** Keeps a figure and logs it at once: a later failure does not lose what was measured. */
    private static void measured(List<Figure> table, PrintStream log, Figure figure) {
        table.add(figure);
        log.println("bench: " + figure.row().strip());
    }

    @SuppressWarnings("unchecked")
    static void printTable(Map<String, Object> figures, PrintStream out) {
        out.printf("%-62s %16s %-8s %s%n", "figure", "value", "unit", "load (1 min)");
        for (Figure f : (List<Figure>) figures.get("table")) {
            out.println(f.row());
        }
        figures.forEach(
                (key, reason) -> {
                    if (key.endsWith("_not_measured")) {
                        out.printf(
                                "%s: not measured: %s%n",
                                key.substring(0, key.length() - "_not_measured".length()), reason);
                    }
                });
        if (figures.containsKey("state_backend")) {
            out.printf(
                    "state backend these figures choose: %s (shorter steady checkpoint of %,d meters)%n",
                    figures.get("state_backend"), figures.get("meters"));
        }
    }
}
