package io.gridpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.highbill.HighBillJob;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.servicekpi.ServiceKpiJob;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import io.gridpulse.tools.dashboards.GrafanaSql;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard panel's SQL, with Grafana's variables and the plugin's macros expanded to
 * concrete values, runs on the real ClickHouse 18.16 after a simulated city went through all five
 * jobs, and returns the columns the panel expects; the core panels return rows, and at least 70 %
 * of all panels do.
 */
@Timeout(600)
class DashboardQueriesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir java.nio.file.Path checkpoints;

    @Test
    void shouldAnswerEveryPanelWithItsColumnsAndTheCorePanelsWithRows() throws Exception {
        TestStack stack = TestStack.fresh("dashboards", checkpoints, Map.of());
        SimulatedCity.feed(stack, 200, 2);
        for (var job :
                List.of(
                        DirectoryJob.JOB,
                        ConsumptionJob.JOB,
                        ReconnectJob.JOB,
                        ServiceKpiJob.JOB,
                        HighBillJob.JOB)) {
            JobRuns.untilIdle(stack.config(), job);
        }

        try (var ch = stack.clickHouse()) {
            Map<String, String> range =
                    ch.rows(
                                    "SELECT toString(min(interval_start)) AS f, toString(max(interval_end)) AS t FROM interval_consumption FINAL")
                            .get(0);
            Instant from = time(range.get("f"));
            // up to now: job_metrics is stamped with the wall clock, the city's data with its event
            // time
            Instant to = Instant.now().plusSeconds(3600);
            Map<String, List<String>> variables = new HashMap<>();
            variables.put(
                    "county",
                    column(ch, "SELECT DISTINCT county AS v FROM customer_directory FINAL"));
            variables.put(
                    "station",
                    column(ch, "SELECT DISTINCT station_id AS v FROM customer_directory FINAL"));
            variables.put(
                    "grid",
                    column(ch, "SELECT DISTINCT grid_id AS v FROM customer_directory FINAL"));
            // a customer with anomaly cases, and with a disconnection if one has: a dispute
            variables.put(
                    "customer",
                    column(
                            ch,
                            "SELECT customer_id AS v FROM consumption_anomalies FINAL WHERE customer_id != ''"
                                    + " GROUP BY customer_id ORDER BY customer_id IN"
                                    + " (SELECT customer_id FROM switch_events FINAL) DESC,"
                                    + " count() DESC, customer_id LIMIT 1"));
            assertThat(variables.values()).allSatisfy(v -> assertThat(v).isNotEmpty());

            int panels = 0;
            int withRows = 0;
            Map<String, String> perBoard = new java.util.TreeMap<>();
            List<String> emptyCore = new ArrayList<>();
            for (Dashboards.Dashboard d : Dashboards.all()) {
                int boardPanels = panels;
                int boardRows = withRows;
                for (JsonNode v : d.variables()) {
                    String sql = GrafanaSql.expand(v.path("query").asText(), variables, from, to);
                    assertThat(result(ch, sql).rows())
                            .as(d.file() + " variable " + v.path("name").asText())
                            .isPositive();
                }
                for (JsonNode panel : d.queryPanels()) {
                    for (JsonNode target : panel.path("targets")) {
                        String label = d.file() + " '" + panel.path("title").asText() + "'";
                        String sql =
                                GrafanaSql.expand(
                                        target.path("rawSql").asText(), variables, from, to);
                        Result r = result(ch, sql);
                        List<String> expected = new ArrayList<>();
                        target.path("gridpulse")
                                .path("columns")
                                .forEach(c -> expected.add(c.asText()));
                        assertThat(r.columns()).as(label + " columns").isEqualTo(expected);
                        panels++;
                        if (r.rows() > 0) {
                            withRows++;
                        } else if (target.path("gridpulse").path("core").asBoolean()) {
                            emptyCore.add(label);
                        }
                        System.out.printf("dashboards: %-70s %6d rows%n", label, r.rows());
                    }
                }
                perBoard.put(
                        d.file().toString(),
                        (withRows - boardRows) + " of " + (panels - boardPanels));
            }
            System.out.printf(
                    "dashboards: %d of %d panels show rows %s%n", withRows, panels, perBoard);
            assertThat(emptyCore).as("core panels without rows").isEmpty();
            assertThat(withRows * 10)
                    .as("at least 70 % of the panels show rows")
                    .isGreaterThanOrEqualTo(panels * 7);
        }
    }

    private record Result(List<String> columns, int rows) {}

    /** Column names come from the JSON format's meta, so an empty answer still has them. */
    private static Result result(io.gridpulse.common.clickhouse.ClickHouseQueries ch, String sql)
            throws Exception {
        JsonNode answer = JSON.readTree(ch.text(sql + "\nFORMAT JSON"));
        List<String> columns = new ArrayList<>();
        answer.path("meta").forEach(m -> columns.add(m.path("name").asText()));
        return new Result(columns, answer.path("rows").asInt());
    }

    private static List<String> column(
            io.gridpulse.common.clickhouse.ClickHouseQueries ch, String sql) {
        return ch.rows(sql).stream().map(r -> r.get("v")).sorted().toList();
    }

    private static Instant time(String clickHouseTime) {
        return LocalDateTime.parse(clickHouseTime, CH_TIME).toInstant(ZoneOffset.UTC);
    }
}
