package io.gridpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
                    // a snapshot of master data is read as of the range's end instead
                    assertThat(sql.contains("$__timeFilter(") || sql.contains("<= $__toTime"))
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
    void shouldReadVersionedTablesWithFinalOrArgMax() {
        Set<String> tables = Dashboards.migratedTables();
        for (Dashboards.Dashboard d : Dashboards.all()) {
            for (String sql : d.allSql()) {
                sql = sql.replaceAll("--[^\n]*", "");
                Matcher m = FROM_TABLE.matcher(sql);
                Set<String> seen = new HashSet<>();
                while (m.find()) {
                    String table = m.group(1);
                    seen.add(table);
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
