package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Passes the good records of an input on and sends its dead letters to {@link DeadLetters#TAG}.
 * Counts both per topic in accumulators, so a run can account for every record it read.
 */
public class SplitDeadLetters<T> extends ProcessFunction<Either<T, DeadLetter>, T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient LongCounter accepted;
    private transient LongCounter rejected;
    private transient LongCounter quarantined;

    public SplitDeadLetters(String topic) {
        this.topic = topic;
    }

    /** Accumulator names: {@code <kind>:<topic>}, kind one of accepted, rejected, quarantined. */
    public static String accumulator(String kind, String topic) {
        return kind + ":" + topic;
    }

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getLongCounter(accumulator("accepted", topic));
        rejected = getRuntimeContext().getLongCounter(accumulator("rejected", topic));
        quarantined = getRuntimeContext().getLongCounter(accumulator("quarantined", topic));
    }

    @Override
    public void processElement(Either<T, DeadLetter> record, Context ctx, Collector<T> out) {
        if (record.isLeft()) {
            accepted.add(1);
            out.collect(record.left());
        } else {
            DeadLetter letter = record.right();
            (DeadLetters.isQuarantined(letter) ? quarantined : rejected).add(1);
            ctx.output(DeadLetters.TAG, letter);
        }
    }
}
