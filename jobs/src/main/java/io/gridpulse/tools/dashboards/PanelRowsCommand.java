package io.gridpulse.tools.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.GridPulse;
import io.gridpulse.cli.Cli;
import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./gridpulse dashboards}: runs every panel of the Grafana boards in {@code dashboards/}
 * against the configured ClickHouse, the way Grafana would for a range from the first interval to
 * an hour from now with every grid selected, and prints the rows each panel shows and the share of
 * panels with rows. The customer of the meter-detail board is one with anomaly cases, preferring
 * one with a disconnection (a dispute), unless {@code --customer} names one.
 *
 * <p>Exit 0 when every panel ran, 1 when one failed.
 */
@Command(
        name = "dashboards",
        description =
                "Runs every Grafana panel against the GridPulse database and prints the rows each"
                        + " shows and the share of panels with rows.",
        footer = {"", "Example:", "  ./gridpulse dashboards --customer C0000196"})
public final class PanelRowsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Mixin private Cli.Help help;
    @Spec private CommandSpec spec;

    @Option(
            names = "--dashboards",
            paramLabel = "DIR",
            defaultValue = "dashboards",
            description = "the folder of the Grafana boards (default: ${DEFAULT-VALUE})")
    private Path folder;

    @Option(
            names = "--customer",
            paramLabel = "ID",
            description = "the customer of the meter-detail board (default: one with cases)")
    private String customer;

    @Override
    public Integer call() throws IOException {
        try (var ch =
                ClickHouseQueries.connect(
                        ClickHouseSettings.from(GridPulse.config(spec)), "gridpulse-panels")) {
            return run(ch, folder, customer, System.out);
        }
    }

    static int run(ClickHouseQueries ch, Path folder, String customer, PrintStream out)
            throws IOException {
        Instant from =
                time(
                        ch.value(
                                "SELECT toString(min(interval_start)) FROM interval_consumption FINAL"
                                        + " WHERE superseded = 0"));
        Instant to = Instant.now().plusSeconds(3600);
        Map<String, List<String>> variables = new LinkedHashMap<>();
        variables.put(
                "county", column(ch, "SELECT DISTINCT county AS v FROM customer_directory FINAL"));
        variables.put(
                "station",
                column(ch, "SELECT DISTINCT station_id AS v FROM customer_directory FINAL"));
        variables.put(
                "grid", column(ch, "SELECT DISTINCT grid_id AS v FROM customer_directory FINAL"));
        variables.put(
                "customer",
                customer != null
                        ? List.of(customer)
                        : column(
                                ch,
                                "SELECT customer_id AS v FROM consumption_anomalies FINAL WHERE customer_id != ''"
                                        + " GROUP BY customer_id ORDER BY customer_id IN"
                                        + " (SELECT customer_id FROM switch_events FINAL) DESC,"
                                        + " count() DESC, customer_id LIMIT 1"));
        out.printf(
                "dashboards: range %s .. %s, %d grids, customer %s%n",
                from, to, variables.get("grid").size(), variables.get("customer"));
        int panels = 0;
        int withRows = 0;
        int failed = 0;
        List<String> boards = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode board = JSON.readTree(file.toFile());
            int boardPanels = 0;
            int boardRows = 0;
            for (JsonNode panel : panels(board)) {
                for (JsonNode target : panel.path("targets")) {
                    String sql = target.path("rawSql").asText();
                    if (sql.isBlank()) {
                        continue;
                    }
                    boardPanels++;
                    String label = file.getFileName() + " '" + panel.path("title").asText() + "'";
                    try {
                        String expanded = GrafanaSql.expand(sql, variables, from, to);
                        int rows =
                                JSON.readTree(ch.text(expanded + "\nFORMAT JSON"))
                                        .path("rows")
                                        .asInt();
                        boardRows += rows > 0 ? 1 : 0;
                        out.printf("  %-100s %7d rows%n", label, rows);
                    } catch (RuntimeException e) {
                        failed++;
                        out.printf("  %-100s FAILED: %s%n", label, e.getMessage());
                    }
                }
            }
            panels += boardPanels;
            withRows += boardRows;
            boards.add(file.getFileName() + " " + boardRows + " of " + boardPanels);
        }
        out.printf(
                "dashboards: %d of %d panels show rows (%d %%): %s%s%n",
                withRows,
                panels,
                panels == 0 ? 0 : Math.round(100.0 * withRows / panels),
                String.join(", ", boards),
                failed > 0 ? "; " + failed + " failed" : "");
        return failed > 0 ? 1 : 0;
    }

    /** Every panel, rows' nested panels included. */
    private static List<JsonNode> panels(JsonNode board) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : board.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    private static List<String> column(ClickHouseQueries ch, String sql) {
        return ch.rows(sql).stream().map(r -> r.get("v")).sorted().toList();
    }

    private static Instant time(String clickHouseTime) {
        return LocalDateTime.parse(clickHouseTime, CH_TIME).toInstant(ZoneOffset.UTC);
    }
}
