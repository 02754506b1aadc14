package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources and the dead-letter sink, built the same way for every job.
 *
 * <p>Event time comes from the Kafka record timestamp, which producers set to the event time of the
 * record (the simulator, the replay tool and the head-end adapters do). Watermarks are made per
 * partition inside the source, so a partition that is read faster than another (a replay of
 * history) does not make the other one's records late.
 */
public final class KafkaInputs {

    private final KafkaSettings kafka;
    private final String jobName;
    private final boolean untilIdle;

    /**
     * @param untilIdle read each topic up to the offsets it has at start-up, then finish (for
     *     replayed or simulated history); otherwise read forever
     */
    public KafkaInputs(KafkaSettings kafka, String jobName, boolean untilIdle) {
        this.kafka = kafka;
        this.jobName = jobName;
        this.untilIdle = untilIdle;
    }

    public KafkaSource<RawRecord> source(String topic) {
        var builder =
                KafkaSource.<RawRecord>builder()
                        // brokers and security; the client ids come from the prefix below
                        .setProperties(kafka.clientProperties("gridpulse-" + jobName + "-" + topic))
                        .setTopics(kafka.topic(topic))
                        .setGroupId("gridpulse-" + jobName)
                        .setClientIdPrefix("gridpulse-" + jobName + "-" + topic)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RawRecordDeserializer());
        if (untilIdle) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Reads {@code topic} with bounded out-of-orderness watermarks and decodes it into {@code
     * type}; undecodable records leave through {@link DecodeOrDeadLetter#DEAD_LETTERS}.
     */
    public <T extends SpecificRecord> SingleOutputStreamOperator<T> events(
            StreamExecutionEnvironment env,
            String topic,
            Class<T> type,
            Duration outOfOrderness,
            Duration idleness) {
        WatermarkStrategy<RawRecord> watermarks =
                WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(outOfOrderness)
                        .withIdleness(idleness);
        return decoded(
                env.fromSource(source(topic), watermarks, topic).uid("source-" + topic),
                topic,
                type);
    }

    /**
     * Reads a changelog topic whose records describe the world rather than happen in it (customer
     * master data). It never holds back event time: a join with it waits only for the other input.
     */
    public <T extends SpecificRecord> SingleOutputStreamOperator<T> dimension(
            StreamExecutionEnvironment env, String topic, Class<T> type) {
        var neverHoldsBack =
                WatermarkStrategy.<RawRecord>forGenerator(ctx -> new NeverHoldsBack<>());
        return decoded(
                env.fromSource(source(topic), neverHoldsBack, topic).uid("source-" + topic),
                topic,
                type);
    }

    private <T extends SpecificRecord> SingleOutputStreamOperator<T> decoded(
            DataStream<RawRecord> raw, String topic, Class<T> type) {
        return raw.process(new DecodeOrDeadLetter<>(type, jobName))
                .returns(TypeInformation.of(type))
                .name("decode " + topic)
                .uid("decode-" + topic);
    }

    /** Writes dead letters to the dead-letter topic of the topic each was read from. */
    public KafkaSink<DeadLetter> deadLetterSink() {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(kafka.clientProperties("gridpulse-" + jobName + "-dlq"))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new DeadLetterSerializer())
                .build();
    }
}
