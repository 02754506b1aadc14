package io.gridpulse.reconnect;

import java.time.Instant;

/** A row of {@code switch_events}: the switch history of a meter, for the meter-detail board. */
public record SwitchEventRow(
        String meterId,
        String eventId,
        String customerId,
        String action,
        String stage,
        String reason,
        String commandId,
        Instant eventTime,
        long eventMs) {

    static SwitchEventRow of(SwitchStep s) {
        return new SwitchEventRow(
                s.meterId,
                s.eventId,
                s.customerId == null ? "" : s.customerId,
                s.action,
                s.stage,
                s.reason,
                s.commandId == null ? "" : s.commandId,
                Instant.ofEpochMilli(s.timeMs),
                s.timeMs);
    }
}
