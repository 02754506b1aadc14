package io.gridpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridpulse.testing.LocalFlinkCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards of {@code dashboards/}, read as JSON, and what they refer to. */
final class Dashboards {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)CREATE TABLE IF NOT EXISTS\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern CREATE_VIEW =
            Pattern.compile("(?i)CREATE VIEW IF NOT EXISTS\\s+([a-z_][a-z0-9_]*)");

    private Dashboards() {}

    record Dashboard(Path file, JsonNode json) {

        /** Every panel, rows' nested panels included. */
        List<JsonNode> panels() {
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode p : json.path("panels")) {
                all.add(p);
                p.path("panels").forEach(all::add);
            }
            return all;
        }

        List<JsonNode> queryPanels() {
            return panels().stream().filter(p -> p.path("targets").size() > 0).toList();
        }

        List<JsonNode> variables() {
            List<JsonNode> vars = new ArrayList<>();
            json.path("templating").path("list").forEach(vars::add);
            return vars;
        }

        Set<String> variableNames() {
            Set<String> names = new LinkedHashSet<>();
            variables().forEach(v -> names.add(v.path("name").asText()));
            return names;
        }

        /** The SQL of every panel target and every query variable. */
        List<String> allSql() {
            List<String> sql = new ArrayList<>();
            queryPanels()
                    .forEach(
                            p ->
                                    p.path("targets")
                                            .forEach(t -> sql.add(t.path("rawSql").asText())));
            variables().forEach(v -> sql.add(v.path("query").asText()));
            return sql;
        }
    }

    static Path folder() {
        return LocalFlinkCluster.repository().resolve("dashboards");
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> new Dashboard(f.getFileName(), read(f)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data source the Grafana provisioning file declares: its uid and type. */
    static JsonNode provisionedDataSource() {
        Path file =
                LocalFlinkCluster.repository()
                        .resolve(
                                "deploy/grafana/provisioning/datasources/gridpulse-clickhouse.yaml");
        ObjectNode ds = JsonNodeFactory.instance.objectNode();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = Pattern.compile("^\\s+(uid|type):\\s*(\\S+)\\s*$").matcher(line);
                if (m.matches() && !ds.has(m.group(1))) {
                    ds.put(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ds;
    }

    /** Every table the ClickHouse migrations create. */
    static Set<String> migratedTables() {
        return created(CREATE_TABLE);
    }

    /** Every plain view the migrations create (read without FINAL: the view applies it itself). */
    static Set<String> migratedViews() {
        return created(CREATE_VIEW);
    }

    private static Set<String> created(Pattern create) {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files =
                Files.list(
                        LocalFlinkCluster.repository().resolve("schemas/clickhouse/migrations"))) {
            for (Path f : files.toList()) {
                Matcher m = create.matcher(Files.readString(f));
                while (m.find()) {
                    tables.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
