package io.gridpulse.simulator;

import io.gridpulse.schema.ReconnectCommand;
import java.util.List;

/**
 * Reconnect commands that reached the simulated head-end since it last looked. In realtime mode the
 * {@link HeadEndStandIn} fills it from {@code reconnect-commands}; the run answers each command at
 * the tick it is drained in.
 */
public interface CommandInbox {

    /** No commands ever: the head-end's executions are scripted (fast mode). */
    CommandInbox NONE = List::of;

    /** The commands received since the last call, in arrival order. */
    List<ReconnectCommand> drain();
}
