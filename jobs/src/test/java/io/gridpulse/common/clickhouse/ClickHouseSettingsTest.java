package io.gridpulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseSettingsTest {

    private static GridPulseConfig config(Map<String, String> file, Map<String, String> env) {
        return GridPulseConfig.from(file, "gridpulse.properties", env, CommonKeys.all());
    }

    @Test
    void shouldHandClientOptionsToTheClientAndMaskTheSecretOnes(@TempDir Path dir)
            throws Exception {
        Path keyStorePassword = dir.resolve("ks");
        Files.writeString(keyStorePassword, "s3cr\"et\n");
        GridPulseConfig config =
                config(
                        Map.of(
                                "clickhouse.client.socket_timeout", "300000",
                                "clickhouse.client.ssl_key_store", "/etc/gridpulse/ch.p12",
                                "clickhouse.client.key_store_password.file",
                                        keyStorePassword.toString()),
                        Map.of());
        ClickHouseSettings settings = ClickHouseSettings.from(config);

        try (var client = settings.newClient("test")) {
            assertThat(client.getConfiguration())
                    .containsEntry("socket_timeout", "300000")
                    .containsEntry("ssl_key_store", "/etc/gridpulse/ch.p12")
                    .containsEntry("key_store_password", "s3cr\"et");
        }
        assertThat(settings.toString())
                .contains("socket_timeout=300000")
                .contains("key_store_password=******")
                .doesNotContain("s3cr");
    }

    @Test
    void shouldRefuseASecretInTheFileAndNameTheVariableToUse() {
        assertThatThrownBy(
                        () -> config(Map.of("clickhouse.client.key_store_password", "x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickhouse.client.key_store_password: is a secret")
                .hasMessageContaining("GRIDPULSE_CLICKHOUSE_CLIENT_KEY_STORE_PASSWORD")
                .hasMessageNotContaining("=x");
    }

    @Test
    void shouldRefuseAnOptionTheClientDoesNotHaveWithAHint() {
        assertThatThrownBy(() -> config(Map.of("clickhouse.client.socket_timout", "1"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'socket_timout' is not a setting of the client")
                .hasMessageContaining("socket_timeout");
    }

    @Test
    void shouldKeepWhatGridPulseDecidesItself() {
        assertThatThrownBy(() -> config(Map.of("clickhouse.client.retry", "5"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickhouse.client.retry");
    }
}
