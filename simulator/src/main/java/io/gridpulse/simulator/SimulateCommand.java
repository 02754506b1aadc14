package io.gridpulse.simulator;

import io.gridpulse.cli.Cli;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code simulate}: simulates the city into Kafka and optionally writes the ground truth. Exit
 * codes: 0 done, 1 the run failed (e.g. Kafka unreachable), 2 bad options.
 */
@Command(
        name = "simulate",
        description = "Simulates a city's streams into Kafka, with its ground truth.",
        footer = {
            "",
            "Example:",
            "  ./gridpulse simulate --meters 100000 --days 1 --seed 7 --truth-dir .local/truth",
            "  ./gridpulse simulate --meters 2000 --days 3 --mode realtime --speed 60"
        })
public final class SimulateCommand implements Callable<Integer> {

    /** How fast simulated time runs. */
    enum Mode {
        fast,
        realtime
    }

    @Spec private CommandSpec spec;

    @Mixin private Cli.Help help;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "localhost:9092",
            description = "Kafka brokers (default ${DEFAULT-VALUE})")
    private String bootstrapServers;

    @Option(
            names = "--meters",
            paramLabel = "N",
            defaultValue = "2000",
            description = "meters in the city, 50 to 1000000 (default ${DEFAULT-VALUE})")
    private int meters;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "3",
            description = "simulated days, 1 to 366 (default ${DEFAULT-VALUE})")
    private int days;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "seed; the same seed gives the same records (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            defaultValue = "2026-03-02T00:00:00Z",
            converter = IsoInstant.class,
            description = "first instant, on a 15-minute boundary (default ${DEFAULT-VALUE})")
    private Instant start;

    @Option(
            names = "--mode",
            paramLabel = "fast|realtime",
            defaultValue = "fast",
            description =
                    "as fast as possible, or paced by --speed (default ${DEFAULT-VALUE}); realtime"
                            + " mode also stands in for the head-end: it answers GridPulse's"
                            + " reconnect-commands with switch events")
    private Mode mode;

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "60",
            description =
                    "realtime mode: simulated seconds per wall second (default ${DEFAULT-VALUE})")
    private double speed;

    @Option(
            names = "--truth-dir",
            paramLabel = "DIR",
            description = "write the ground truth CSV files there")
    private Path truthDir;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "write to PREFIX + topic name, e.g. a fresh set of topics")
    private String prefix;

    private final PrintStream out;
    private final PrintStream err;
    private Supplier<Properties> kafkaSecurity = Properties::new;

    public SimulateCommand() {
        this(System.out, System.err);
    }

    SimulateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.of(new SimulateCommand(out, err), out, err).execute(args);
    }

    /**
     * The Kafka client security (protocol, SASL, TLS) of the {@code gridpulse} configuration, read
     * when the command runs; none by default.
     */
    public void useKafkaSecurity(Supplier<Properties> security) {
        this.kafkaSecurity = security;
    }

    @Override
    public Integer call() {
        SimulationConfig config = config();
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw usage("--speed must be a positive number, got '" + plain(speed) + "'");
        }
        Pacing pacing = mode == Mode.realtime ? Pacing.realTime(speed) : Pacing.FAST;
        Function<String, String> topicName = topic -> prefix + topic;
        noteBrokerTimestampLimits(config, err);
        long startNanos = System.nanoTime();
        GroundTruth truth;
        Properties security = kafkaSecurity.get();
        try (KafkaRecordSink sink =
                        new KafkaRecordSink(
                                KafkaSecurity.over(
                                        KafkaRecordSink.producerProperties(bootstrapServers),
                                        security),
                                topicName);
                HeadEndStandIn headEnd =
                        pacing != Pacing.FAST
                                ? new HeadEndStandIn(
                                        bootstrapServers,
                                        topicName.apply(Topics.RECONNECT_COMMANDS),
                                        security)
                                : null) {
            truth =
                    new Simulator(config)
                            .run(
                                    sink,
                                    pacing,
                                    new ProgressPrinter(err),
                                    headEnd == null ? CommandInbox.NONE : headEnd);
            if (headEnd != null) {
                err.printf(
                        "simulate: the head-end stand-in answered %d reconnect commands (%d unreadable records)%n",
                        headEnd.received(), headEnd.unreadable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.FAILED;
        } catch (KafkaException e) {
            err.println(
                    "simulate: could not write to Kafka at "
                            + bootstrapServers
                            + ": "
                            + e.getMessage());
            return Cli.FAILED;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        printSummary(out, config, truth, topicName, seconds);
        if (truthDir != null) {
            try {
                truth.writeTo(truthDir);
            } catch (IOException e) {
                err.println(
                        "simulate: could not write the ground truth to "
                                + truthDir
                                + ": "
                                + e.getMessage());
                return Cli.FAILED;
            }
            out.println("ground truth written to " + truthDir);
        }
        return Cli.OK;
    }

    private SimulationConfig config() {
        checkRange("--meters", meters, SimulationConfig.MIN_METERS, SimulationConfig.MAX_METERS);
        checkRange("--days", days, 1, SimulationConfig.MAX_DAYS);
        try {
            return new SimulationConfig(meters, days, seed, start);
        } catch (IllegalArgumentException e) {
            throw usage("--start: " + e.getMessage());
        }
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usage(
                    option
                            + " must be a whole number from "
                            + min
                            + " to "
                            + max
                            + ", got '"
                            + value
                            + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** ISO-8601 instants, with a message that shows one. */
    static final class IsoInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an ISO-8601 instant like 2026-03-02T00:00:00Z");
            }
        }
    }

    /**
     * Kafka judges record timestamps against its own clock: with default topic settings, records
     * older than the retention (7 days) are deleted at once and records more than an hour ahead are
     * rejected. Simulated time is neither, so say so before the run rather than after.
     */
    private static void noteBrokerTimestampLimits(SimulationConfig config, PrintStream err) {
        Instant now = Instant.now();
        if (config.start().isBefore(now.minus(Duration.ofDays(7)))) {
            err.println(
                    "simulate: note: the run starts more than 7 days ago; unless the topics have retention.ms=-1,"
                            + " Kafka deletes its records right after writing them");
        }
        if (config.end().isAfter(now.plus(Duration.ofHours(1)))) {
            err.println(
                    "simulate: note: the run reaches "
                            + config.end()
                            + ", ahead of the clock; unless the topics"
                            + " raise message.timestamp.after.max.ms, Kafka rejects records over an hour in the future");
        }
    }

    private static void printSummary(
            PrintStream out,
            SimulationConfig config,
            GroundTruth truth,
            Function<String, String> topicName,
            double seconds) {
        out.printf(
                "simulated %,d meters (%,d customers) for %d days from %s, seed %d%n",
                config.meters(), config.customers(), config.days(), config.start(), config.seed());
        for (Map.Entry<String, Long> topic : truth.recordsByTopic().entrySet()) {
            out.printf("  %-22s %,12d%n", topicName.apply(topic.getKey()), topic.getValue());
        }
        out.printf("  %-22s %,12d%n", "total", truth.totalRecords());
        out.printf(
                "%d anomalies and %d service cases injected; wall time %.1f s, %,.0f records/s%n",
                truth.anomalies().size(),
                truth.serviceCases().size(),
                seconds,
                truth.totalRecords() / seconds);
    }
}
