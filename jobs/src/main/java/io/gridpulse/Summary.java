package io.gridpulse;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The short report a person reads after a run: records in per topic (from Kafka's offsets), rows
 * per ClickHouse table and anomalies per rule, and, after a simulation, how the measured energy
 * compares with the simulator's ground truth.
 */
final class Summary {

    private Summary() {}

    /**
     * @param truthDir a simulator ground-truth folder to compare the measured energy with, or null
     * @return 0, or 1 when the comparison with the ground truth found a difference
     */
    static int print(GridPulseConfig config, PrintStream out, Path truthDir)
            throws IOException, InterruptedException {
        List<String> topics = new ArrayList<>(Topics.INPUTS);
        Topics.INPUTS.forEach(t -> topics.add(Topics.deadLetter(t)));
        Map<String, Long> records = TopicSetup.recordCounts(KafkaSettings.from(config), topics);

        out.println("Records in Kafka");
        records.forEach(
                (topic, count) -> {
                    if (count > 0 || !topic.endsWith("-dlq")) {
                        out.printf("  %-22s %,12d%n", topic, count);
                    }
                });
        ClickHouseSettings clickHouse = ClickHouseSettings.from(config);
        try (var ch = ClickHouseQueries.connect(clickHouse, "gridpulse-summary")) {
            out.println(
                    "Rows in ClickHouse (database " + clickHouse.database() + ", deduplicated)");
            ch.rows(SqlResources.query("rows_per_table")).stream()
                    .sorted((a, b) -> a.get("table_name").compareTo(b.get("table_name")))
                    .forEach(
                            r ->
                                    out.printf(
                                            "  %-22s %,12d%n",
                                            r.get("table_name"),
                                            Long.parseLong(r.get("row_count"))));
            out.println("Anomalies by rule");
            List<Map<String, String>> rules = ch.rows(SqlResources.query("anomalies_by_rule"));
            if (rules.isEmpty()) {
                out.println("  (none)");
            }
            rules.forEach(
                    r ->
                            out.printf(
                                    "  %-22s %,12d  on %,d meters%n",
                                    r.get("rule"),
                                    Long.parseLong(r.get("anomalies")),
                                    Long.parseLong(r.get("meters"))));
            Map<String, String> energy = ch.rows(SqlResources.query("energy_measured")).get(0);
            out.printf(
                    "Energy measured: %s kWh over %s meters%n",
                    energy.get("kwh"), energy.get("meters"));
            printReconnectCases(ch, out);
            printRanking(ch.rows(SqlResources.query("grid_kpi_ranking_latest_month")), out);
            return truthDir == null
                    ? 0
                    : compareWithGroundTruth(
                            ch.rows(SqlResources.query("consumption_by_meter")), truthDir, out);
        }
    }

    /**
     * Cases of the reconnect job by status, with the distinct commands and the median time from
     * clearing to power, and the notice-rule violations still standing.
     */
    private static void printReconnectCases(ClickHouseQueries ch, PrintStream out) {
        out.println(
                "Disconnection cases (reconnect job)  cases  commands  overdue  review  clearing-to-power p50");
        List<Map<String, String>> statuses =
                ch.rows(SqlResources.query("reconnect_cases_by_status"));
        if (statuses.isEmpty()) {
            out.println("  (none)");
        }
        statuses.forEach(
                r ->
                        out.printf(
                                "  %-32s %6s %9s %8s %7s %13s min%n",
                                r.get("status"),
                                r.get("cases"),
                                r.get("commands"),
                                r.get("overdue"),
                                r.get("review"),
                                r.get("clearing_to_power_p50_min")));
        ch.rows(SqlResources.query("notice_rule_violations_by_rule"))
                .forEach(
                        r ->
                                out.printf(
                                        "  notice rule broken: %-15s at %-8s %,6d on %,d customers%n",
                                        r.get("rule"),
                                        r.get("stage"),
                                        Long.parseLong(r.get("violations")),
                                        Long.parseLong(r.get("customers"))));
    }

    /** The latest month's grid ranking (对标): per ranked KPI, the grids best first. */
    private static void printRanking(List<Map<String, String>> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        out.println("Grid ranking " + rows.get(0).get("month") + " (best first)");
        Map<String, List<String>> byKpi = new java.util.TreeMap<>();
        rows.forEach(
                r ->
                        byKpi.computeIfAbsent(r.get("kpi"), k -> new ArrayList<>())
                                .add(
                                        r.get("grid_id")
                                                + " "
                                                + String.format(
                                                        java.util.Locale.ROOT,
                                                        "%.4g",
                                                        Double.parseDouble(r.get("value")))));
        byKpi.forEach((kpi, grids) -> out.printf("  %-28s %s%n", kpi, String.join(", ", grids)));
    }

    /** Compares kWh and interval count per meter with the simulator's {@code meter_totals.csv}. */
    private static int compareWithGroundTruth(
            List<Map<String, String>> measuredRows, Path truthDir, PrintStream out)
            throws IOException {
        Map<String, String> measured = new HashMap<>();
        measuredRows.forEach(
                r ->
                        measured.put(
                                r.get("meter_id"),
                                new BigDecimal(r.get("kwh")).setScale(3).toPlainString()
                                        + " kWh in "
                                        + r.get("intervals")
                                        + " intervals"));
        List<String> lines = Files.readAllLines(truthDir.resolve("meter_totals.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int meterColumn = header.indexOf("meter_id");
        int kwhColumn = header.indexOf("expected_kwh");
        int intervalsColumn = header.indexOf("expected_intervals");
        List<String> differences = new ArrayList<>();
        int meters = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            int intervals = Integer.parseInt(cells[intervalsColumn]);
            if (intervals == 0) {
                continue; // a meter with a single read has no interval to measure
            }
            meters++;
            String expected =
                    new BigDecimal(cells[kwhColumn]).setScale(3).toPlainString()
                            + " kWh in "
                            + intervals
                            + " intervals";
            String found = measured.getOrDefault(cells[meterColumn], "nothing");
            if (!expected.equals(found)) {
                differences.add(
                        cells[meterColumn] + ": expected " + expected + ", measured " + found);
            }
        }
        out.printf(
                "Ground truth (%s): %d of %d meters match exactly (kWh and intervals)%n",
                truthDir, meters - differences.size(), meters);
        differences.stream().limit(10).forEach(d -> out.println("  " + d));
        return differences.isEmpty() ? 0 : 1;
    }
}
