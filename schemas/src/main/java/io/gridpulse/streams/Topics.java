package io.gridpulse.streams;

import java.util.List;

/** Names of the Kafka topics GridPulse reads and writes, as listed in DESIGN.md. */
public final class Topics {

    public static final String CUSTOMERS = "customers";
    public static final String METER_READS = "meter-reads";
    public static final String BILLS = "bills";
    public static final String PAYMENTS = "payments";
    public static final String NOTICES = "notices";
    public static final String SWITCH_EVENTS = "switch-events";
    public static final String SERVICE_ORDERS = "service-orders";
    public static final String RECONNECT_COMMANDS = "reconnect-commands";

    /** Messages to customers by SMS or WeChat: high-bill alerts, outage news. */
    public static final String CUSTOMER_NOTIFICATIONS = "customer-notifications";

    /**
     * The compacted catalog of writer schemas published after the jobs were built ({@link
     * PublishedSchemas}): key {@code <record full name>/<fingerprint hex>}, value the schema JSON.
     */
    public static final String SCHEMAS = "schemas";

    /** The seven input streams, in the order the simulator introduces them. */
    public static final List<String> INPUTS =
            List.of(
                    CUSTOMERS,
                    METER_READS,
                    BILLS,
                    PAYMENTS,
                    NOTICES,
                    SWITCH_EVENTS,
                    SERVICE_ORDERS);

    private static final String DEAD_LETTER_SUFFIX = "-dlq";

    private Topics() {}

    /**
     * The dead-letter topic of an input topic: where its unreadable records go, with the reason.
     */
    public static String deadLetter(String inputTopic) {
        return inputTopic + DEAD_LETTER_SUFFIX;
    }

    /**
     * Every topic the local stack creates: inputs, their dead-letter topics, the outputs and the
     * schema catalog.
     */
    public static List<String> all() {
        var all = new java.util.ArrayList<>(INPUTS);
        INPUTS.forEach(t -> all.add(deadLetter(t)));
        all.add(RECONNECT_COMMANDS);
        all.add(CUSTOMER_NOTIFICATIONS);
        all.add(SCHEMAS);
        return List.copyOf(all);
    }
}
