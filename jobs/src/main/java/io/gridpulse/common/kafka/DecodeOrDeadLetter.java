package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.UnreadableRecordException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw Kafka records into the Avro record of their topic. A record that cannot be decoded
 * does not fail the job: it goes to the {@link #DEAD_LETTERS} side output with its bytes and the
 * reason, and is counted.
 */
public class DecodeOrDeadLetter<T extends SpecificRecord> extends ProcessFunction<RawRecord, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final Class<T> type;
    private final String jobName;
    private transient AvroCodec<T> codec;
    private transient Counter rejected;

    public DecodeOrDeadLetter(Class<T> type, String jobName) {
        this.type = type;
        this.jobName = jobName;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = AvroCodec.of(type);
        rejected = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        try {
            out.collect(codec.decode(record.value));
        } catch (UnreadableRecordException e) {
            rejected.inc();
            ctx.output(DEAD_LETTERS, deadLetter(record, e, jobName));
        }
    }

    static DeadLetter deadLetter(RawRecord record, UnreadableRecordException e, String jobName) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return DeadLetter.newBuilder()
                .setSourceTopic(record.topic)
                .setSourcePartition(record.partition)
                .setSourceOffset(record.offset)
                .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp))
                .setKey(record.key == null ? null : ByteBuffer.wrap(record.key))
                .setValue(record.value == null ? null : ByteBuffer.wrap(record.value))
                .setReason(e.getMessage())
                .setErrorClass(cause.getClass().getName())
                .setJob(jobName)
                .setRejectedAt(Instant.now())
                .build();
    }
}
