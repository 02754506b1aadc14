package io.gridpulse.replay;

import io.gridpulse.cli.Cli;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.RecordSink;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: loads meter reads a utility already has (see {@link MeterReadCsv} for the format)
 * onto the {@code meter-reads} topic, keyed by meter id, stamped with the read time. The whole file
 * is checked first; if any line is bad, the problems are listed and nothing is sent. Exit codes: 0
 * done, 1 Kafka failed, 2 bad options or a bad file.
 */
@Command(
        name = "replay",
        description = {
            "Loads meter reads exported as CSV onto the meter-reads topic. The whole file is checked"
                    + " first: a bad line is reported as 'line N: <column> '<value>' ...' (the"
                    + " header is line 1) and nothing is sent.",
            "Header: meter_id,read_time,total_kwh,source[,peak_kwh,flat_kwh,valley_kwh,reverse_kwh]"
        },
        footer = {"", "Example:", "  ./gridpulse replay testdata/meter-reads-sample.csv"})
public final class ReplayCommand implements Callable<Integer> {

    private static final int PROBLEMS_SHOWN = 20;

    @Spec private CommandSpec spec;

    @Mixin private Cli.Help help;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "the CSV file of meter reads")
    private Path file;

    @Option(names = "--csv", paramLabel = "FILE", description = "the CSV file, as an option")
    private Path csvOption;

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

    public ReplayCommand() {
        this(System.out, System.err, servers -> new KafkaRecordSink(servers, Function.identity()));
    }

    private ReplayCommand(PrintStream out, PrintStream err, Function<String, RecordSink> sinks) {
        this.out = out;
        this.err = err;
        this.sinks = sinks;
    }

    public static void main(String[] args) {
        System.exit(new ReplayCommand().run(args));
    }

    /**
     * @param sinks opens the sink for the given bootstrap servers; topic names are used as given
     */
    static int run(
            String[] args, PrintStream out, PrintStream err, Function<String, RecordSink> sinks) {
        return new ReplayCommand(out, err, sinks).run(args);
    }

    private int run(String[] args) {
        return Cli.of(this, out, err).execute(args);
    }

    @Override
    public Integer call() {
        Path csv = csv();
        try {
            List<String> problems = MeterReadCsv.validate(csv);
            if (!problems.isEmpty()) {
                problems.stream()
                        .limit(PROBLEMS_SHOWN)
                        .forEach(problem -> err.println(csv + ": " + problem));
                if (problems.size() > PROBLEMS_SHOWN) {
                    err.println("... and " + (problems.size() - PROBLEMS_SHOWN) + " more");
                }
                err.println(
                        "replay: " + problems.size() + " bad lines in " + csv + ", nothing sent");
                return Cli.USAGE;
            }
            FallingRegisters registers = new FallingRegisters();
            MeterReadCsv.forEach(csv, registers::add);
            List<String> falling = registers.problems();
            if (!falling.isEmpty()) {
                falling.forEach(problem -> err.println(csv + ": " + problem));
                err.println("replay: " + csv + " is not a register file, nothing sent");
                return Cli.USAGE;
            }
            long sent;
            try (RecordSink sink = sinks.apply(servers)) {
                sent = MeterReadCsv.forEach(csv, read -> send(sink, topic, read));
                sink.flush();
            }
            out.printf("sent %,d meter reads from %s to topic %s%n", sent, csv, topic);
            return Cli.OK;
        } catch (IOException | CsvFormatException e) {
            err.println("replay: cannot read " + csv + ": " + e.getMessage());
            return Cli.USAGE;
        } catch (KafkaException e) {
            err.println("replay: could not write to Kafka at " + servers + ": " + e.getMessage());
            return Cli.FAILED;
        }
    }

    /** The file, given as the argument or with --csv, and readable. */
    private Path csv() {
        if (file != null && csvOption != null) {
            throw new ParameterException(
                    spec.commandLine(), "give the file once: replay FILE or --csv FILE");
        }
        Path csv = file != null ? file : csvOption;
        if (csv == null) {
            throw new ParameterException(
                    spec.commandLine(), "--csv is required: replay FILE or --csv FILE");
        }
        if (!Files.isReadable(csv)) {
            throw new ParameterException(spec.commandLine(), "--csv: cannot read " + csv);
        }
        return csv;
    }

    private static void send(RecordSink sink, String topic, MeterRead read) {
        sink.send(topic, read.getMeterId(), read, read.getReadTime().toEpochMilli());
    }
}
