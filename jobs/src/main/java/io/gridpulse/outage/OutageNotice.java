package io.gridpulse.outage;

import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationChannel;
import io.gridpulse.schema.NotificationKind;
import java.time.Instant;

/**
 * A message to one customer about one outage; its id (outage, customer, kind) is the same however
 * often it is re-sent, so the gateway drops repeats.
 */
public record OutageNotice(
        String notificationId,
        String customerId,
        String channel,
        String kind,
        String outageId,
        String reason,
        long createdAtMs) {

    public static OutageNotice of(
            String outageId,
            String customerId,
            String channel,
            String kind,
            String reason,
            long atMs) {
        return new OutageNotice(
                outageId + "/" + customerId + "/" + kind,
                customerId,
                channel,
                kind,
                outageId,
                reason,
                atMs);
    }

    public CustomerNotification toAvro() {
        return CustomerNotification.newBuilder()
                .setNotificationId(notificationId)
                .setCustomerId(customerId)
                .setChannel(NotificationChannel.valueOf(channel))
                .setKind(NotificationKind.valueOf(kind))
                .setOutageId(outageId)
                .setPeriod(null)
                .setProjection(null)
                .setBase(null)
                .setReason(reason)
                .setCreatedAt(Instant.ofEpochMilli(createdAtMs))
                .build();
    }
}
