package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.streams.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicSetupTest {

    @Test
    void shouldKeepInputsForeverAndOutputsForTheConfiguredRetention() {
        assertThat(TopicSetup.configFor(Topics.METER_READS, Duration.ofDays(3)))
                .containsEntry("retention.ms", "-1");
        assertThat(TopicSetup.configFor(Topics.deadLetter(Topics.METER_READS), Duration.ofDays(3)))
                .containsEntry("retention.ms", String.valueOf(Duration.ofDays(3).toMillis()));
        assertThat(TopicSetup.configFor(Topics.RECONNECT_COMMANDS, Duration.ofHours(12)))
                .containsEntry("retention.ms", "43200000");
    }

    @Test
    void shouldCompactTheSchemaCatalogInOnePartition() {
        assertThat(TopicSetup.configFor(Topics.SCHEMAS, Duration.ofDays(3)))
                .containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms");
        assertThat(TopicSetup.partitionsOf(Topics.SCHEMAS, 4)).isEqualTo(1);
        assertThat(TopicSetup.partitionsOf(Topics.METER_READS, 4)).isEqualTo(4);
        assertThat(Topics.all()).contains(Topics.SCHEMAS);
    }
}
