package io.gridpulse.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.simulator.HeadEndStandIn;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's head-end stand-in reads the reconnect commands GridPulse writes to the real
 * broker, and skips a record that is not a command instead of stopping.
 */
@Timeout(120)
class HeadEndStandInITCase {

    @TempDir Path checkpoints;

    @Test
    void shouldReceiveTheCommandsWrittenToTheTopic() throws Exception {
        TestStack stack = TestStack.fresh("headend", checkpoints, Map.of());
        String topic = stack.topic(Topics.RECONNECT_COMMANDS);
        ReconnectCommand command =
                ReconnectCommand.newBuilder()
                        .setCommandId("RC-E-1")
                        .setCustomerId("C-1")
                        .setMeterId("M-1")
                        .setDisconnectEventId("E-1")
                        .setClearedBy(ClearedBy.PAYMENT)
                        .setClearedAt(Instant.parse("2026-03-02T12:00:00Z"))
                        .setIssuedAt(Instant.parse("2026-03-02T12:00:00Z"))
                        .build();
        byte[] value = AvroCodec.of(ReconnectCommand.class).encode(command);
        List<ReconnectCommand> received = new ArrayList<>();
        try (var standIn = new HeadEndStandIn(stack.kafka().bootstrapServers(), topic);
                var producer = stack.producer()) {
            // the stand-in starts at the end of the topic: write until its assignment sees one
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, bytes("C-1"), bytes("not avro")));
                producer.send(new ProducerRecord<>(topic, bytes("C-1"), value)).get();
                Thread.sleep(200);
                received.addAll(standIn.drain());
            }
            assertThat(received).isNotEmpty().allSatisfy(c -> assertThat(c).isEqualTo(command));
            assertThat(standIn.unreadable()).isPositive();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
