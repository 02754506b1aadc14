package io.gridpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards hold together without Grafana: unique panel ids, every variable they use
 * is defined, every data source is the provisioned one, every panel respects the time range and
 * reads versioned tables the deduplicating way, with macros that work on ClickHouse 18.16.
 */
class DashboardsTest {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");
    private static final Pattern FROM_TABLE =
            Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)(\\s+FINAL)?");

    @Test
    void shouldHaveUniquePanelIdsPerDashboard() {
        for (Dashboards.Dashboard d : Dashboards.all()) {
            List<Integer> ids = d.panels().stream().map(p -> p.path("id").asInt()).toList();
            assertThat(ids).as(d.file() + " panel ids").doesNotHaveDuplicates().doesNotContain(0);
        }
    }

    @Test
    void shouldHaveAtLeastFifteenQueryPanels() {
        assertThat(Dashboards.all().stream().mapToLong(d -> d.queryPanels().size()).sum())
                .isGreaterThanOrEqualTo(15);
    }

    @Test
    void shouldDefineEveryVariableItUses() {
        for (Dashboards.Dashboard d : Dashboards.all()) {
            Set<String> defined = d.variableNames();
            for (String sql : d.allSql()) {
                Matcher m = VARIABLE.matcher(sql);
                while (m.find()) {
                    String name =
                            m.group(1) != null
                                    ? m.group(1)
                                    : m.group(2) != null ? m.group(2) : m.group(3);
                    if (!name.startsWith("__")) {
                        assertThat(defined).as(d.file() + " uses $" + name).contains(name);
                    }
                }
            }
        }
    }

    @Test
    void shouldQueryOnlyTheProvisionedDataSource() {
        JsonNode provisioned = Dashboards.provisionedDataSource();
        for (Dashboards.Dashboard d : Dashboards.all()) {
            List<JsonNode> refs = new ArrayList<>();
            d.panels().stream()
                    .filter(p -> p.has("datasource"))
                    .forEach(p -> refs.add(p.get("datasource")));
            d.queryPanels()
                    .forEach(p -> p.path("targets").forEach(t -> refs.add(t.path("datasource"))));
            d.variables().forEach(v -> refs.add(v.path("datasource")));
            assertThat(refs).as(d.file().toString()).isNotEmpty();
            for (JsonNode ref : refs) {
                assertThat(ref.path("uid").asText())
                        .as(d.file() + " datasource uid")
                        .isEqualTo(provisioned.path("uid").asText());
                assertThat(ref.path("type").asText())
                        .as(d.file() + " datasource type")
                        .isEqualTo(provisioned.path("type").asText());
            }
        }
    }

    @Test
    void shouldRespectTheTimeRangeWithMacrosThatWorkOn1816() {
        for (Dashboards.Dashboard d : Dashboards.all()) {
            for (JsonNode panel : d.queryPanels()) {
                for (JsonNode target : panel.path("targets")) {
                    String sql = target.path("rawSql").asText();
                    String where = d.file() + " panel '" + panel.path("title").asText() + "'";
                    // a snapshot of master data is read as of the range's end instead, and the
                    // monthly KPIs for the latest month between $__fromTime and $__toTime
                    assertThat(
                                    sql.contains("$__timeFilter(")
                                            || sql.contains("$__dateFilter(")
                                            || sql.contains("<= $__toTime")
                                            || sql.contains("<= toDate($__toTime)"))
                            .as(where + " respects the time range")
                            .isTrue();
                    assertThat(sql)
                            .as(where)
                            .doesNotContain(
                                    "_ms(", "$__timeInterval", "$__fromTime_ms", "$__toTime_ms");
                    assertThat(target.path("gridpulse").path("columns").size())
                            .as(where + " names the columns it expects")
                            .isPositive();
                }
            }
        }
    }

    @Test
    void shouldShowTheTablesEveryJobWrites() {
        Set<String> read = new TreeSet<>();
        for (Dashboards.Dashboard d : Dashboards.all()) {
            for (String sql : d.allSql()) {
                Matcher m = FROM_TABLE.matcher(sql.replaceAll("--[^\n]*", ""));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        assertThat(read)
                .contains(
                        // consumption and directory jobs, every job's metrics
                        "interval_consumption",
                        "consumption_anomalies",
                        "late_records",
                        "customer_directory",
                        "job_metrics",
                        // reconnect job
                        "reconnect_cases",
                        "notice_rule_violations",
                        "payments",
                        "switch_events",
                        // service-KPI job
                        "grid_kpi_daily",
                        "grid_kpi_monthly",
                        "grid_kpi_ranking",
                        // highbill job, and the service-KPI job's tickets it is held against
                        "high_bill_alerts",
                        "service_tickets");
    }

    /** interval_consumption keeps tombstones of intervals that no longer exist (migration 0030). */
    @Test
    void shouldLeaveOutSupersededIntervals() {
        Pattern read = Pattern.compile("FROM interval_consumption FINAL\\s+WHERE superseded = 0 ");
        for (Dashboards.Dashboard d : Dashboards.all()) {
            for (String sql : d.allSql()) {
                int reads = sql.split("FROM interval_consumption", -1).length - 1;
                long filtered = read.matcher(sql).results().count();
                assertThat(filtered)
                        .as(
                                d.file()
                                        + ": every read of interval_consumption filters superseded = 0 in\n"
                                        + sql)
                        .isEqualTo(reads);
            }
        }
    }

    @Test
    void shouldReadVersionedTablesWithFinalOrArgMax() {
        Set<String> tables = Dashboards.migratedTables();
        Set<String> views = Dashboards.migratedViews();
        for (Dashboards.Dashboard d : Dashboards.all()) {
            for (String sql : d.allSql()) {
                sql = sql.replaceAll("--[^\n]*", "");
                Matcher m = FROM_TABLE.matcher(sql);
                Set<String> seen = new HashSet<>();
                while (m.find()) {
                    String table = m.group(1);
                    seen.add(table);
                    if (views.contains(table)) {
                        // a plain view over FINAL (grid_kpi_ranking): correct as it is
                        assertThat(m.group(2)).as(d.file() + ": view " + table).isNull();
                        continue;
                    }
                    assertThat(tables)
                            .as(d.file() + " reads a table the migrations create")
                            .contains(table);
                    assertThat(m.group(2) != null || sql.contains("argMax("))
                            .as(d.file() + ": " + table + " read with FINAL or argMax in\n" + sql)
                            .isTrue();
                }
            }
        }
    }
}
