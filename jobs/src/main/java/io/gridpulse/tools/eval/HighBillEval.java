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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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
        readAll(
                kafka,
                Topics.BILLS,
                value -> {
                    Bill bill = decode(bills, value);
                    issued.putIfAbsent(
                            bill.getCustomerId() + "/" + bill.getPeriod(), bill.getIssuedAt());
                });
        List<HighBillScore.Message> messages = new ArrayList<>();
        AvroCodec<CustomerNotification> notifications = AvroCodec.of(CustomerNotification.class);
        readAll(
                kafka,
                Topics.CUSTOMER_NOTIFICATIONS,
                value -> {
                    CustomerNotification n = decode(notifications, value);
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
        List<HighBillScore.Label> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = List.of(in.readLine().split(","));
            int customer = header.indexOf("customer_id");
            int period = header.indexOf("period");
            int end = header.indexOf("period_end");
            int high = header.indexOf("high");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // no field of these columns holds a comma or a quote
                String[] f = line.split(",", -1);
                labels.add(
                        new HighBillScore.Label(
                                f[customer],
                                f[period],
                                LocalDate.parse(f[end]),
                                Boolean.parseBoolean(f[high])));
            }
        }
        return labels;
    }

    static <T extends org.apache.avro.specific.SpecificRecord> T decode(
            AvroCodec<T> codec, byte[] value) {
        try {
            return codec.decode(value);
        } catch (UnreadableRecordException e) {
            throw new IllegalStateException("unreadable record on the topic: " + e.getMessage(), e);
        }
    }

    static void readAll(KafkaSettings kafka, String topic, Consumer<byte[]> each) {
        Properties p = kafka.clientProperties("gridpulse-eval");
        p.put("group.id", "gridpulse-eval-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        try (var consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(kafka.topic(topic)).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end in 2 min");
                }
                consumer.poll(Duration.ofMillis(200))
                        .forEach(
                                r -> {
                                    if (r.value() != null) {
                                        each.accept(r.value());
                                    }
                                });
            }
        }
    }
}
