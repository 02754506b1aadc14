package io.gridpulse.replay;

import io.gridpulse.cli.Cli;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.KafkaSecurity;
import io.gridpulse.simulator.RecordSink;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code replay}: loads meter data a utility already has onto the {@code meter-reads} topic, keyed
 * by meter id, stamped with the read time. Three formats ({@link ReplayFormat}): register reads
 * ({@link MeterReadCsv}), energy per interval as CSV ({@link IntervalCsv}) and NEM12 ({@link
 * Nem12}); interval energy becomes register reads ({@link SyntheticRegisters}) that continue each
 * meter's newest read on the topic ({@link NewestReads}). The whole file is checked first; if any
 * line is bad, the problems are listed and nothing is sent. Exit codes: 0 done, 1 Kafka failed, 2
 * bad options or a refused file.
 */
@Command(
        name = "replay",
        description = {
            "Loads meter data exported by a utility onto the meter-reads topic. The whole file is"
                    + " checked first: a bad line is reported as 'line N: <column> '<value>' ...'"
                    + " (the first line is line 1) and nothing is sent (exit 2).",
            "Formats (--format, or detected from the first line):",
            "  register  register reads: meter_id,read_time,total_kwh,source[,peak_kwh,flat_kwh,",
            "            valley_kwh,reverse_kwh]; refused when a meter's reads fall for more than a",
            "            fifth of its pairs (energy per interval: use --format interval)",
            "  interval  energy per interval: meter_id,interval_end,kwh,interval_minutes[,source]",
            "  nem12     AEMO NEM12: 200/300/400/500 records (100/900 optional), days in NEM time",
            "            (UTC+10) unless --zone; quality A is AMI, E/S/F estimated, N left out",
            "Interval energy becomes a register per meter continuing the meter's newest read on the",
            "topic; intervals up to that read were sent before and are skipped as duplicates.",
            "Times: ISO-8601 with an offset (2026-03-02T00:15:00Z, 2026-03-02T10:15:00+10:00);",
            "local times need --zone. Formats in detail: docs/replay.md",
            ""
        },
        footer = {
            "",
            "Example:",
            "  ./gridpulse replay testdata/meter-reads-sample.csv            # register reads",
            "  ./gridpulse replay testdata/interval-sample.csv               # energy per interval",
            "  ./gridpulse replay testdata/nem12-sample.csv                  # NEM12, NEM time",
            "  ./gridpulse replay export.csv --format interval --zone Europe/Berlin"
                    + "   # local times",
            "  ./gridpulse replay nem12.csv --zone Australia/Perth            # a NEM12 in WA time"
        })
public final class ReplayCommand implements Callable<Integer> {

    private static final int PROBLEMS_SHOWN = 20;

    @Spec private CommandSpec spec;

    @Mixin private Cli.Help help;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "the file of meter data")
    private Path file;

    @Option(names = "--csv", paramLabel = "FILE", description = "the file, as an option")
    private Path csvOption;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = ReplayFormat.Converter.class,
            completionCandidates = ReplayFormat.Names.class,
            description = "register, interval or nem12 (default: detected from the first line)")
    private ReplayFormat format;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            converter = ZoneConverter.class,
            description =
                    "zone of times without offset, e.g. +10:00 or Australia/Brisbane (NEM12"
                            + " default: +10:00, NEM time; CSV default: none, such times are"
                            + " refused)")
    private ZoneId zone;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "localhost:9092",
            description = "Kafka brokers (default ${DEFAULT-VALUE})")
    private String servers;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.METER_READS,
            description = "topic to write to (default ${DEFAULT-VALUE})")
    private String topic;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, RecordSink> sinks;
    private final Function<String, NewestReads> histories;
    private Supplier<Properties> kafkaSecurity = Properties::new;

    public ReplayCommand() {
        this(System.out, System.err, null, null);
    }

    private ReplayCommand(
            PrintStream out,
            PrintStream err,
            Function<String, RecordSink> sinks,
            Function<String, NewestReads> histories) {
        this.out = out;
        this.err = err;
        // null: the real Kafka, with the security this command is given
        this.sinks =
                sinks != null
                        ? sinks
                        : servers ->
                                new KafkaRecordSink(
                                        KafkaSecurity.over(
                                                KafkaRecordSink.producerProperties(servers),
                                                kafkaSecurity.get()),
                                        Function.identity());
        this.histories =
                histories != null
                        ? histories
                        : servers -> new KafkaNewestReads(servers, kafkaSecurity.get());
    }

    /**
     * The Kafka client security (protocol, SASL, TLS) of the {@code gridpulse} configuration, read
     * when the command runs; none by default.
     */
    public void useKafkaSecurity(Supplier<Properties> security) {
        this.kafkaSecurity = security;
    }

    public static void main(String[] args) {
        System.exit(new ReplayCommand().run(args));
    }

    /**
     * With the real Kafka: sent to and read back from the brokers of {@code --bootstrap-servers}.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return new ReplayCommand(out, err, null, null).run(args);
    }

    /**
     * @param sinks opens the sink for the given bootstrap servers; topic names are used as given
     * @param history the reads already on the topic, where interval registers continue
     */
    static int run(
            String[] args,
            PrintStream out,
            PrintStream err,
            Function<String, RecordSink> sinks,
            NewestReads history) {
        return new ReplayCommand(out, err, sinks, servers -> history).run(args);
    }

    private int run(String[] args) {
        return Cli.of(this, out, err).execute(args);
    }

    @Override
    public Integer call() {
        Path path = path();
        try {
            ReplayFormat chosen = format != null ? format : ReplayFormat.detect(path);
            if (chosen == null) {
                err.println(
                        "replay: cannot tell the format of "
                                + path
                                + " from its first line: a CSV header with read_time (register)"
                                + " or interval_end (interval), or a NEM12 record (100 or 200)."
                                + " Give --format register|interval|nem12; nothing sent");
                return Cli.USAGE;
            }
            err.println(
                    "replay: "
                            + path
                            + " as "
                            + chosen.cliName()
                            + (format == null ? " (detected)" : ""));
            return chosen == ReplayFormat.REGISTER ? registers(path) : intervals(path, chosen);
        } catch (IOException | CsvFormatException e) {
            err.println("replay: cannot read " + path + ": " + e.getMessage());
            return Cli.USAGE;
        } catch (KafkaException e) {
            err.println("replay: could not use Kafka at " + servers + ": " + e.getMessage());
            return Cli.FAILED;
        }
    }

    private int registers(Path path) throws IOException, CsvFormatException {
        List<String> problems = MeterReadCsv.validate(path, zone);
        if (!problems.isEmpty()) {
            return refuse(path, problems);
        }
        FallingRegisters registers = new FallingRegisters();
        MeterReadCsv.forEach(path, zone, registers::add);
        List<String> falling = registers.problems();
        if (!falling.isEmpty()) {
            falling.forEach(problem -> err.println(path + ": " + problem));
            err.println("replay: " + path + " is not a register file, nothing sent");
            return Cli.USAGE;
        }
        long sent;
        try (RecordSink sink = sinks.apply(servers)) {
            sent = MeterReadCsv.forEach(path, zone, read -> send(sink, topic, read));
            sink.flush();
        }
        out.printf("sent %,d meter reads from %s to topic %s%n", sent, path, topic);
        return Cli.OK;
    }

    private int intervals(Path path, ReplayFormat chosen) throws IOException {
        List<String> problems = new ArrayList<>();
        IntervalEnergy energy;
        if (chosen == ReplayFormat.NEM12) {
            Nem12.Result nem12 = Nem12.read(path, zone, problems::add);
            nem12.notes().forEach(note -> err.println(path + ": " + note));
            energy = nem12.energy();
        } else {
            energy = IntervalCsv.read(path, zone, problems::add);
        }
        if (!problems.isEmpty()) {
            return refuse(path, problems);
        }
        if (energy.intervals() == 0) {
            err.println("replay: " + path + " holds no interval of consumption, nothing sent");
            return Cli.USAGE;
        }
        long started = System.nanoTime();
        Map<String, NewestReads.Newest> newest =
                histories.apply(servers).of(topic, energy.meterIds());
        err.printf(
                "replay: %d of the file's %d meters have reads on topic %s already; their"
                        + " registers continue from the newest (read back in %.1f s)%n",
                newest.size(),
                energy.meterIds().size(),
                topic,
                (System.nanoTime() - started) / 1e9);
        SyntheticRegisters.Outcome check = SyntheticRegisters.walk(energy, newest, topic, r -> {});
        if (!check.problems.isEmpty()) {
            return refuse(path, check.problems);
        }
        try (RecordSink sink = sinks.apply(servers)) {
            SyntheticRegisters.walk(energy, newest, topic, read -> send(sink, topic, read));
            sink.flush();
        }
        check.alreadySent.forEach(
                (meter, skipped) ->
                        err.printf(
                                "replay: meter %s: %,d intervals end at or before its newest read"
                                        + " on the topic (%s): duplicates, skipped%n",
                                meter, skipped[0], Instant.ofEpochMilli(skipped[1])));
        if (check.duplicatesInFile > 0) {
            err.printf(
                    "replay: %,d intervals appear twice in the file with the same energy: sent"
                            + " once%n",
                    check.duplicatesInFile);
        }
        out.printf(
                "sent %,d meter reads (%,d intervals of %d meters as registers, %,d start reads)"
                        + " from %s to topic %s%n",
                check.reads,
                check.intervals,
                energy.meterIds().size(),
                check.startReads,
                path,
                topic);
        return Cli.OK;
    }

    private int refuse(Path path, List<String> problems) {
        problems.stream()
                .limit(PROBLEMS_SHOWN)
                .forEach(problem -> err.println(path + ": " + problem));
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println("... and " + (problems.size() - PROBLEMS_SHOWN) + " more");
        }
        err.println("replay: " + problems.size() + " bad lines in " + path + ", nothing sent");
        return Cli.USAGE;
    }

    /** The file, given as the argument or with --csv, and readable. */
    private Path path() {
        if (file != null && csvOption != null) {
            throw new ParameterException(
                    spec.commandLine(), "give the file once: replay FILE or --csv FILE");
        }
        Path path = file != null ? file : csvOption;
        if (path == null) {
            throw new ParameterException(
                    spec.commandLine(), "FILE is required: replay FILE (or --csv FILE)");
        }
        if (!Files.isReadable(path)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + path);
        }
        return path;
    }

    private static void send(RecordSink sink, String topic, MeterRead read) {
        sink.send(topic, read.getMeterId(), read, read.getReadTime().toEpochMilli());
    }

    /** {@code --zone}: an offset ({@code +10:00}) or a region ({@code Australia/Brisbane}). */
    static final class ZoneConverter implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                throw new TypeConversionException(
                        "'"
                                + value
                                + "' is not a zone: an offset like +10:00 or a region like"
                                + " Australia/Brisbane");
            }
        }
    }
}
