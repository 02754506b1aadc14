package io.gridpulse.tools.bench;

import io.gridpulse.common.LateRecord;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.consumption.ConsumptionAnomaly;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.consumption.IntervalConsumption;
import io.gridpulse.consumption.ValidationSettings;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.DeadLetter;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.streams.AvroCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Watermark alignment during catch-up. A replay of {@value #DAYS} days on a topic of two
 * partitions: partition 0 holds few meters reading every 15 minutes (many records per hour of event
 * time), partition 1 many meters reading once a day (few records per hour). Read at the same pace,
 * partition 1's event time runs far ahead, and its reads wait in the validator's state until
 * partition 0's watermark catches up. With alignment the source pauses partition 1 instead. The
 * consumption job's validator runs on both, with checkpoints every half second; the figure is the
 * largest checkpointed state.
 */
final class SkewedReplay {

    static final int DAYS = 3;
    static final String TOPIC = "bench-skewed-reads";
    static final Duration MAX_DRIFT = Duration.ofMinutes(15);

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    /** Largest checkpointed state and running time, without and with alignment. */
    record Result(
            long records,
            long maxStateBytesUnaligned,
            double secondsUnaligned,
            long maxStateBytesAligned,
            double secondsAligned) {}

    private SkewedReplay() {}

    /**
     * @param sparseMeters meters of the once-a-day partition; the 15-minute partition has a tenth
     *     of them, so it holds about ten times the records per day
     */
    static Result run(BenchCluster cluster, GridPulseConfig config, int sparseMeters)
            throws Exception {
        KafkaSettings kafka = KafkaSettings.from(config);
        long records = produce(kafka, sparseMeters, Math.max(1, sparseMeters / 10));
        long[] unaligned = replay(cluster, config, false);
        long[] aligned = replay(cluster, config, true);
        return new Result(records, unaligned[0], unaligned[1] / 1e3, aligned[0], aligned[1] / 1e3);
    }

    private static long produce(KafkaSettings kafka, int sparseMeters, int denseMeters)
            throws Exception {
        String topic = kafka.topic(TOPIC);
        try (var admin = AdminClient.create(kafka.clientProperties("bench-admin"))) {
            if (admin.listTopics().names().get().contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get();
                Thread.sleep(1_000);
            }
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, 2, (short) 1)
                                            .configs(Map.of("retention.ms", "-1"))))
                    .all()
                    .get();
        }
        AvroCodec<MeterRead> codec = AvroCodec.of(MeterRead.class);
        Properties p = kafka.clientProperties("bench-skew-producer");
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        long records = 0;
        try (var producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long dayMs = Duration.ofDays(1).toMillis();
            long quarterMs = Duration.ofMinutes(15).toMillis();
            for (long t = 0; t < DAYS * dayMs; t += quarterMs) {
                for (int m = 0; m < denseMeters; m++) {
                    send(producer, codec, topic, 0, "BD" + m, t, t / quarterMs * 250);
                    records++;
                }
                // the once-a-day meters are read spread over the day
                long slotStart = t % dayMs;
                for (int m = 0; m < sparseMeters; m++) {
                    long offset = (long) m * dayMs / sparseMeters;
                    if (offset >= slotStart && offset < slotStart + quarterMs) {
                        long readAt = t - slotStart + offset;
                        send(producer, codec, topic, 1, "BS" + m, readAt, readAt / dayMs * 8_000);
                        records++;
                    }
                }
            }
            producer.flush();
        }
        return records;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            AvroCodec<MeterRead> codec,
            String topic,
            int partition,
            String meter,
            long offsetMs,
            long wh) {
        Instant readTime = START.plusMillis(offsetMs);
        MeterRead read =
                MeterRead.newBuilder()
                        .setMeterId(meter)
                        .setReadTime(readTime)
                        .setTotalKwh(BigDecimal.valueOf(wh, 3))
                        .setSource(ReadSource.AMI)
                        .setQualityFlags(List.of())
                        .build();
        producer.send(
                new ProducerRecord<>(
                        topic,
                        partition,
                        readTime.toEpochMilli(),
                        meter.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        codec.encode(read)));
    }

    /** Returns {largest checkpointed state bytes, running ms}. */
    private static long[] replay(BenchCluster cluster, GridPulseConfig config, boolean aligned)
            throws Exception {
        String name = "bench-skew-" + UUID.randomUUID().toString().substring(0, 8);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, config, name);
        env.enableCheckpointing(500);
        WatermarkStrategy<Either<MeterRead, DeadLetter>> watermarks =
                WatermarkStrategy.<Either<MeterRead, DeadLetter>>forBoundedOutOfOrderness(
                                Duration.ofMinutes(10))
                        .withTimestampAssigner(
                                (record, kafkaTimestamp) ->
                                        record.isLeft()
                                                ? record.left().getReadTime().toEpochMilli()
                                                : kafkaTimestamp);
        if (aligned) {
            watermarks =
                    watermarks.withWatermarkAlignment(
                            "meter-reads", MAX_DRIFT, Duration.ofMillis(200));
        }
        KafkaInputs inputs = new KafkaInputs(KafkaSettings.from(config), name, true);
        DataStream<MeterRead> reads =
                env.fromSource(inputs.source(TOPIC, MeterRead.class), watermarks, TOPIC)
                        .filter(Either::isLeft)
                        .map(Either::left)
                        .returns(TypeInformation.of(MeterRead.class));
        DataStream<Customer> noCustomers =
                env.fromSource(
                        new DataGeneratorSource<>(
                                SyntheticCity::customer, 1, TypeInformation.of(Customer.class)),
                        WatermarkStrategy.noWatermarks(),
                        "no customers");
        ConsumptionJob.build(
                reads,
                noCustomers,
                SyntheticCity.noSwitchEvents(noCustomers),
                ValidationSettings.defaults(),
                new ConsumptionJob.Sinks(
                        new DiscardingSink<IntervalConsumption>(),
                        new DiscardingSink<ConsumptionAnomaly>(),
                        new DiscardingSink<LateRecord>(),
                        new DiscardingSink<io.gridpulse.outage.OutageRow>(),
                        new DiscardingSink<io.gridpulse.schema.CustomerNotification>(),
                        new DiscardingSink<io.gridpulse.consumption.OwnerCorrection>()));
        JobID job = cluster.submit(env, "gridpulse-" + name + (aligned ? "-aligned" : ""));
        long ms = cluster.awaitFinished(job);
        return new long[] {cluster.maxCheckpointedStateSize(job), ms};
    }
}
