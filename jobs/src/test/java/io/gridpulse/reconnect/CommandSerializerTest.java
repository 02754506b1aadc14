package io.gridpulse.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.streams.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the reconnect job puts on {@code reconnect-commands}. */
class CommandSerializerTest {

    private static final Instant CLEARED_IN_MARCH = Instant.parse("2026-03-03T10:15:00Z");

    @Test
    void shouldStampTheRecordWithTheSendTimeAndKeepTheClearingTimeInThePayload() throws Exception {
        ReconnectCommand command =
                ReconnectCommand.newBuilder()
                        .setCommandId("RC-E1")
                        .setCustomerId("C-1")
                        .setMeterId("M-1")
                        .setDisconnectEventId("E1")
                        .setClearedBy(ClearedBy.PAYMENT)
                        .setClearedAt(CLEARED_IN_MARCH)
                        .setIssuedAt(CLEARED_IN_MARCH)
                        .build();
        CommandSerializer serializer = new CommandSerializer("reconnect-commands");
        serializer.open(null, null);

        long before = System.currentTimeMillis();
        var record = serializer.serialize(command, null, CLEARED_IN_MARCH.toEpochMilli());
        long after = System.currentTimeMillis();

        // a record stamped in replayed history is deleted by the topic's next retention check
        assertThat(record.timestamp()).isBetween(before, after);
        assertThat(record.topic()).isEqualTo("reconnect-commands");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("C-1");
        assertThat(AvroCodec.of(ReconnectCommand.class).decode(record.value())).isEqualTo(command);
    }
}
