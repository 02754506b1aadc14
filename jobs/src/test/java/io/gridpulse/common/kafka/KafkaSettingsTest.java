package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void shouldConfigureScramLoginFromTheSettings() {
        var kafka =
                new KafkaSettings(
                        "b1:9093", "", "SASL_SSL", "SCRAM-SHA-512", "gridpulse", "s3cret");

        var properties = kafka.clientProperties("gridpulse-consumption");

        assertThat(properties.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(properties.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(properties.getProperty("sasl.jaas.config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"gridpulse\" password=\"s3cret\";");
        assertThat(properties.getProperty("client.id")).isEqualTo("gridpulse-consumption");
    }

    @Test
    void shouldLeaveSaslOutForPlaintext() {
        var properties =
                new KafkaSettings("b1:9092", "", "PLAINTEXT", "PLAIN", "", "")
                        .clientProperties("c");

        assertThat(properties).doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void shouldNeverShowThePassword() {
        var kafka = new KafkaSettings("b1:9093", "", "SASL_SSL", "PLAIN", "gridpulse", "s3cret");

        assertThat(kafka.toString()).contains("saslPassword=******").doesNotContain("s3cret");
    }

    @Test
    void shouldPrefixTopicsAndMapThemBack() {
        var kafka = new KafkaSettings("b1:9092", "tenant-a.", "PLAINTEXT", "PLAIN", "", "");

        assertThat(kafka.topic("meter-reads")).isEqualTo("tenant-a.meter-reads");
        assertThat(kafka.logicalTopic("tenant-a.meter-reads")).isEqualTo("meter-reads");
    }

    @Test
    void shouldLetTheJobsClientsWaitTenMinutesForAnAbsentBroker() {
        var kafka = new KafkaSettings("b1:9092", "", "PLAINTEXT", "PLAIN", "", "");

        var producer = kafka.producerProperties("gridpulse-reconnect-commands");
        var consumer = kafka.consumerProperties("gridpulse-consumption-meter-reads");

        assertThat(producer.getProperty("max.block.ms")).isEqualTo("600000");
        assertThat(producer.getProperty("delivery.timeout.ms")).isEqualTo("600000");
        assertThat(consumer.getProperty("default.api.timeout.ms")).isEqualTo("600000");
        assertThat(consumer.getProperty("client.id"))
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
                        Map.of("max.block.ms", "90000", "default.api.timeout.ms", "120000"));

        assertThat(kafka.producerProperties("p").getProperty("max.block.ms")).isEqualTo("90000");
        assertThat(kafka.producerProperties("p").getProperty("delivery.timeout.ms"))
                .isEqualTo("600000");
        assertThat(kafka.consumerProperties("c").getProperty("default.api.timeout.ms"))
                .isEqualTo("120000");
    }
}
