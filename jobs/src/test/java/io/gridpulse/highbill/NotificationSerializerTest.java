package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationChannel;
import io.gridpulse.schema.NotificationKind;
import io.gridpulse.streams.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every job writing {@code customer-notifications} puts on the topic. */
class NotificationSerializerTest {

    private static final Instant IN_THE_SIMULATED_MARCH = Instant.parse("2026-03-03T10:15:00Z");

    @Test
    void shouldStampTheRecordWithTheSendTimeAndKeepTheEventTimeInThePayload() throws Exception {
        CustomerNotification n =
                CustomerNotification.newBuilder()
                        .setNotificationId("TA-1@2026-03-03T10:15:00Z/C-1/OUTAGE_STARTED")
                        .setCustomerId("C-1")
                        .setChannel(NotificationChannel.WECHAT)
                        .setKind(NotificationKind.OUTAGE_STARTED)
                        .setOutageId("TA-1@2026-03-03T10:15:00Z")
                        .setReason("power off in your area")
                        .setCreatedAt(IN_THE_SIMULATED_MARCH)
                        .build();
        NotificationSerializer serializer = new NotificationSerializer("customer-notifications");
        serializer.open(null, null);

        long before = System.currentTimeMillis();
        var record = serializer.serialize(n, null, IN_THE_SIMULATED_MARCH.toEpochMilli());
        long after = System.currentTimeMillis();

        // a record stamped in the past is deleted by the topic's retention check
        assertThat(record.timestamp()).isBetween(before, after);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("C-1");
        assertThat(AvroCodec.of(CustomerNotification.class).decode(record.value()).getCreatedAt())
                .isEqualTo(IN_THE_SIMULATED_MARCH);
    }
}
