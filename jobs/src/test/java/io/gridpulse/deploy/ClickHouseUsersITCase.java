package io.gridpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's ClickHouse users (deploy/local/clickhouse/users.xml.template, passwords in
 * docs/deploy.md): the reader Grafana and the reports use can read but cannot insert, alter, create
 * or drop; the writer the jobs use can insert.
 */
class ClickHouseUsersITCase {

    static final String READER = "gridpulse_reader";
    static final String READER_PASSWORD = "gridpulse-reader-local";
    static final String WRITER = "gridpulse_writer";
    static final String WRITER_PASSWORD = "gridpulse-writer-local";

    @TempDir Path checkpoints;

    @Test
    void shouldLetTheReaderReadButNeverWrite() throws Exception {
        TestStack stack = TestStack.fresh("users", checkpoints, Map.of());
        try (var reader = connect(stack, READER, READER_PASSWORD)) {
            assertThat(reader.value("SELECT count() FROM interval_consumption FINAL"))
                    .isEqualTo("0");
            assertThatThrownBy(
                            () ->
                                    reader.execute(
                                            "INSERT INTO interval_consumption (meter_id, interval_end, kwh)"
                                                    + " VALUES ('M1', now(), 1.5)"))
                    .hasMessageContaining("readonly");
            assertThatThrownBy(
                            () ->
                                    reader.execute(
                                            "ALTER TABLE interval_consumption ADD COLUMN x UInt8"))
                    .hasMessageContaining("readonly");
            assertThatThrownBy(
                            () -> reader.execute("ALTER TABLE interval_consumption DELETE WHERE 1"))
                    .hasMessageContaining("readonly");
            assertThatThrownBy(
                            () -> reader.execute("CREATE TABLE sneaky (x UInt8) ENGINE = Memory"))
                    .hasMessageContaining("readonly");
            assertThatThrownBy(() -> reader.execute("DROP TABLE interval_consumption"))
                    .hasMessageContaining("readonly");
        }
        try (var admin = stack.clickHouse()) {
            assertThat(admin.value("SELECT count() FROM interval_consumption")).isEqualTo("0");
            assertThat(
                            admin.value(
                                    "SELECT count() FROM system.columns WHERE database = currentDatabase() AND table = 'interval_consumption' AND name = 'x'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void shouldLetTheWriterInsert() throws Exception {
        TestStack stack = TestStack.fresh("users-writer", checkpoints, Map.of());
        try (var writer = connect(stack, WRITER, WRITER_PASSWORD)) {
            writer.execute(
                    "INSERT INTO interval_consumption (meter_id, interval_end, kwh) VALUES ('M1', now(), 1.5)");
            assertThat(writer.value("SELECT count() FROM interval_consumption FINAL"))
                    .isEqualTo("1");
        }
    }

    @Test
    void shouldRefuseAWrongPassword() throws Exception {
        TestStack stack = TestStack.fresh("users-password", checkpoints, Map.of());
        try (var reader = connect(stack, READER, "not-the-password")) {
            assertThatThrownBy(() -> reader.value("SELECT 1")).hasMessageContaining("password");
        }
    }

    private static ClickHouseQueries connect(TestStack stack, String user, String password) {
        var config = stack.config();
        return ClickHouseQueries.connect(
                new ClickHouseSettings(
                        config.get(CommonKeys.CLICKHOUSE_URL),
                        config.get(CommonKeys.CLICKHOUSE_DATABASE),
                        user,
                        password,
                        false),
                "gridpulse-it-" + user);
    }
}
