package io.gridpulse.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.kafka.KafkaSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Nothing listens on port 1: the checks must fail in seconds and name the address they tried. */
class StartupCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void shouldFailFastWithTheKafkaAddressItTried() {
        long start = System.nanoTime();
        assertThatThrownBy(
                        () ->
                                StartupCheck.kafka(
                                        new KafkaSettings(
                                                "127.0.0.1:1", "", "PLAINTEXT", "PLAIN", "", ""),
                                        TIMEOUT))
                .isInstanceOf(StartupCheck.Unreachable.class)
                .hasMessageContaining("Kafka does not answer at 127.0.0.1:1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void shouldFailFastWithTheClickHouseAddressItTried() {
        String url = "http://127.0.0.1:1";
        assertThatThrownBy(
                        () ->
                                StartupCheck.clickHouse(
                                        new ClickHouseSettings(
                                                url, "gridpulse", "default", "", false),
                                        url,
                                        TIMEOUT))
                .isInstanceOf(StartupCheck.Unreachable.class)
                .hasMessageContaining("ClickHouse does not answer at http://127.0.0.1:1");
    }
}
