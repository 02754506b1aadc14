package io.gridpulse.replay;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.simulator.Flags;
import io.gridpulse.simulator.KafkaRecordSink;
import io.gridpulse.simulator.RecordSink;
import io.gridpulse.simulator.UsageException;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;

/**
 * Command line: loads meter reads a utility already has (see {@link MeterReadCsv} for the format)
 * onto the {@code meter-reads} topic, keyed by meter id, stamped with the read time. The whole file
 * is checked first; if any line is bad, the problems are listed and nothing is sent. Exit codes: 0
 * done, 1 Kafka failed, 2 bad flags or a bad file.
 */
public final class ReplayCommand {

    static final String USAGE =
            """
            Usage: ReplayCommand --csv FILE [--bootstrap-servers HOST:PORT] [--topic TOPIC]
              --csv FILE                     meter reads: header meter_id,read_time,total_kwh,source
                                             [,peak_kwh,flat_kwh,valley_kwh,reverse_kwh]
              --bootstrap-servers HOST:PORT  Kafka brokers (default localhost:9092)
              --topic TOPIC                  topic to write to (default meter-reads)
            """;

    private static final Set<String> FLAGS = Set.of("csv", "bootstrap-servers", "topic");
    private static final int PROBLEMS_SHOWN = 20;

    private ReplayCommand() {}

    public static void main(String[] args) {
        System.exit(
                run(
                        args,
                        System.out,
                        System.err,
                        servers -> new KafkaRecordSink(servers, Function.identity())));
    }

    /**
     * @param sinks opens the sink for the given bootstrap servers; topic names are used as given
     */
    static int run(
            String[] args, PrintStream out, PrintStream err, Function<String, RecordSink> sinks) {
        if (Flags.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        Path csv;
        String servers;
        String topic;
        try {
            Flags flags = Flags.parse(args, FLAGS);
            csv = Path.of(flags.required("csv"));
            servers = flags.string("bootstrap-servers", "localhost:9092");
            topic = flags.string("topic", Topics.METER_READS);
            if (!Files.isReadable(csv)) {
                throw new UsageException("--csv: cannot read " + csv);
            }
        } catch (UsageException e) {
            err.println("replay: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
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
                return 2;
            }
            FallingRegisters registers = new FallingRegisters();
            MeterReadCsv.forEach(csv, registers::add);
            List<String> falling = registers.problems();
            if (!falling.isEmpty()) {
                falling.forEach(problem -> err.println(csv + ": " + problem));
                err.println("replay: " + csv + " is not a register file, nothing sent");
                return 2;
            }
            long sent;
            try (RecordSink sink = sinks.apply(servers)) {
                sent = MeterReadCsv.forEach(csv, read -> send(sink, topic, read));
                sink.flush();
            }
            out.printf("sent %,d meter reads from %s to topic %s%n", sent, csv, topic);
            return 0;
        } catch (IOException | CsvFormatException e) {
            err.println("replay: cannot read " + csv + ": " + e.getMessage());
            return 2;
        } catch (KafkaException e) {
            err.println("replay: could not write to Kafka at " + servers + ": " + e.getMessage());
            return 1;
        }
    }

    private static void send(RecordSink sink, String topic, MeterRead read) {
        sink.send(topic, read.getMeterId(), read, read.getReadTime().toEpochMilli());
    }
}
