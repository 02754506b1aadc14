package io.gridpulse.tools.eval;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.Customer;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval}: the detection quality of the consumption job's rules. Scores the cases in {@code
 * consumption_anomalies} against the simulator's labelled injections ({@code anomalies.csv} of the
 * ground truth), per rule, plus the false flags on meters nothing was injected into.
 */
public final class ValidationEval {

    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ValidationEval() {}

    public static int run(
            GridPulseConfig config, Path truthDir, int meters, int days, Path json, PrintStream out)
            throws IOException {
        ValidationScore score =
                score(
                        config,
                        labels(truthDir.resolve("anomalies.csv")),
                        outages(truthDir.resolve("outages.csv")),
                        meters,
                        days);
        out.printf(
                "consumption rules against %s: %,d meters over %d days%n", truthDir, meters, days);
        out.print(score.table());
        // every false case and every miss, with its evidence and the simulator's story: what to
        // read before changing a rule
        out.println("false cases:");
        score.falseCases().forEach(c -> out.println("  " + c));
        out.println("missed:");
        score.misses().forEach(m -> out.println("  " + m));
        if (json != null) {
            Files.writeString(json, score.toJson() + "\n");
            out.println("written: " + json);
        }
        return 0;
    }

    /** Scores what the job wrote to ClickHouse against the labels. */
    public static ValidationScore score(
            GridPulseConfig config,
            List<ValidationScore.Label> labels,
            List<ValidationScore.Outage> outages,
            int meters,
            int days) {
        List<ValidationScore.Detection> detections = new ArrayList<>();
        try (var ch =
                ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-eval")) {
            for (Map<String, String> row :
                    ch.rows(
                            "SELECT meter_id, rule, toString(read_time) AS opened,"
                                    + " toString(ifNull(closed_at, read_time)) AS closed,"
                                    + " isNull(closed_at) AS open, evidence"
                                    + " FROM consumption_anomalies FINAL")) {
                detections.add(
                        new ValidationScore.Detection(
                                row.get("meter_id"),
                                row.get("rule"),
                                clickHouseTime(row.get("opened")),
                                "1".equals(row.get("open"))
                                        ? ValidationScore.OPEN
                                        : clickHouseTime(row.get("closed")),
                                row.get("evidence")));
            }
        }
        return ValidationScore.of(
                labels,
                outages,
                detections,
                readIntervals(KafkaSettings.from(config)),
                meters,
                days);
    }

    /** The labels of {@code anomalies.csv}: meter_id, customer_id, rule, event_time, until, ... */
    static List<ValidationScore.Label> labels(Path csv) throws IOException {
        return TruthCsv.rows(csv).stream()
                .map(
                        r ->
                                new ValidationScore.Label(
                                        r.get("meter_id"),
                                        r.get("rule"),
                                        Instant.parse(r.get("event_time")),
                                        Instant.parse(r.get("until")),
                                        r.getOrDefault("detail", "")))
                .toList();
    }

    /**
     * The outages of {@code outages.csv} (none when the file is absent): cause, from, until,
     * meters.
     */
    static List<ValidationScore.Outage> outages(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        return TruthCsv.rows(csv).stream()
                .map(
                        r ->
                                new ValidationScore.Outage(
                                        r.get("cause"),
                                        Set.of(r.get("meter_ids").split(";")),
                                        Instant.parse(r.get("from")),
                                        Instant.parse(r.get("until"))))
                .toList();
    }

    /** Each meter's read interval from the customer data: the matching tolerance. */
    private static Map<String, Duration> readIntervals(KafkaSettings kafka) {
        Map<String, Duration> intervals = new HashMap<>();
        AvroCodec<Customer> customers = AvroCodec.of(Customer.class);
        EvalTopics.readAll(
                kafka,
                Topics.CUSTOMERS,
                value -> {
                    Customer c = EvalTopics.decode(customers, value);
                    if (c.getMeterId() != null && c.getReadIntervalMinutes() > 0) {
                        intervals.put(
                                c.getMeterId(), Duration.ofMinutes(c.getReadIntervalMinutes()));
                    }
                });
        return intervals;
    }

    private static Instant clickHouseTime(String value) {
        return LocalDateTime.parse(value, CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC);
    }
}
