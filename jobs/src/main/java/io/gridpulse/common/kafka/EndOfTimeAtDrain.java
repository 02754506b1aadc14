package io.gridpulse.common.kafka;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes a source's records and watermarks on, and makes sure the end of its input carries the end
 * of event time, even when the source was idle.
 *
 * <p>At the end of a bounded input, and when a live job is stopped with {@code --drain}, a source
 * task emits {@code Long.MAX_VALUE} as its last watermark, but Flink 2.2 drops it while the source
 * is idle (its outputs drop watermarks under an announced IDLE status; FLINK-40499, fixed upstream
 * by announcing ACTIVE first). A live input is idle whenever it has been silent for {@code
 * events.source.idleness}, and a dimension always is ({@link NeverHoldsBack}): a drained job's
 * timers never fired, its cases stayed open. Chained right after the source, this operator sees the
 * end of input ({@link #endInput}, called only at a drain or a bounded end, never at a plain stop
 * with a savepoint) and announces ACTIVE and the end of event time itself when the source did not.
 */
public final class EndOfTimeAtDrain<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private boolean endOfTimeSeen;

    /** The stream with the operator chained after it. */
    public static <T> DataStream<T> after(DataStream<T> source, String topic) {
        return source.transform("end of time at drain", source.getType(), new EndOfTimeAtDrain<>())
                .uid("end-of-time-" + topic);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        endOfTimeSeen |= mark.getTimestamp() == Long.MAX_VALUE;
        super.processWatermark(mark);
    }

    @Override
    public void endInput() throws Exception {
        if (!endOfTimeSeen) {
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
            processWatermark(Watermark.MAX_WATERMARK);
        }
    }
}
