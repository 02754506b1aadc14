package io.gridpulse.common.kafka;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.schema.DeadLetter;
import io.gridpulse.streams.EventTimes;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources and the dead-letter sink, built the same way for every job.
 *
 * <p>Records are decoded and checked inside the source ({@link InputDeserializer}), so event time
 * comes from the decoded value ({@link io.gridpulse.streams.EventTimes}), never from a producer's
 * Kafka timestamp, and watermarks are made per partition inside the source: a partition that is
 * read faster than another (a replay of history) does not make the other one's records late, and no
 * undecodable or refused record moves a watermark ({@link GoodRecordsOnly}).
 */
public final class KafkaInputs {

    private final KafkaSettings kafka;
    private final String jobName;
    private final boolean untilIdle;
    private final DoorChecks checks;
    private final int maxRecordBytes;
    private final int maxDeadLetterBytes;
    private final Duration schemaLookupInterval;

    /**
     * @param untilIdle read each topic up to the offsets it has at start-up, then finish (for
     *     replayed or simulated history); otherwise read forever
     */
    public KafkaInputs(KafkaSettings kafka, String jobName, boolean untilIdle) {
        this(
                kafka,
                jobName,
                untilIdle,
                new DoorChecks(
                        CommonKeys.EARLIEST_EVENT_TIME.defaultValue(),
                        CommonKeys.MAX_AHEAD_OF_WALL_CLOCK.defaultValue()),
                CommonKeys.MAX_RECORD_BYTES.defaultValue(),
                CommonKeys.DEAD_LETTER_MAX_BYTES.defaultValue(),
                CommonKeys.SCHEMA_LOOKUP_INTERVAL.defaultValue());
    }

    /**
     * @param schemaLookupInterval minimum time between two reads of the schemas topic for writers
     *     the sources do not know
     */
    public KafkaInputs(
            KafkaSettings kafka,
            String jobName,
            boolean untilIdle,
            DoorChecks checks,
            int maxRecordBytes,
            int maxDeadLetterBytes,
            Duration schemaLookupInterval) {
        this.kafka = kafka;
        this.jobName = jobName;
        this.untilIdle = untilIdle;
        this.checks = checks;
        this.maxRecordBytes = maxRecordBytes;
        this.maxDeadLetterBytes = maxDeadLetterBytes;
        this.schemaLookupInterval = schemaLookupInterval;
    }

    /** Inputs with the door checks and size limits of the job configuration. */
    public static KafkaInputs from(GridPulseConfig config, String jobName, boolean untilIdle) {
        return new KafkaInputs(
                KafkaSettings.from(config),
                jobName,
                untilIdle,
                new DoorChecks(
                        config.get(CommonKeys.EARLIEST_EVENT_TIME),
                        config.get(CommonKeys.MAX_AHEAD_OF_WALL_CLOCK)),
                config.get(CommonKeys.MAX_RECORD_BYTES),
                config.get(CommonKeys.DEAD_LETTER_MAX_BYTES),
                config.get(CommonKeys.SCHEMA_LOOKUP_INTERVAL));
    }

    /** The group id of a job's sources: {@code gridpulse-<job>}. */
    public static String groupId(String jobName) {
        return "gridpulse-" + jobName;
    }

    public <T extends SpecificRecord> KafkaSource<Either<T, DeadLetter>> source(
            String topic, Class<T> type) {
        var builder =
                KafkaSource.<Either<T, DeadLetter>>builder()
                        // brokers, security, the wait for an absent broker; the client ids come
                        // from the prefix below
                        .setProperties(
                                kafka.consumerProperties("gridpulse-" + jobName + "-" + topic))
                        .setTopics(kafka.topic(topic))
                        .setGroupId(groupId(jobName))
                        .setClientIdPrefix("gridpulse-" + jobName + "-" + topic)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(
                                new InputDeserializer<>(
                                        type,
                                        jobName,
                                        checks,
                                        maxRecordBytes,
                                        maxDeadLetterBytes,
                                        kafka,
                                        schemaLookupInterval));
        if (untilIdle) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Reads {@code topic} with bounded out-of-orderness watermarks over the event time of its good
     * records; refused records leave through {@link DeadLetters#TAG}.
     */
    public <T extends SpecificRecord> SingleOutputStreamOperator<T> events(
            StreamExecutionEnvironment env,
            String topic,
            Class<T> type,
            Duration outOfOrderness,
            Duration idleness) {
        WatermarkStrategy<Either<T, DeadLetter>> watermarks =
                WatermarkStrategy.<Either<T, DeadLetter>>forGenerator(
                                ctx ->
                                        new GoodRecordsOnly<>(
                                                new BoundedOutOfOrdernessWatermarks<>(
                                                        outOfOrderness)))
                        .withTimestampAssigner(
                                (record, kafkaTimestamp) ->
                                        record.isLeft()
                                                ? EventTimes.of(record.left())
                                                        .orElseThrow()
                                                        .toEpochMilli()
                                                : kafkaTimestamp)
                        .withIdleness(idleness);
        return split(
                EndOfTimeAtDrain.after(
                        env.fromSource(source(topic, type), watermarks, topic)
                                .uid("source-" + topic),
                        topic),
                topic,
                type);
    }

    /**
     * Reads a changelog topic whose records describe the world rather than happen in it (customer
     * master data). Running live it never holds back event time: a join with it waits only for the
     * other input. Running until idle (bounded) it holds event time back until it is read.
     */
    public <T extends SpecificRecord> SingleOutputStreamOperator<T> dimension(
            StreamExecutionEnvironment env, String topic, Class<T> type) {
        // a bounded run reads the master data first: event time waits until it is read to its end
        // (a small topic), so a join never sees a record's facts before the record, whatever the
        // order the sources happen to be read in
        WatermarkStrategy<Either<T, DeadLetter>> watermarks =
                untilIdle
                        ? WatermarkStrategy.noWatermarks()
                        : WatermarkStrategy.forGenerator(ctx -> new NeverHoldsBack<>());
        return split(
                EndOfTimeAtDrain.after(
                        env.fromSource(source(topic, type), watermarks, topic)
                                .uid("source-" + topic),
                        topic),
                topic,
                type);
    }

    private <T extends SpecificRecord> SingleOutputStreamOperator<T> split(
            DataStream<Either<T, DeadLetter>> checked, String topic, Class<T> type) {
        return checked.process(new SplitDeadLetters<T>(topic))
                .returns(TypeInformation.of(type))
                .name("dead letters of " + topic)
                // the uid of the former decode step: savepoints of earlier versions still map
                .uid("decode-" + topic);
    }

    /** Writes dead letters to the dead-letter topic of the topic each was read from. */
    public KafkaSink<DeadLetter> deadLetterSink() {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(kafka.producerProperties("gridpulse-" + jobName + "-dlq"))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new DeadLetterSerializer())
                .build();
    }
}
