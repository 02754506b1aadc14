package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.GridPulse;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    private static final String NASTY = "pa\"ss\\word\"; evil=\"1";

    @Test
    void shouldKeepAPasswordWithQuotesAndBackslashesWholeInJaas() {
        var kafka =
                new KafkaSettings("b:9093", "", "SASL_SSL", "SCRAM-SHA-256", "grid\"pulse", NASTY);

        String jaas = kafka.clientProperties("c").getProperty("sasl.jaas.config");
        var entry =
                JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas)))
                        .configurationEntries()
                        .get(0);

        assertThat(entry.getOptions().get("password")).isEqualTo(NASTY);
        assertThat(entry.getOptions().get("username")).isEqualTo("grid\"pulse");
        assertThat(entry.getOptions()).doesNotContainKey("evil");
        assertThat(kafka.toString()).doesNotContain("ss\\word").doesNotContain("pa\"ss");
    }

    @Test
    void shouldGiveTheSimulatorsClientsTheSecurityButNotTheBrokersOrClientId() {
        var config =
                load(
                        Map.of(
                                "kafka.bootstrap.servers", "b:9093",
                                "kafka.security.protocol", "SASL_PLAINTEXT",
                                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                                "kafka.sasl.username", "gridpulse",
                                "kafka.client.request.timeout.ms", "12345"),
                        Map.of("GRIDPULSE_KAFKA_SASL_PASSWORD", NASTY));

        var security = KafkaSettings.from(config).securityProperties();

        assertThat(security)
                .doesNotContainKeys("bootstrap.servers", "client.id")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("request.timeout.ms", "12345")
                .containsEntry(
                        "sasl.jaas.config",
                        KafkaSettings.from(config).clientProperties("c").get("sasl.jaas.config"));
    }

    private static GridPulseConfig load(Map<String, String> file, Map<String, String> env) {
        return GridPulseConfig.from(file, "gridpulse.properties", env, GridPulse.keys());
    }

    @Test
    void shouldPassTlsStoresThroughToTheKafkaClients() {
        var config =
                load(
                        Map.of(
                                "kafka.security.protocol", "SSL",
                                "kafka.client.ssl.truststore.location", "/etc/kafka/trust.p12",
                                "kafka.client.ssl.truststore.type", "PKCS12"),
                        Map.of("GRIDPULSE_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", "tr\"ust"));

        var properties = KafkaSettings.from(config).clientProperties("c");

        assertThat(properties)
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.p12")
                .containsEntry("ssl.truststore.password", "tr\"ust")
                .containsEntry("security.protocol", "SSL");
        assertThat(config.describe())
                .contains("kafka.client.ssl.truststore.location = /etc/kafka/trust.p12")
                .contains("kafka.client.ssl.truststore.password = ******")
                .doesNotContain("tr\"ust");
        assertThat(KafkaSettings.from(config).toString()).doesNotContain("tr\"ust");
    }

    @Test
    void shouldRefuseAMisspelledClientPropertyWithAHint() {
        assertThatThrownBy(() -> load(Map.of("kafka.client.ssl.trustore.location", "/x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean ssl.truststore.location");
    }

    @Test
    void shouldRefuseASecretClientPropertyInTheFile() {
        assertThatThrownBy(() -> load(Map.of("kafka.client.ssl.keystore.password", "k"), Map.of()))
                .hasMessageContaining("is a secret")
                .hasMessageContaining("GRIDPULSE_KAFKA_CLIENT_SSL_KEYSTORE_PASSWORD")
                .hasMessageNotContaining("=k");
        assertThatThrownBy(() -> load(Map.of("kafka.client.sasl.jaas.config", "x"), Map.of()))
                .hasMessageContaining("is a secret");
    }

    @Test
    void shouldRefuseOverridingWhatGridPulseSetsItself() {
        assertThatThrownBy(
                        () -> load(Map.of("kafka.client.bootstrap.servers", "evil:9092"), Map.of()))
                .hasMessageContaining("is not a setting");
    }

    @Test
    void shouldWarnAboutAMisspelledVariableWithAHint() {
        var config = load(Map.of(), Map.of("GRIDPULSE_CLICKHOUSE_URLL", "http://x:8123"));

        assertThat(config.warnings())
                .singleElement()
                .asString()
                .contains("GRIDPULSE_CLICKHOUSE_URLL")
                .contains("did you mean GRIDPULSE_CLICKHOUSE_URL");
    }

    @Test
    void shouldNotWarnAboutTheLaunchersOwnVariables() {
        var config =
                load(
                        Map.of(),
                        Map.of(
                                "GRIDPULSE_EVAL_KAFKA_PORT", "9097",
                                "GRIDPULSE_BENCH_JAVA_OPTS", "-Xmx8g",
                                "GRIDPULSE_REPORT_DIR", "/tmp/reports",
                                "GRIDPULSE_DRILL_FULL", "true",
                                "GRIDPULSE_EVALL_KAFKA_PORT", "9097"));

        assertThat(config.warnings())
                .singleElement()
                .asString()
                .contains("GRIDPULSE_EVALL_KAFKA_PORT");
    }
}
