package io.gridpulse.simulator;

import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.streams.Topics;
import java.util.SplittableRandom;

/**
 * The metering head-end's remote switch: orders reach the meter a minute or few later, sometimes
 * fail and are retried, and each step is reported on {@code switch-events}. The meter's relay
 * changes state when a step is EXECUTED.
 */
final class HeadEnd {

    /** The outcome of a switch order: the EXECUTED event and its time. */
    record Switching(String executedEventId, long executedAt) {}

    private final TickBuffer out;
    private final Agenda agenda;

    HeadEnd(TickBuffer out, Agenda agenda) {
        this.out = out;
        this.agenda = agenda;
    }

    Switching disconnect(
            Household household, SwitchReason reason, long orderedAt, boolean firstAttemptFails) {
        SplittableRandom random = household.random();
        long ordered = orderedAt;
        if (firstAttemptFails) {
            report(
                    household,
                    SwitchAction.DISCONNECT,
                    SwitchStage.ORDERED,
                    reason,
                    ordered,
                    () -> {});
            report(
                    household,
                    SwitchAction.DISCONNECT,
                    SwitchStage.FAILED,
                    reason,
                    ordered + RunWindow.MINUTE + random.nextLong(2 * RunWindow.MINUTE),
                    () -> {});
            ordered += 10 * RunWindow.MINUTE + random.nextLong(10 * RunWindow.MINUTE);
        }
        return execute(household, SwitchAction.DISCONNECT, reason, ordered, household::openRelay);
    }

    Switching reconnect(Household household, SwitchReason reason, long orderedAt) {
        return execute(household, SwitchAction.RECONNECT, reason, orderedAt, household::closeRelay);
    }

    private Switching execute(
            Household household,
            SwitchAction action,
            SwitchReason reason,
            long orderedAt,
            Runnable relay) {
        report(household, action, SwitchStage.ORDERED, reason, orderedAt, () -> {});
        long executedAt =
                orderedAt + RunWindow.MINUTE + household.random().nextLong(3 * RunWindow.MINUTE);
        String id = report(household, action, SwitchStage.EXECUTED, reason, executedAt, relay);
        return new Switching(id, executedAt);
    }

    private String report(
            Household household,
            SwitchAction action,
            SwitchStage stage,
            SwitchReason reason,
            long at,
            Runnable effect) {
        String id = household.nextId('E');
        agenda.at(
                at,
                () -> {
                    out.emit(
                            Topics.SWITCH_EVENTS,
                            household.meterId(),
                            Records.switchEvent(id, household, action, stage, reason, at),
                            at);
                    effect.run();
                });
        return id;
    }
}
