package io.gridpulse;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.streams.Topics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The short report a person reads after a run: records in per topic (from Kafka's offsets), rows
 * per ClickHouse table and anomalies per rule (from the same queries the dashboards' checks run).
 */
final class Summary {

    private Summary() {}

    static int print(GridPulseConfig config, PrintStream out) throws InterruptedException {
        List<String> topics = new ArrayList<>(Topics.INPUTS);
        Topics.INPUTS.forEach(t -> topics.add(Topics.deadLetter(t)));
        Map<String, Long> records = TopicSetup.recordCounts(KafkaSettings.from(config), topics);

        out.println("Records in Kafka");
        records.forEach((topic, count) -> {
            if (count > 0 || !topic.endsWith("-dlq")) {
                out.printf("  %-22s %,12d%n", topic, count);
            }
        });
        try (var ch = ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-summary")) {
            out.println("Rows in ClickHouse (database " + ClickHouseSettings.from(config).database() + ", deduplicated)");
            ch.rows(SqlResources.query("rows_per_table")).stream()
                    .sorted((a, b) -> a.get("table_name").compareTo(b.get("table_name")))
                    .forEach(r -> out.printf("  %-22s %,12d%n", r.get("table_name"), Long.parseLong(r.get("row_count"))));
            out.println("Anomalies by rule");
            List<Map<String, String>> rules = ch.rows(SqlResources.query("anomalies_by_rule"));
            if (rules.isEmpty()) {
                out.println("  (none)");
            }
            rules.forEach(r -> out.printf("  %-22s %,12d  on %,d meters%n", r.get("rule"),
                    Long.parseLong(r.get("anomalies")), Long.parseLong(r.get("meters"))));
            out.printf("Energy measured: %s kWh over %s meters%n",
                    ch.value("SELECT sum(kwh) FROM interval_consumption FINAL"),
                    ch.value("SELECT uniqExact(meter_id) FROM interval_consumption FINAL"));
        }
        return 0;
    }
}
