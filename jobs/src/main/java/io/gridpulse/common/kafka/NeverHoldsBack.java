package io.gridpulse.common.kafka;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a dimension stream in a live run: none, the stream is always idle, so in a
 * two-input operator the other input alone decides event time. Records of this stream are applied
 * as they arrive.
 *
 * <p>Idle, not at the end of time: when every event input of such an operator is idle too (reads
 * pause for longer than {@code events.source.idleness}), the operator is idle and its event time
 * stands still. A dimension at {@code Long.MAX_VALUE} was the only input left then, and carried the
 * job to the end of time: every meter closed as at the end of a bounded input, and the interval
 * across the pause was lost (ReadsPauseITCase). A live job that must close everything is stopped
 * with {@code --drain}, which is Flink's own end of event time.
 */
public final class NeverHoldsBack<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
