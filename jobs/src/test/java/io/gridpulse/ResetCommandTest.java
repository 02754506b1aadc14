package io.gridpulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.config.GridPulseConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every case here refuses before anything is deleted, so no stack is needed (nothing listens). */
class ResetCommandTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static GridPulseConfig config(String database) {
        return GridPulseConfig.from(
                Map.of(
                        "clickhouse.database", database,
                        "kafka.bootstrap.servers", "127.0.0.1:1",
                        "clickhouse.url", "http://127.0.0.1:1"),
                "test",
                Map.of(),
                GridPulse.keys());
    }

    private int reset(String database, boolean yes, String typed) throws Exception {
        return ResetCommand.run(
                config(database),
                yes,
                typed == null ? null : new BufferedReader(new StringReader(typed)),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseSystemDatabasesEvenWithYes() throws Exception {
        assertThat(reset("default", true, null)).isEqualTo(2);
        assertThat(reset("SYSTEM", true, null)).isEqualTo(2);
        assertThat(err.toString()).contains("refuses to drop the system database 'default'");
    }

    @Test
    void shouldRefuseWithoutATerminalAndWithoutYes() throws Exception {
        assertThat(reset("gridpulse", false, null)).isEqualTo(2);
        assertThat(err.toString()).contains("--yes").contains("`gridpulse`");
    }

    @Test
    void shouldStopUnlessTheAnswerIsYes() throws Exception {
        assertThat(reset("gridpulse", false, "no\n")).isEqualTo(2);
        assertThat(err.toString()).contains("nothing deleted");
    }

    @Test
    void shouldQuoteIdentifiers() {
        assertThat(ResetCommand.quote("grid`pulse; DROP DATABASE system"))
                .isEqualTo("`grid\\`pulse; DROP DATABASE system`");
    }
}
