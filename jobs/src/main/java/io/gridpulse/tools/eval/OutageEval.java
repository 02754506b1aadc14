package io.gridpulse.tools.eval;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationKind;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code eval outages}: scores the rows of {@code outages}, the outage messages on {@code
 * customer-notifications} and the MISSING_READS cases of {@code consumption_anomalies} against the
 * simulator's {@code outages.csv} (see {@link OutageScore}).
 */
public final class OutageEval {

    private OutageEval() {}

    public static int run(GridPulseConfig config, Path truthDir, Path json, PrintStream out)
            throws IOException {
        List<OutageScore.Label> labels = labels(truthDir.resolve("outages.csv"));
        List<OutageScore.Inferred> inferred = new ArrayList<>();
        List<OutageScore.Case> cases = new ArrayList<>();
        try (var ch =
                ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-eval")) {
            for (Map<String, String> r :
                    ch.rows(
                            "SELECT outage_id, transformer_area, toUInt32(opened_at) AS opened,"
                                    + " toUInt32(detected_at) AS detected,"
                                    + " toUInt32(ifNull(closed_at, toDateTime(0, 'UTC'))) AS closed,"
                                    + " status, cause FROM outages FINAL")) {
                inferred.add(
                        new OutageScore.Inferred(
                                r.get("outage_id"),
                                r.get("transformer_area"),
                                seconds(r.get("opened")),
                                seconds(r.get("detected")),
                                seconds(r.get("closed")),
                                r.get("status"),
                                r.get("cause")));
            }
            for (Map<String, String> r :
                    ch.rows(
                            "SELECT meter_id, toUInt32(read_time) AS opened,"
                                    + " toUInt32(ifNull(closed_at, read_time)) AS closed, outage_id"
                                    + " FROM consumption_anomalies FINAL WHERE rule = 'MISSING_READS'")) {
                cases.add(
                        new OutageScore.Case(
                                r.get("meter_id"),
                                seconds(r.get("opened")),
                                seconds(r.get("closed")),
                                r.get("outage_id")));
            }
        }
        List<OutageScore.Notice> notices = new ArrayList<>();
        AvroCodec<CustomerNotification> codec = AvroCodec.of(CustomerNotification.class);
        EvalTopics.readAll(
                KafkaSettings.from(config),
                Topics.CUSTOMER_NOTIFICATIONS,
                value -> {
                    CustomerNotification n = EvalTopics.decode(codec, value);
                    if (n.getKind() == NotificationKind.OUTAGE_STARTED
                            || n.getKind() == NotificationKind.POWER_RESTORED) {
                        notices.add(
                                new OutageScore.Notice(
                                        n.getNotificationId(),
                                        n.getCustomerId(),
                                        n.getKind().name(),
                                        n.getOutageId(),
                                        n.getCreatedAt().toEpochMilli()));
                    }
                });
        OutageScore score = OutageScore.of(labels, inferred, notices, cases);
        out.printf(
                "outage inference against %s: %d labelled silences, %d inferred outages, %d outage"
                        + " messages%n",
                truthDir, labels.size(), inferred.size(), notices.size());
        out.print(score.summary());
        if (json != null) {
            Files.writeString(json, score.toJson() + "\n");
            out.println("  written: " + json);
        }
        return 0;
    }

    private static long seconds(String epochSeconds) {
        return Long.parseLong(epochSeconds) * 1000;
    }

    static List<OutageScore.Label> labels(Path csv) throws IOException {
        return TruthCsv.rows(csv).stream()
                .map(
                        r ->
                                new OutageScore.Label(
                                        r.get("outage_id"),
                                        r.get("cause"),
                                        r.get("scope"),
                                        r.get("transformer_area"),
                                        Instant.parse(r.get("from")).toEpochMilli(),
                                        Instant.parse(r.get("until")).toEpochMilli(),
                                        Integer.parseInt(r.get("customers")),
                                        Boolean.parseBoolean(r.get("observable")),
                                        new HashSet<>(List.of(r.get("meter_ids").split(";")))))
                .toList();
    }
}
