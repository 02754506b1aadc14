package io.gridpulse.tools.eval;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.highbill.HighBillKeys;
import io.gridpulse.schema.Bill;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationKind;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.streams.UnreadableRecordException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code eval highbill}: scores the alerts in {@code high_bill_alerts} and the messages on {@code
 * customer-notifications} against the simulator's {@code high_bills.csv}, with the bills' issue
 * times read from {@code bills}.
 */
public final class HighBillEval {

    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HighBillEval() {}

    public static int run(GridPulseConfig config, Path truthDir, Path json, PrintStream out)
            throws IOException, UnreadableRecordException {
        List<HighBillScore.Label> labels = labels(truthDir.resolve("high_bills.csv"));
        List<HighBillScore.Alert> alerts = new ArrayList<>();
        try (var ch =
                ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-eval")) {
            for (Map<String, String> row :
                    ch.rows(
                            "SELECT customer_id, period, toString(created_at) AS created_at"
                                    + " FROM high_bill_alerts FINAL")) {
                alerts.add(
                        new HighBillScore.Alert(
                                row.get("customer_id"),
                                row.get("period"),
                                LocalDateTime.parse(row.get("created_at"), CLICKHOUSE_TIME)
                                        .toInstant(ZoneOffset.UTC)));
            }
        }
        KafkaSettings kafka = KafkaSettings.from(config);
        Map<String, Instant> issued = new HashMap<>();
        AvroCodec<Bill> bills = AvroCodec.of(Bill.class);
        EvalTopics.readAll(
                kafka,
                Topics.BILLS,
                value -> {
                    Bill bill = EvalTopics.decode(bills, value);
                    issued.putIfAbsent(
                            bill.getCustomerId() + "/" + bill.getPeriod(), bill.getIssuedAt());
                });
        List<HighBillScore.Message> messages = new ArrayList<>();
        AvroCodec<CustomerNotification> notifications = AvroCodec.of(CustomerNotification.class);
        EvalTopics.readAll(
                kafka,
                Topics.CUSTOMER_NOTIFICATIONS,
                value -> {
                    CustomerNotification n = EvalTopics.decode(notifications, value);
                    if (n.getKind() == NotificationKind.HIGH_BILL) {
                        messages.add(new HighBillScore.Message(n.getCustomerId(), n.getPeriod()));
                    }
                });
        HighBillScore score =
                HighBillScore.of(
                        labels, alerts, messages, issued, config.get(HighBillKeys.COMPANY_ZONE));
        out.printf(
                "high-bill alerts against %s: %d billing periods inside the run, %d labelled high%n",
                truthDir, score.periods(), score.high());
        out.printf(
                "  alerts %d (true %d, false %d), missed %d, messages on the topic %d%n",
                score.alerts(),
                score.truePositives(),
                score.falsePositives(),
                score.falseNegatives(),
                messages.size());
        out.printf(
                "  precision %.3f  recall %.3f  duplicates %d  lead days p50 %.1f (min %.1f)%n",
                score.precision(),
                score.recall(),
                score.duplicates(),
                score.leadDaysP50(),
                score.leadDaysMin());
        if (json != null) {
            Files.writeString(json, score.toJson() + "\n");
            out.println("  written: " + json);
        }
        return 0;
    }

    static List<HighBillScore.Label> labels(Path csv) throws IOException {
        return TruthCsv.rows(csv).stream()
                .map(
                        r ->
                                new HighBillScore.Label(
                                        r.get("customer_id"),
                                        r.get("period"),
                                        LocalDate.parse(r.get("period_end")),
                                        Boolean.parseBoolean(r.get("high"))))
                .toList();
    }
}
