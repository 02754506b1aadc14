package io.gridpulse.highbill;

/**
 * A high-bill alert decided for a customer and billing period. {@code sent} is false when it could
 * not go out: the customer opted out, or has neither SMS nor WeChat bound.
 */
public class HighBillAlert {

    public String notificationId;
    public String customerId;
    public String gridId;
    public String segment;
    public String period;
    public long periodStartDay;
    public long periodEndDay;
    public long projectionCents;
    public long baseCents;

    /** LAST_YEAR or SEGMENT. */
    public String baseSource;

    public long projectedWh;
    public String reason;

    /** SMS, WECHAT or NONE. */
    public String channel;

    public boolean sent;

    /** Event time the projection crossed the threshold. */
    public long decidedAtMs;

    /** Event time it is sent (after any quiet hours); equals decidedAtMs when not held. */
    public long createdAtMs;

    public HighBillAlert() {}

    /** The deterministic notification id of a customer's high-bill alert for a period. */
    public static String notificationId(String customerId, String period) {
        return "HB-" + customerId + "-" + period;
    }

    @Override
    public String toString() {
        return notificationId
                + " projection="
                + projectionCents
                + " base="
                + baseCents
                + " sent="
                + sent
                + " at="
                + java.time.Instant.ofEpochMilli(createdAtMs);
    }
}
