package io.gridpulse.common.kafka;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a dimension stream: always at the end of time, so in a two-input operator the
 * other input alone decides event time. Records of this stream are applied as they arrive.
 *
 * <p>Known consequence (docs/reliability.md): once every event input of such an operator has been
 * idle for {@code events.source.idleness}, this watermark is the only one left and a live job
 * reaches the end of time. Marking the dimension idle instead was tried and reverted: the restore
 * test relies on a drained live run closing its cases that way.
 */
public final class NeverHoldsBack<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}
