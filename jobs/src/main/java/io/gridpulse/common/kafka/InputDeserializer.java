package io.gridpulse.common.kafka;

import io.gridpulse.schema.DeadLetter;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.PublishedSchemas;
import io.gridpulse.streams.UnreadableRecordException;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and checks every Kafka record inside the source, so the source's per-partition watermarks
 * see the decoded, validated value: left a good record, right a dead letter with its reason. It
 * never throws, so no record can stop the source.
 *
 * <p>In order: a value larger than {@code events.max.record.bytes} is refused undecoded; a value
 * that is not Avro of the topic's type is rejected; a decoded record that fails the {@link
 * DoorChecks} is rejected or quarantined. A writer schema the codec does not know is looked up in
 * the schemas topic ({@link SchemaCatalog}, one per TaskManager) before the record is given up.
 */
final class InputDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Either<T, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String jobName;
    private final DoorChecks checks;
    private final int maxRecordBytes;
    private final int maxDeadLetterBytes;
    private final KafkaSettings schemaCatalog;
    private final Duration schemaLookupInterval;

    private transient AvroCodec<T> codec;
    private transient Counter rejected;
    private transient Counter quarantined;

    InputDeserializer(
            Class<T> type,
            String jobName,
            DoorChecks checks,
            int maxRecordBytes,
            int maxDeadLetterBytes) {
        this(type, jobName, checks, maxRecordBytes, maxDeadLetterBytes, null, Duration.ZERO);
    }

    /**
     * @param schemaCatalog the cluster whose schemas topic holds published writers; null: only the
     *     compiled and released ones are read
     */
    InputDeserializer(
            Class<T> type,
            String jobName,
            DoorChecks checks,
            int maxRecordBytes,
            int maxDeadLetterBytes,
            KafkaSettings schemaCatalog,
            Duration schemaLookupInterval) {
        this.type = type;
        this.jobName = jobName;
        this.checks = checks;
        this.maxRecordBytes = maxRecordBytes;
        this.maxDeadLetterBytes = maxDeadLetterBytes;
        this.schemaCatalog = schemaCatalog;
        this.schemaLookupInterval = schemaLookupInterval;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = AvroCodec.of(type, published());
        rejected = context.getMetricGroup().counter("recordsRejected");
        quarantined = context.getMetricGroup().counter("recordsQuarantined");
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record, Collector<Either<T, DeadLetter>> out) {
        out.collect(read(record, System.currentTimeMillis()));
    }

    Either<T, DeadLetter> read(ConsumerRecord<byte[], byte[]> record, long nowMs) {
        if (codec == null) {
            codec = AvroCodec.of(type, published());
        }
        byte[] value = record.value();
        if (value != null && value.length > maxRecordBytes) {
            return refuse(
                    record,
                    "value of "
                            + value.length
                            + " bytes is larger than events.max.record.bytes ("
                            + maxRecordBytes
                            + ")",
                    DeadLetters.TOO_LARGE,
                    false);
        }
        T decoded;
        try {
            decoded = codec.decode(value);
        } catch (UnreadableRecordException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return refuse(record, e.getMessage(), cause.getClass().getName(), false);
        }
        Optional<DoorChecks.Refusal> refusal = checks.check(decoded, nowMs);
        if (refusal.isPresent()) {
            var r = refusal.get();
            return refuse(record, r.reason(), r.errorClass(), r.quarantined());
        }
        return Either.Left(decoded);
    }

    private PublishedSchemas published() {
        return schemaCatalog == null
                ? PublishedSchemas.NONE
                : SchemaCatalog.shared(schemaCatalog, schemaLookupInterval);
    }

    private Either<T, DeadLetter> refuse(
            ConsumerRecord<byte[], byte[]> record,
            String reason,
            String errorClass,
            boolean isQuarantine) {
        if (isQuarantine) {
            if (quarantined != null) {
                quarantined.inc();
            }
        } else if (rejected != null) {
            rejected.inc();
        }
        return Either.Right(
                DeadLetters.of(record, reason, errorClass, jobName, maxDeadLetterBytes));
    }

    @Override
    public TypeInformation<Either<T, DeadLetter>> getProducedType() {
        return new EitherTypeInfo<>(TypeInformation.of(type), TypeInformation.of(DeadLetter.class));
    }
}
