package io.gridpulse.simulator;

import io.gridpulse.streams.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the ground truth as CSV files with a header line: times as ISO-8601 UTC instants, kWh with
 * three decimals, empty fields for absent values.
 */
final class GroundTruthFiles {

    static final String METER_TOTALS = "meter_totals.csv";
    static final String ANOMALIES = "anomalies.csv";
    static final String SERVICE_CASES = "service_cases.csv";
    static final String COUNTS = "counts.csv";
    static final String HIGH_BILLS = "high_bills.csv";
    static final String OUTAGES = "outages.csv";

    private final Path directory;

    GroundTruthFiles(Path directory) {
        this.directory = directory;
    }

    void write(GroundTruth truth, long[] expectedMilli, int[] intervals) throws IOException {
        Files.createDirectories(directory);
        int customers = truth.config().customers();
        try (BufferedWriter out = open(METER_TOTALS)) {
            out.write("meter_id,customer_id,expected_kwh,expected_intervals\n");
            for (int i = 0; i < expectedMilli.length; i++) {
                line(
                        out,
                        Ids.meter(i),
                        i < customers ? Ids.customer(i) : null,
                        Records.kwh(expectedMilli[i]).toPlainString(),
                        Integer.toString(intervals[i]));
            }
        }
        try (BufferedWriter out = open(ANOMALIES)) {
            out.write("meter_id,customer_id,rule,event_time,until,detail\n");
            for (InjectedAnomaly a : truth.anomalies()) {
                line(
                        out,
                        a.meterId(),
                        a.customerId(),
                        a.rule().name(),
                        time(a.eventTime()),
                        time(a.until()),
                        a.detail());
            }
        }
        try (BufferedWriter out = open(SERVICE_CASES)) {
            out.write(
                    "customer_id,meter_id,case,reason,disconnect_event_id,disconnected_at,notice_delivered_at,"
                            + "notice_rule_breach,cleared_by,cleared_at,reconnect_expected,head_end_reconnected_at\n");
            for (ServiceCase c : truth.serviceCases()) {
                line(
                        out,
                        c.customerId(),
                        c.meterId(),
                        c.type().name(),
                        c.reason().name(),
                        c.disconnectEventId(),
                        time(c.disconnectedAt()),
                        time(c.noticeDeliveredAt()),
                        Boolean.toString(c.noticeRuleBreach()),
                        c.clearedBy() == null ? null : c.clearedBy().name(),
                        time(c.clearedAt()),
                        Boolean.toString(c.reconnectExpected()),
                        time(c.headEndReconnectedAt()));
            }
        }
        try (BufferedWriter out = open(HIGH_BILLS)) {
            out.write(
                    "customer_id,period,period_start,period_end,cause,rise_from,rise_until,factor,"
                            + "last_year_kwh,kwh,last_year_amount,amount,high,opted_out,base_source\n");
            for (HighBillLabel h : truth.highBills()) {
                line(
                        out,
                        h.customerId(),
                        h.period(),
                        h.periodStart().toString(),
                        h.periodEnd().toString(),
                        h.cause(),
                        time(h.riseFrom()),
                        time(h.riseUntil()),
                        String.format(java.util.Locale.ROOT, "%.3f", h.factor()),
                        h.lastYearKwh().toPlainString(),
                        h.kwh().toPlainString(),
                        h.lastYearAmount().toPlainString(),
                        h.amount().toPlainString(),
                        Boolean.toString(h.high()),
                        Boolean.toString(h.optedOut()),
                        h.baseSource());
            }
        }
        try (BufferedWriter out = open(OUTAGES)) {
            out.write(
                    "outage_id,cause,scope,transformer_area,grid_id,from,until,meters,customers,"
                            + "watched_meters,meters_missing_a_read,observable,meter_ids\n");
            for (OutageLabel o : truth.outages()) {
                line(
                        out,
                        o.outageId(),
                        o.cause(),
                        o.scope(),
                        o.transformerArea(),
                        o.gridId(),
                        time(o.from()),
                        time(o.until()),
                        Integer.toString(o.meterIds().size()),
                        Integer.toString(o.customers()),
                        Integer.toString(o.watchedMeters()),
                        Integer.toString(o.metersMissingARead()),
                        Boolean.toString(o.observable()),
                        String.join(";", o.meterIds()));
            }
        }
        try (BufferedWriter out = open(COUNTS)) {
            out.write("topic,records\n");
            for (String topic : Topics.INPUTS) {
                line(out, topic, Long.toString(truth.recordsByTopic().getOrDefault(topic, 0L)));
            }
        }
    }

    private BufferedWriter open(String name) throws IOException {
        return Files.newBufferedWriter(directory.resolve(name), StandardCharsets.UTF_8);
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void line(BufferedWriter out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(fields[i]));
        }
        out.write('\n');
    }

    private static String escape(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
