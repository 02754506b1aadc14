package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationKind;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.TestStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the high-bill job made of a city, as the tests compare it: every {@code high_bill_alerts
 * FINAL} row (all columns) by notification id, and the notifications on {@code
 * customer-notifications} of kind {@code HIGH_BILL}. The reference of a faulty run is the
 * uninterrupted bounded run of the same records on a clean stack of its own ({@link #of}).
 *
 * @param alerts the alert rows by notification id
 * @param messages one notification per id (the first seen)
 */
public record HighBillReference(
        Map<String, Map<String, String>> alerts, Map<String, CustomerNotification> messages) {

    private static final String ALERT_COLUMNS =
            "SELECT notification_id, customer_id, period, toString(period_end) AS period_end,"
                    + " toString(projected_bill) AS projected_bill, toString(base_bill) AS base_bill,"
                    + " base_source, reason, channel, sent, toString(decided_at) AS decided_at,"
                    + " toString(created_at) AS created_at FROM high_bill_alerts";

    /**
     * Runs the high-bill job bounded (on the test's mini-cluster) over what {@code clean}'s topics
     * hold and returns what it wrote.
     */
    public static HighBillReference of(TestStack clean) throws Exception {
        JobRuns.untilIdle(clean.config(), HighBillJob.JOB);
        return written(clean);
    }

    /** What the job wrote to {@code stack} so far. */
    public static HighBillReference written(TestStack stack) {
        return new HighBillReference(alerts(stack), distinctMessages(stack));
    }

    /** Alerts whose notification was sent. */
    public long sent() {
        return alerts.values().stream().filter(a -> a.get("sent").equals("1")).count();
    }

    /** Whether {@code stack} holds these alerts and the ids of these notifications. */
    public boolean metBy(TestStack stack) {
        return alerts(stack).equals(alerts)
                && distinctMessages(stack).keySet().equals(messages.keySet());
    }

    /**
     * {@code stack}'s alert rows ({@code FINAL}) equal these, row for row; the topic's ids are
     * exactly the sent alerts, and every id carries one content, this reference's (a message sent
     * again after a restore or a retry is the same message).
     */
    public void assertMetBy(TestStack stack) {
        assertThat(alerts(stack))
                .as("high_bill_alerts FINAL = the reference's")
                .containsExactlyInAnyOrderEntriesOf(alerts);
        Map<String, Set<CustomerNotification>> contents = new TreeMap<>();
        messages(stack)
                .forEach(
                        m ->
                                contents.computeIfAbsent(
                                                m.getNotificationId(), id -> new HashSet<>())
                                        .add(m));
        assertThat(contents.keySet())
                .as("the ids on customer-notifications = the sent alerts")
                .containsExactlyInAnyOrderElementsOf(
                        alerts.values().stream()
                                .filter(a -> a.get("sent").equals("1"))
                                .map(a -> a.get("notification_id"))
                                .toList());
        contents.forEach(
                (id, versions) ->
                        assertThat(versions)
                                .as("the messages with id " + id)
                                .containsExactly(messages.get(id)));
    }

    /** The current alert rows ({@code FINAL}) by notification id. */
    public static Map<String, Map<String, String>> alerts(TestStack stack) {
        try (var ch = stack.clickHouse()) {
            Map<String, Map<String, String>> rows = new TreeMap<>();
            for (Map<String, String> r : ch.rows(ALERT_COLUMNS + " FINAL")) {
                rows.put(r.get("notification_id"), r);
            }
            return rows;
        }
    }

    /** Alert rows written, repeats included. */
    public static long alertRows(TestStack stack) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM high_bill_alerts"));
        }
    }

    /**
     * Every high-bill notification on {@code customer-notifications} (the topic also carries the
     * outage notices of the consumption job), repeats included.
     */
    public static List<CustomerNotification> messages(TestStack stack) {
        AvroCodec<CustomerNotification> codec = AvroCodec.of(CustomerNotification.class);
        List<CustomerNotification> messages = new ArrayList<>();
        try {
            for (var record : stack.readAll(Topics.CUSTOMER_NOTIFICATIONS)) {
                CustomerNotification n = codec.decode(record.value());
                if (n.getKind() == NotificationKind.HIGH_BILL) {
                    messages.add(n);
                }
            }
        } catch (Exception e) {
            throw new AssertionError("unreadable notification", e);
        }
        return messages;
    }

    private static Map<String, CustomerNotification> distinctMessages(TestStack stack) {
        Map<String, CustomerNotification> byId = new HashMap<>();
        messages(stack).forEach(m -> byId.putIfAbsent(m.getNotificationId(), m));
        return byId;
    }
}
