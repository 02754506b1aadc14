package io.gridpulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.GridPulse;
import io.gridpulse.common.config.GridPulseConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ordered migrations on the real ClickHouse server: each applied once, edits refused. */
@Timeout(60)
class MigrationsITCase {

    private ClickHouseSettings settings;

    @AfterEach
    void dropDatabase() {
        try (var admin = ClickHouseQueries.connect(settings.withDatabase("default"), "it")) {
            admin.execute("DROP DATABASE IF EXISTS `" + settings.database() + "`");
        }
    }

    private ClickHouseSettings freshDatabase() {
        String database = "it_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        GridPulseConfig config =
                GridPulseConfig.from(
                        Map.of(
                                "clickhouse.database",
                                database,
                                "clickhouse.compress.response",
                                "false"),
                        "test",
                        Map.of(
                                "GRIDPULSE_CLICKHOUSE_URL",
                                System.getenv()
                                        .getOrDefault(
                                                "GRIDPULSE_CLICKHOUSE_URL",
                                                "http://127.0.0.1:8123")),
                        GridPulse.keys());
        settings = ClickHouseSettings.from(config);
        return settings;
    }

    @Test
    void shouldApplyEveryMigrationOnceAndRecordIt() {
        ClickHouseSettings settings = freshDatabase();

        var first = Migrations.apply(settings);
        var second = Migrations.apply(settings);

        assertThat(first).containsExactlyElementsOf(SqlResources.folder("migrations").keySet());
        assertThat(second).as("nothing left to apply").isEmpty();
        try (var ch = ClickHouseQueries.connect(settings, "it")) {
            assertThat(ch.rows("SELECT version FROM schema_migrations"))
                    .extracting(r -> r.get("version"))
                    .containsExactlyInAnyOrderElementsOf(first);
            assertThat(ch.rows("SELECT name FROM system.tables WHERE database = currentDatabase()"))
                    .extracting(r -> r.get("name"))
                    .contains(
                            "interval_consumption",
                            "consumption_anomalies",
                            "late_records",
                            "rejected_records");
        }
    }

    @Test
    void shouldRefuseToRunWhenAnAppliedMigrationWasEdited() {
        ClickHouseSettings settings = freshDatabase();
        String firstMigration = "0001_interval_consumption.sql";
        try (var admin = new ClickHouseQueries(settings.newClient("it", "default"))) {
            admin.execute("CREATE DATABASE " + settings.database());
        }
        try (var ch = ClickHouseQueries.connect(settings, "it")) {
            SqlResources.statements(
                            SqlResources.folder("migrations").get(Migrations.HISTORY_MIGRATION))
                    .forEach(ch::execute);
            ch.execute(
                    "INSERT INTO schema_migrations (version, checksum) VALUES ('"
                            + firstMigration
                            + "', 'edited')");
        }

        assertThatThrownBy(() -> Migrations.apply(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(firstMigration)
                .hasMessageContaining("changed after it was applied");
    }
}
