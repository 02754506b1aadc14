package io.gridpulse.common.kafka;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;

/**
 * Lets only good records drive a partition's watermark: a dead letter, whatever its timestamp, is
 * invisible to event time (and to idleness: a partition that carries only garbage is idle).
 */
final class GoodRecordsOnly<T, L> implements WatermarkGenerator<Either<T, L>> {

    private final WatermarkGenerator<Either<T, L>> inner;

    GoodRecordsOnly(WatermarkGenerator<Either<T, L>> inner) {
        this.inner = inner;
    }

    @Override
    public void onEvent(Either<T, L> event, long eventTimestamp, WatermarkOutput output) {
        if (event.isLeft()) {
            inner.onEvent(event, eventTimestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        inner.onPeriodicEmit(output);
    }
}
