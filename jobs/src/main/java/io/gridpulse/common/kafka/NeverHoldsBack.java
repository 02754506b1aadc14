package io.gridpulse.common.kafka;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a dimension stream: none, the stream is idle for event time, so in a two-input
 * operator the other input alone decides event time. Records of this stream are applied as they
 * arrive.
 *
 * <p>Idle rather than a watermark at the end of time: when the other input goes idle too (meter
 * reads paused for longer than {@code events.source.idleness}), an operator whose inputs are all
 * idle keeps its event time, where a dimension at {@code Long.MAX_VALUE} would become the minimum
 * of the active inputs and end event time for good (every timer fired, every meter closed as at the
 * end of a bounded input).
 */
public final class NeverHoldsBack<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
