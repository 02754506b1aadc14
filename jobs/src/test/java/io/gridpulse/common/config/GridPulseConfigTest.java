package io.gridpulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridPulseConfigTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    private static GridPulseConfig config(Map<String, String> file, Map<String, String> env) {
        return GridPulseConfig.from(file, "gridpulse.properties", env, CommonKeys.all());
    }

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        GridPulseConfig config = config(Map.of(), NO_ENVIRONMENT);

        assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
        assertThat(config.get(CommonKeys.SINK_FLUSH_INTERVAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.get(CommonKeys.CLICKHOUSE_COMPRESS_RESPONSE)).isTrue();
    }

    @Test
    void shouldLetEnvironmentOverrideTheFile() {
        GridPulseConfig config =
                config(
                        Map.of(
                                "clickhouse.database",
                                "from_file",
                                "clickhouse.sink.flush.interval",
                                "5s"),
                        Map.of("GRIDPULSE_CLICKHOUSE_DATABASE", "from_env"));

        assertThat(config.get(CommonKeys.CLICKHOUSE_DATABASE)).isEqualTo("from_env");
        assertThat(config.get(CommonKeys.SINK_FLUSH_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldReadDurationsAndSizesAsFlinkDoes() {
        GridPulseConfig config =
                config(
                        Map.of(
                                "clickhouse.sink.flush.interval", "1 min",
                                "job.checkpoint.interval", "250ms",
                                "events.max.record.bytes", "256kb",
                                "kafka.dead.letter.max.bytes", "500000"),
                        NO_ENVIRONMENT);

        assertThat(config.get(CommonKeys.SINK_FLUSH_INTERVAL)).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.get(CommonKeys.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.get(CommonKeys.MAX_RECORD_BYTES)).isEqualTo(256 * 1024);
        assertThat(config.get(CommonKeys.DEAD_LETTER_MAX_BYTES)).isEqualTo(500_000);
        assertThatThrownBy(() -> config(Map.of("events.max.record.bytes", "0kb"), NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("events.max.record.bytes")
                .hasMessageContaining("above 0");
        assertThatThrownBy(() -> config(Map.of("job.checkpoint.interval", "-5s"), NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("job.checkpoint.interval");
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(
                        () -> config(Map.of("clickhouse.sink.batch.rows", "lots"), NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickhouse.sink.batch.rows")
                .hasMessageContaining("'lots'");
    }

    @Test
    void shouldNameTheEnvironmentVariableOfABadValue() {
        assertThatThrownBy(
                        () ->
                                config(
                                        Map.of(),
                                        Map.of("GRIDPULSE_JOB_CHECKPOINT_INTERVAL", "often")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "job.checkpoint.interval (from environment GRIDPULSE_JOB_CHECKPOINT_INTERVAL)");
    }

    @Test
    void shouldRejectUnknownKeysWithAHint() {
        assertThatThrownBy(() -> config(Map.of("clickhouse.databse", "x"), NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickhouse.databse: unknown key")
                .hasMessageContaining("did you mean clickhouse.database?");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        assertThatThrownBy(
                        () ->
                                config(
                                        Map.of(
                                                "clickhouse.url",
                                                "localhost",
                                                "job.parallelism",
                                                "0"),
                                        NO_ENVIRONMENT))
                .hasMessageContaining("clickhouse.url")
                .hasMessageContaining("job.parallelism");
    }

    @Test
    void shouldRefuseSecretsWrittenInTheFile() {
        assertThatThrownBy(() -> config(Map.of("clickhouse.password", "hunter2"), NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickhouse.password: is a secret")
                .hasMessageContaining("GRIDPULSE_CLICKHOUSE_PASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldReadSecretsFromEnvironmentOrFileAndNeverPrintThem(@TempDir Path dir)
            throws Exception {
        Path secret = Files.writeString(dir.resolve("kafka-password"), "s3cret-from-file\n");
        GridPulseConfig config =
                config(
                        Map.of("kafka.sasl.password.file", secret.toString()),
                        Map.of("GRIDPULSE_CLICKHOUSE_PASSWORD", "s3cret-from-env"));

        assertThat(config.get(CommonKeys.CLICKHOUSE_PASSWORD)).isEqualTo("s3cret-from-env");
        assertThat(config.get(CommonKeys.KAFKA_SASL_PASSWORD)).isEqualTo("s3cret-from-file");
        assertThat(config.describe())
                .contains("clickhouse.password = ******")
                .doesNotContain("s3cret");
    }

    @Test
    void shouldLoadAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("gridpulse.properties"),
                        "# local stack\nkafka.bootstrap.servers=127.0.0.1:29092\nclickhouse.compress.response=false\n");

        GridPulseConfig config = GridPulseConfig.load(file, NO_ENVIRONMENT, CommonKeys.all());

        assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:29092");
        assertThat(config.get(CommonKeys.CLICKHOUSE_COMPRESS_RESPONSE)).isFalse();
        assertThat(config.describe())
                .contains("kafka.bootstrap.servers = 127.0.0.1:29092   (" + file + ")");
    }

    @Test
    void shouldSayWhichFileCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> GridPulseConfig.load(missing, NO_ENVIRONMENT, CommonKeys.all()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }
}
