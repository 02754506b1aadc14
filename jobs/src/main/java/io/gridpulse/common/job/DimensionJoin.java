package io.gridpulse.common.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.ConnectedStreams;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * A keyed join of events (input 1) with a dimension (input 2) that is idle whenever the events are:
 * event time stands still, and the operator says so downstream by sending no watermark, never by
 * announcing IDLE.
 *
 * <p>Idle inputs are left out of the operator's own watermark, as in Flink. But an idle operator is
 * left out of its downstream operators' watermarks too, and every subtask of this one turns active
 * again at its own moment: the first to do so carried a downstream operator on alone, ahead of the
 * facts its sister subtasks were still to send. At a drain (every source ends at once) that lost
 * data: an area watch reached the end of time on one validator subtask, closed, and the other
 * subtask's cases, sent a moment later, were never written. Every subtask of this operator reads
 * every upstream subtask (a keyed exchange), so its watermarks are the same on all of them and
 * downstream loses nothing by waiting for each.
 */
public final class DimensionJoin<K, IN1, IN2, OUT>
        extends KeyedCoProcessOperator<K, IN1, IN2, OUT> {

    private static final long serialVersionUID = 1L;

    DimensionJoin(KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
        super(function);
    }

    /** {@code connected.process(function)} with this operator. */
    public static <K, IN1, IN2, OUT> SingleOutputStreamOperator<OUT> process(
            ConnectedStreams<IN1, IN2> connected,
            KeyedCoProcessFunction<K, IN1, IN2, OUT> function,
            Class<OUT> type,
            String name) {
        return connected.transform(name, TypeInformation.of(type), new DimensionJoin<>(function));
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int input) throws Exception {
        if (combinedWatermark.updateStatus(input, status.isIdle())) {
            processWatermark(new Watermark(combinedWatermark.getCombinedWatermark()));
        }
    }
}
