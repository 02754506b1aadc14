package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaInputsTest {

    @Test
    void shouldWaitTenMinutesForAnAbsentBrokerBeforeFailingOver() {
        var kafka = new KafkaSettings("b1:9092", "", "PLAINTEXT", "PLAIN", "", "");

        var properties =
                new KafkaInputs(kafka, "consumption", false).sourceProperties("meter-reads");

        assertThat(properties.getProperty("default.api.timeout.ms")).isEqualTo("600000");
        assertThat(properties.getProperty("client.id"))
                .isEqualTo("gridpulse-consumption-meter-reads");
    }

    @Test
    void shouldLetTheOperatorSetTheWait() {
        var kafka =
                new KafkaSettings(
                        "b1:9092",
                        "",
                        "PLAINTEXT",
                        "PLAIN",
                        "",
                        "",
                        Map.of("default.api.timeout.ms", "120000"));

        var properties =
                new KafkaInputs(kafka, "consumption", false).sourceProperties("meter-reads");

        assertThat(properties.getProperty("default.api.timeout.ms")).isEqualTo("120000");
    }
}
