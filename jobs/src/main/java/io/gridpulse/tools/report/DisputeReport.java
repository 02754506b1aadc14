package io.gridpulse.tools.report;

import static io.gridpulse.common.clickhouse.ClickHouseQueries.literal;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence for one customer's bill dispute: who the customer is, every day's consumption
 * against the customer's own average, the intervals, the anomaly cases, estimated and manual reads,
 * meter swaps, reads that arrived late, the head-end's switch history and the payments.
 */
final class DisputeReport {

    private DisputeReport() {}

    /** The customer's newest master data, or empty when the customer is unknown. */
    static Optional<Map<String, String>> customer(ClickHouseQueries ch, String customerId) {
        List<Map<String, String>> rows =
                ch.rows(
                        "SELECT customer_id, meter_id, grid_id, station_id, county, transformer_area, segment,"
                                + " read_interval_minutes, active, toString(updated_at) AS updated_at"
                                + " FROM customer_directory FINAL WHERE customer_id = "
                                + literal(customerId));
        return rows.stream().findFirst();
    }

    static String render(ClickHouseQueries ch, Map<String, String> customer, Instant now) {
        String id = literal(customer.get("customer_id"));
        Map<String, String> totals =
                ch.rows(
                                "SELECT count() AS intervals, sum(kwh) AS kwh, toString(min(interval_start)) AS first,"
                                        + " toString(max(interval_end)) AS last, countIf(source = 'ESTIMATED') AS estimated,"
                                        + " countIf(source = 'MANUAL') AS manual, uniqExact(meter_id) AS meters"
                                        + " FROM interval_consumption FINAL WHERE superseded = 0 AND customer_id = "
                                        + id)
                        .get(0);
        List<Map<String, String>> cases =
                ch.rows(
                        "SELECT toString(read_time) AS read_time, rule, meter_id, toString(observed_kwh) AS observed_kwh,"
                                + " toString(baseline_kwh) AS baseline_kwh, evidence FROM consumption_anomalies FINAL"
                                + " WHERE customer_id = "
                                + id
                                + " ORDER BY read_time");
        List<Map<String, String>> daily =
                ch.rows(
                        "SELECT toString(toDate(interval_end)) AS day, sum(kwh) AS kwh FROM interval_consumption FINAL"
                                + " WHERE superseded = 0 AND customer_id = "
                                + id
                                + " GROUP BY day ORDER BY day");
        double average =
                daily.stream()
                        .mapToDouble(r -> Double.parseDouble(r.get("kwh")))
                        .average()
                        .orElse(0);

        Html html =
                new Html(
                        "Bill dispute evidence: customer " + customer.get("customer_id"),
                        "Meter "
                                + customer.get("meter_id")
                                + ", grid "
                                + customer.get("grid_id")
                                + ", station "
                                + customer.get("station_id")
                                + ", "
                                + customer.get("county")
                                + ". Reads from "
                                + totals.get("first")
                                + " to "
                                + totals.get("last")
                                + " UTC.");
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("energy measured (kWh)", Svg.number(Double.parseDouble(totals.get("kwh"))));
        figures.put("interval reads", Svg.number(Double.parseDouble(totals.get("intervals"))));
        figures.put("average per day (kWh)", Svg.number(average));
        figures.put("estimated reads", totals.get("estimated"));
        figures.put("manual reads", totals.get("manual"));
        figures.put("anomaly cases", String.valueOf(cases.size()));
        html.heading("Summary").figures(figures);

        html.heading("Customer");
        html.table(
                List.of(
                        "customer",
                        "meter",
                        "grid",
                        "station",
                        "county",
                        "transformer area",
                        "segment",
                        "read every (min)",
                        "active"),
                List.of(
                        List.of(
                                customer.get("customer_id"),
                                customer.get("meter_id"),
                                customer.get("grid_id"),
                                customer.get("station_id"),
                                customer.get("county"),
                                customer.get("transformer_area"),
                                customer.get("segment"),
                                customer.get("read_interval_minutes"),
                                "1".equals(customer.get("active")) ? "yes" : "no")));

        html.heading("Daily consumption against the customer's own average");
        html.svg(
                Svg.columns(
                        daily.stream()
                                .map(
                                        r ->
                                                new Svg.Bar(
                                                        r.get("day"),
                                                        Double.parseDouble(r.get("kwh"))))
                                .toList(),
                        " kWh",
                        average,
                        "own average"));
        html.table(
                List.of("day", "kWh", "against own average"),
                daily.stream()
                        .map(
                                r -> {
                                    double kwh = Double.parseDouble(r.get("kwh"));
                                    double diff =
                                            average == 0 ? 0 : 100 * (kwh - average) / average;
                                    String shown =
                                            (diff >= 0 ? "+" : "")
                                                    + Svg.number(Math.round(diff * 10) / 10.0)
                                                    + " %";
                                    return List.of(
                                            r.get("day"),
                                            Svg.number(kwh),
                                            Math.abs(diff) > 50 ? "!" + shown : shown);
                                })
                        .toList());

        html.heading("Anomaly cases");
        if (cases.isEmpty()) {
            html.paragraph("No validation rule fired on this customer's reads.");
        } else {
            html.table(
                    List.of(
                            "read time",
                            "rule",
                            "meter",
                            "observed kWh",
                            "baseline kWh",
                            "evidence"),
                    cases.stream()
                            .map(
                                    c ->
                                            List.of(
                                                    c.get("read_time"),
                                                    c.get("rule"),
                                                    c.get("meter_id"),
                                                    c.get("observed_kwh"),
                                                    c.get("baseline_kwh"),
                                                    c.get("evidence")))
                            .toList());
        }

        html.heading("Estimated and manual reads");
        List<Map<String, String>> notAmi =
                ch.rows(
                        "SELECT toString(interval_end) AS t, source, interval_minutes, toString(kwh) AS kwh FROM interval_consumption FINAL"
                                + " WHERE superseded = 0 AND customer_id = "
                                + id
                                + " AND source != 'AMI' ORDER BY interval_end");
        if (notAmi.isEmpty()) {
            html.paragraph(
                    "Every interval closed on an automated (AMI) read: none was estimated or read by hand.");
        } else {
            html.table(
                    List.of("read time", "source", "minutes", "kWh"),
                    notAmi.stream()
                            .map(
                                    r ->
                                            List.of(
                                                    r.get("t"),
                                                    r.get("source"),
                                                    r.get("interval_minutes"),
                                                    r.get("kwh")))
                            .toList());
        }

        html.heading("Meter swaps");
        long meters = Long.parseLong(totals.get("meters"));
        List<Map<String, String>> swaps =
                cases.stream().filter(c -> c.get("rule").contains("SWAP")).toList();
        html.paragraph(
                meters <= 1 && swaps.isEmpty()
                        ? "One meter ("
                                + customer.get("meter_id")
                                + ") measured the whole period: no swap."
                        : meters
                                + " meters measured this customer; swap cases: "
                                + swaps.size()
                                + " (listed above).");

        html.heading("Reads that arrived late");
        List<Map<String, String>> late =
                ch.rows(
                        "SELECT toString(event_time) AS t, payload FROM late_records FINAL WHERE stream = 'meter-reads'"
                                + " AND record_key = "
                                + literal(customer.get("meter_id"))
                                + " ORDER BY event_time");
        if (late.isEmpty()) {
            html.paragraph("None: every read arrived in time to be validated in order.");
        } else {
            html.table(
                    List.of("read time", "read"),
                    late.stream().map(r -> List.of(r.get("t"), r.get("payload"))).toList());
        }

        html.heading("Switch history");
        List<Map<String, String>> switches =
                ch.rows(
                        "SELECT toString(event_time) AS t, meter_id, action, stage, reason, command_id"
                                + " FROM switch_events FINAL WHERE customer_id = "
                                + id
                                + " OR meter_id = "
                                + literal(customer.get("meter_id"))
                                + " ORDER BY event_time, event_id");
        if (switches.isEmpty()) {
            html.paragraph("The head-end reported no disconnection or reconnection of this meter.");
        } else {
            html.table(
                    List.of(
                            "time (UTC)",
                            "meter",
                            "action",
                            "stage",
                            "reason",
                            "GridPulse command"),
                    switches.stream()
                            .map(
                                    r ->
                                            List.of(
                                                    r.get("t"),
                                                    r.get("meter_id"),
                                                    r.get("action"),
                                                    r.get("stage"),
                                                    r.get("reason"),
                                                    r.get("command_id").isEmpty()
                                                            ? "–"
                                                            : r.get("command_id")))
                            .toList());
        }

        html.heading("Payments");
        List<Map<String, String>> payments =
                ch.rows(
                        "SELECT toString(paid_at) AS t, kind, toString(amount) AS amount, channel,"
                                + " toString(balance_after) AS balance, while_disconnected, payment_id"
                                + " FROM payments FINAL WHERE customer_id = "
                                + id
                                + " ORDER BY paid_ms, payment_id");
        if (payments.isEmpty()) {
            html.paragraph("No payment of this customer was received.");
        } else {
            html.table(
                    List.of(
                            "paid at (UTC)",
                            "kind",
                            "amount (CNY)",
                            "channel",
                            "balance then",
                            "while cut off",
                            "payment"),
                    payments.stream()
                            .map(
                                    r ->
                                            List.of(
                                                    r.get("t"),
                                                    r.get("kind"),
                                                    r.get("amount"),
                                                    r.get("channel"),
                                                    r.get("balance"),
                                                    "1".equals(r.get("while_disconnected"))
                                                            ? "yes"
                                                            : "no",
                                                    r.get("payment_id")))
                            .toList());
        }

        html.heading("The last 48 intervals");
        List<Map<String, String>> last =
                ch.rows(
                        "SELECT toString(interval_start) AS s, toString(interval_end) AS e, toString(kwh) AS kwh, source FROM interval_consumption FINAL"
                                + " WHERE superseded = 0 AND customer_id = "
                                + id
                                + " ORDER BY interval_end DESC LIMIT 48");
        html.table(
                List.of("from", "to", "kWh", "source"),
                last.stream()
                        .map(r -> List.of(r.get("s"), r.get("e"), r.get("kwh"), r.get("source")))
                        .toList());
        return html.render(now);
    }
}
