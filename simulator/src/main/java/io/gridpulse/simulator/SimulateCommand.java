package io.gridpulse.simulator;

import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;

/**
 * Command line: simulates the city into Kafka and optionally writes the ground truth. Exit codes: 0
 * done, 1 the run failed (e.g. Kafka unreachable), 2 bad flags.
 */
public final class SimulateCommand {

    static final String USAGE =
            """
            Usage: SimulateCommand [flags]
              --bootstrap-servers HOST:PORT  Kafka brokers (default localhost:9092)
              --meters N                     meters in the city, %d to %d (default 2000)
              --days N                       simulated days, 1 to %d (default 3)
              --seed N                       seed; the same seed gives the same records (default 42)
              --start INSTANT                first instant, on a 15-minute boundary (default %s)
              --mode fast|realtime           as fast as possible, or paced by --speed (default fast)
              --speed X                      realtime mode: simulated seconds per wall second (default 60)
                                             realtime mode also stands in for the head-end: it answers
                                             GridPulse's reconnect-commands with switch events
              --truth-dir DIR                write the ground truth CSV files there
              --topic-prefix PREFIX          write to PREFIX + topic name, e.g. a fresh set of topics
            """
                    .formatted(
                            SimulationConfig.MIN_METERS,
                            SimulationConfig.MAX_METERS,
                            SimulationConfig.MAX_DAYS,
                            SimulationConfig.DEFAULT_START);

    private static final Set<String> FLAGS =
            Set.of(
                    "bootstrap-servers",
                    "meters",
                    "days",
                    "seed",
                    "start",
                    "mode",
                    "speed",
                    "truth-dir",
                    "topic-prefix");

    private SimulateCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Flags.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        SimulationConfig config;
        Pacing pacing;
        String bootstrapServers;
        String prefix;
        Path truthDir;
        try {
            Flags flags = Flags.parse(args, FLAGS);
            bootstrapServers = flags.string("bootstrap-servers", "localhost:9092");
            config = config(flags);
            boolean realTime =
                    flags.choice("mode", "fast", Set.of("fast", "realtime")).equals("realtime");
            double speed = flags.positiveNumber("speed", 60);
            pacing = realTime ? Pacing.realTime(speed) : Pacing.FAST;
            prefix = flags.string("topic-prefix", "");
            truthDir = flags.optional("truth-dir").map(Path::of).orElse(null);
        } catch (UsageException e) {
            err.println("simulate: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Function<String, String> topicName = topic -> prefix + topic;
        noteBrokerTimestampLimits(config, err);
        long startNanos = System.nanoTime();
        GroundTruth truth;
        try (KafkaRecordSink sink = new KafkaRecordSink(bootstrapServers, topicName);
                HeadEndStandIn headEnd =
                        pacing != Pacing.FAST
                                ? new HeadEndStandIn(
                                        bootstrapServers,
                                        topicName.apply(Topics.RECONNECT_COMMANDS))
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
            return 1;
        } catch (KafkaException e) {
            err.println(
                    "simulate: could not write to Kafka at "
                            + bootstrapServers
                            + ": "
                            + e.getMessage());
            return 1;
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
                return 1;
            }
            out.println("ground truth written to " + truthDir);
        }
        return 0;
    }

    private static SimulationConfig config(Flags flags) throws UsageException {
        int meters =
                flags.integer(
                        "meters", 2000, SimulationConfig.MIN_METERS, SimulationConfig.MAX_METERS);
        int days = flags.integer("days", 3, 1, SimulationConfig.MAX_DAYS);
        long seed = flags.longInteger("seed", 42);
        try {
            return new SimulationConfig(
                    meters, days, seed, flags.instant("start", SimulationConfig.DEFAULT_START));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--start: " + e.getMessage());
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
