package io.gridpulse.highbill;

import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationChannel;
import io.gridpulse.schema.NotificationKind;
import java.math.BigDecimal;
import java.time.Instant;

/** The customer-facing message of a sent high-bill alert. */
public final class Notifications {

    private Notifications() {}

    public static CustomerNotification of(HighBillAlert alert) {
        return CustomerNotification.newBuilder()
                .setNotificationId(alert.notificationId)
                .setCustomerId(alert.customerId)
                .setChannel(NotificationChannel.valueOf(alert.channel))
                .setKind(NotificationKind.HIGH_BILL)
                .setOutageId(null)
                .setPeriod(alert.period)
                .setProjection(BigDecimal.valueOf(alert.projectionCents, 2))
                .setBase(BigDecimal.valueOf(alert.baseCents, 2))
                .setReason(alert.reason)
                .setCreatedAt(Instant.ofEpochMilli(alert.createdAtMs))
                .build();
    }
}
