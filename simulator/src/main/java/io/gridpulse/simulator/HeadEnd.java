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

    /** Share of answered commands whose first attempt fails and is retried. */
    private static final double FIRST_ATTEMPT_FAILS = 0.05;

    private final TickBuffer out;
    private final Agenda agenda;

    /** True when GridPulse's commands reach the head-end (realtime mode with the stand-in). */
    private boolean answersCommands;

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
                    null,
                    () -> {});
            report(
                    household,
                    SwitchAction.DISCONNECT,
                    SwitchStage.FAILED,
                    reason,
                    ordered + RunWindow.MINUTE + random.nextLong(2 * RunWindow.MINUTE),
                    null,
                    () -> {});
            ordered += 10 * RunWindow.MINUTE + random.nextLong(10 * RunWindow.MINUTE);
        }
        return execute(
                household, SwitchAction.DISCONNECT, reason, ordered, null, household::openRelay);
    }

    Switching reconnect(Household household, SwitchReason reason, long orderedAt) {
        return execute(
                household, SwitchAction.RECONNECT, reason, orderedAt, null, household::closeRelay);
    }

    void answerCommands() {
        answersCommands = true;
    }

    boolean answersCommands() {
        return answersCommands;
    }

    /**
     * Answers a GridPulse reconnect command received at {@code receivedAt}: the order reaches the
     * meter seconds later and is executed a minute or few after that; now and then the first
     * attempt fails and is retried. Every step carries the command's id.
     */
    Switching answer(Household household, String commandId, long receivedAt) {
        SplittableRandom random = household.random();
        long ordered = receivedAt + 5_000 + random.nextLong(25_000);
        if (random.nextDouble() < FIRST_ATTEMPT_FAILS) {
            report(
                    household,
                    SwitchAction.RECONNECT,
                    SwitchStage.ORDERED,
                    SwitchReason.ARREARS,
                    ordered,
                    commandId,
                    () -> {});
            long failed = ordered + RunWindow.MINUTE + random.nextLong(RunWindow.MINUTE);
            report(
                    household,
                    SwitchAction.RECONNECT,
                    SwitchStage.FAILED,
                    SwitchReason.ARREARS,
                    failed,
                    commandId,
                    () -> {});
            ordered = failed + 5 * RunWindow.MINUTE + random.nextLong(5 * RunWindow.MINUTE);
        }
        return execute(
                household,
                SwitchAction.RECONNECT,
                SwitchReason.ARREARS,
                ordered,
                commandId,
                household::closeRelay);
    }

    private Switching execute(
            Household household,
            SwitchAction action,
            SwitchReason reason,
            long orderedAt,
            String commandId,
            Runnable relay) {
        report(household, action, SwitchStage.ORDERED, reason, orderedAt, commandId, () -> {});
        long executedAt =
                orderedAt + RunWindow.MINUTE + household.random().nextLong(3 * RunWindow.MINUTE);
        String id =
                report(
                        household,
                        action,
                        SwitchStage.EXECUTED,
                        reason,
                        executedAt,
                        commandId,
                        relay);
        return new Switching(id, executedAt);
    }

    private String report(
            Household household,
            SwitchAction action,
            SwitchStage stage,
            SwitchReason reason,
            long at,
            String commandId,
            Runnable effect) {
        String id = household.nextId('E');
        agenda.at(
                at,
                () -> {
                    out.emit(
                            Topics.SWITCH_EVENTS,
                            household.meterId(),
                            Records.switchEvent(id, household, action, stage, reason, at)
                                    .setCommandId(commandId)
                                    .build(),
                            at);
                    effect.run();
                });
        return id;
    }
}
