package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.streams.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Realtime mode closes the loop: a reconnect command that reaches the head-end is answered with the
 * switch events of a reconnection, once per command id, and staff no longer reconnect cleared
 * customers by hand.
 */
class HeadEndAnswerTest {

    private static final SimulationConfig CONFIG = SimulationConfig.of(500, 3, SimulatedRuns.SEED);

    /** The cleared arrears case of the fast run whose command the head-end will receive. */
    private final ServiceCase cleared =
            SimulatedRuns.city().truth().serviceCases().stream()
                    .filter(ServiceCase::reconnectExpected)
                    .findFirst()
                    .orElseThrow();

    private final ReconnectCommand command =
            ReconnectCommand.newBuilder()
                    .setCommandId("RC-" + cleared.disconnectEventId())
                    .setCustomerId(cleared.customerId())
                    .setMeterId(cleared.meterId())
                    .setDisconnectEventId(cleared.disconnectEventId())
                    .setClearedBy(ClearedBy.PAYMENT)
                    .setClearedAt(cleared.clearedAt())
                    .setIssuedAt(cleared.clearedAt())
                    .build();

    /** Delivers the command (twice, as at-least-once delivery may) at the tick after clearing. */
    private final CommandInbox inbox =
            new CommandInbox() {
                private long tick;

                @Override
                public List<ReconnectCommand> drain() {
                    long now = RunWindow.of(CONFIG).start() + tick++ * RunWindow.TICK;
                    long clearedAt = cleared.clearedAt().toEpochMilli();
                    return now > clearedAt && now <= clearedAt + RunWindow.TICK
                            ? List.of(command, command)
                            : List.of();
                }
            };

    @Test
    void shouldAnswerACommandOnceWithTheSwitchEventsOfAReconnection() {
        CollectingRecordSink sink = new CollectingRecordSink();
        new Simulator(CONFIG).run(sink, Pacing.FAST, ProgressListener.NONE, inbox);
        List<SwitchEvent> answers =
                sink.values(Topics.SWITCH_EVENTS, SwitchEvent.class).stream()
                        .filter(e -> command.getCommandId().equals(e.getCommandId()))
                        .toList();

        assertThat(answers).isNotEmpty();
        assertThat(answers)
                .allSatisfy(
                        e -> {
                            assertThat(e.getMeterId()).isEqualTo(cleared.meterId());
                            assertThat(e.getAction()).isEqualTo(SwitchAction.RECONNECT);
                            assertThat(e.getEventTime()).isAfter(cleared.clearedAt());
                        });
        assertThat(answers)
                .filteredOn(e -> e.getStage() == SwitchStage.EXECUTED)
                .as("one reconnection for a command delivered twice")
                .hasSize(1);
        SwitchEvent executed =
                answers.stream()
                        .filter(e -> e.getStage() == SwitchStage.EXECUTED)
                        .findFirst()
                        .orElseThrow();
        assertThat(executed.getEventTime())
                .as("power back minutes after the command, not hours")
                .isBefore(cleared.clearedAt().plusSeconds(20 * 60));
    }

    @Test
    void shouldLeaveReconnectingToTheCommandsWhenTheHeadEndReceivesThem() {
        CollectingRecordSink sink = new CollectingRecordSink();
        new Simulator(CONFIG).run(sink, Pacing.FAST, ProgressListener.NONE, inbox);

        assertThat(sink.values(Topics.SWITCH_EVENTS, SwitchEvent.class))
                .filteredOn(e -> e.getAction() == SwitchAction.RECONNECT)
                .allSatisfy(e -> assertThat(e.getCommandId()).isEqualTo(command.getCommandId()));
        assertThat(SimulatedRuns.city().sink().values(Topics.SWITCH_EVENTS, SwitchEvent.class))
                .as("in fast mode staff still reconnect some cleared customers by hand")
                .anyMatch(e -> e.getAction() == SwitchAction.RECONNECT && e.getCommandId() == null);
    }
}
