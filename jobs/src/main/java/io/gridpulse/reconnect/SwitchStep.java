package io.gridpulse.reconnect;

import io.gridpulse.schema.SwitchEvent;

/** A head-end switch event with the customer its meter belongs to; kept in state per customer. */
public class SwitchStep {

    public static final String DISCONNECT = "DISCONNECT";
    public static final String RECONNECT = "RECONNECT";
    public static final String ORDERED = "ORDERED";
    public static final String EXECUTED = "EXECUTED";
    public static final String FAILED = "FAILED";
    public static final String ARREARS = "ARREARS";

    public String eventId;
    public String meterId;

    /** The customer from the {@code customers} changelog; null until the meter is mapped. */
    public String customerId;

    /** The customer id the head-end itself reported, if any. */
    public String reportedCustomerId;

    public String action;
    public String stage;
    public String reason;
    public String commandId;
    public long timeMs;

    public SwitchStep() {}

    public SwitchStep(
            String eventId,
            String meterId,
            String reportedCustomerId,
            String action,
            String stage,
            String reason,
            String commandId,
            long timeMs) {
        this.eventId = eventId;
        this.meterId = meterId;
        this.reportedCustomerId = reportedCustomerId;
        this.action = action;
        this.stage = stage;
        this.reason = reason;
        this.commandId = commandId;
        this.timeMs = timeMs;
    }

    public static SwitchStep of(SwitchEvent e) {
        return new SwitchStep(
                e.getEventId(),
                e.getMeterId(),
                e.getCustomerId(),
                e.getAction().name(),
                e.getStage().name(),
                e.getReason().name(),
                e.getCommandId(),
                e.getEventTime().toEpochMilli());
    }

    SwitchStep ownedBy(String customer) {
        SwitchStep s =
                new SwitchStep(
                        eventId,
                        meterId,
                        reportedCustomerId,
                        action,
                        stage,
                        reason,
                        commandId,
                        timeMs);
        s.customerId = customer;
        return s;
    }

    boolean is(String action, String stage) {
        return this.action.equals(action) && this.stage.equals(stage);
    }

    @Override
    public String toString() {
        return action + "/" + stage + "/" + reason + " " + eventId + " @" + timeMs;
    }
}
