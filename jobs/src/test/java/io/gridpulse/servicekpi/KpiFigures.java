package io.gridpulse.servicekpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeChannel;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.TicketKind;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.data.Offset;

/**
 * The service-KPI job's figures in ClickHouse, read with the documented query pattern as {@link
 * KpiReference} keys them, and the clock records that let a live job judge a month.
 */
public final class KpiFigures {

    private KpiFigures() {}

    /**
     * Every daily and monthly figure of the month starting on {@code month} ({@code FINAL}), each
     * row's value checked against its numerator and denominator.
     */
    public static Map<String, String> read(TestStack stack, LocalDate month) {
        Map<String, String> figures = new TreeMap<>();
        try (var ch = stack.clickHouse()) {
            for (String table : List.of("grid_kpi_daily", "grid_kpi_monthly")) {
                ch.rows(
                                "SELECT toString(period_start) AS period, level, unit_id, kpi, numerator, denominator, value"
                                        + " FROM "
                                        + table
                                        + " FINAL"
                                        + " WHERE period_start BETWEEN toDate('"
                                        + month
                                        + "') AND toDate('"
                                        + month.plusMonths(1).minusDays(1)
                                        + "')")
                        .forEach(
                                r -> {
                                    String key =
                                            r.get("period")
                                                    + "|"
                                                    + r.get("level")
                                                    + "|"
                                                    + r.get("unit_id")
                                                    + "|"
                                                    + r.get("kpi");
                                    figures.put(
                                            key, r.get("numerator") + "/" + r.get("denominator"));
                                    checkValue(r);
                                });
            }
        }
        return figures;
    }

    /** The value column agrees with numerator and denominator. */
    private static void checkValue(Map<String, String> r) {
        String kpi = r.get("kpi");
        double num = Double.parseDouble(r.get("numerator"));
        double den = Double.parseDouble(r.get("denominator"));
        double expected;
        if (kpi.endsWith("_s") || isCount(kpi)) {
            expected = num;
        } else if (den == 0) {
            expected = 0;
        } else if (kpi.equals("complaints_per_10k")) {
            expected = num * 10_000 / den;
        } else {
            expected = num / den;
        }
        assertThat(Double.parseDouble(r.get("value")))
                .as(r.toString())
                .isCloseTo(expected, Offset.offset(1e-9));
    }

    private static boolean isCount(String kpi) {
        return !(kpi.endsWith("_rate")
                || kpi.endsWith("_share")
                || kpi.equals("complaints_per_10k")
                || kpi.equals("notices_per_arrears_case"));
    }

    /**
     * A live job judges a day once event time has passed it; one record of each event topic on
     * every partition, stamped {@code at}, is that later data. Clock records (grid {@code CLOCK},
     * meters and customers {@code CLOCK-<partition>}) touch no figure of a unit the reference
     * knows.
     */
    public static void advanceEventTime(TestStack stack, Instant at) {
        try (var producer = stack.producer()) {
            for (String topic :
                    List.of(
                            Topics.SERVICE_ORDERS,
                            Topics.NOTICES,
                            Topics.PAYMENTS,
                            Topics.METER_READS)) {
                for (var partition : producer.partitionsFor(stack.topic(topic))) {
                    String id = "CLOCK-" + partition.partition();
                    SpecificRecord clock = clock(topic, id, at);
                    producer.send(
                            new ProducerRecord<>(
                                    stack.topic(topic),
                                    partition.partition(),
                                    at.toEpochMilli(),
                                    id.getBytes(StandardCharsets.UTF_8),
                                    Events.encode(clock)));
                }
            }
        }
    }

    private static SpecificRecord clock(String topic, String id, Instant at) {
        return switch (topic) {
            case Topics.SERVICE_ORDERS ->
                    ServiceOrder.newBuilder()
                            .setTicketId(id + "-" + at.toEpochMilli())
                            .setRevision(0)
                            .setGridId("CLOCK")
                            .setKind(TicketKind.PRAISE)
                            .setOpenedAt(at)
                            .setUpdatedAt(at)
                            .build();
            case Topics.NOTICES ->
                    Notice.newBuilder()
                            .setNoticeId(id + "-" + at.toEpochMilli())
                            .setCustomerId(id)
                            .setKind(NoticeKind.DUNNING)
                            .setChannel(NoticeChannel.APP)
                            .setSentAt(at)
                            .setDelivered(false)
                            .build();
            case Topics.PAYMENTS ->
                    Events.payment(id + "-" + at.toEpochMilli(), id, "0.00", at)
                            .setChannel(PaymentChannel.APP)
                            .build();
            default -> Events.read(id, at, 0).build();
        };
    }
}
