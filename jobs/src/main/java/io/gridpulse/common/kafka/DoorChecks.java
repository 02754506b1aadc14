package io.gridpulse.common.kafka;

import io.gridpulse.streams.EventTimes;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The range checks every decoded input record passes before it reaches a job: a plausible event
 * time and decimals that fit their declared precision. A record that fails them would otherwise
 * pass decoding and fail later, outside the dead-letter path: in Flink's serializer, in a
 * ClickHouse column, or in a watermark that jumps to the year 6500.
 */
public final class DoorChecks implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long earliestMs;
    private final long maxAheadMs;

    /**
     * @param earliest event times before this are implausible (history from 2012 is normal)
     * @param maxAhead event times further ahead of the wall clock are quarantined
     */
    public DoorChecks(Instant earliest, Duration maxAhead) {
        this.earliestMs = earliest.toEpochMilli();
        this.maxAheadMs = maxAhead.toMillis();
    }

    /** Why a record was refused at the door, and whether it is quarantined or rejected. */
    public record Refusal(boolean quarantined, String errorClass, String reason) {}

    /** Empty when the record may pass. */
    public Optional<Refusal> check(SpecificRecord record, long nowMs) {
        Optional<Instant> eventTime = EventTimes.of(record);
        String field = EventTimes.field(record.getClass());
        if (eventTime.isEmpty()) {
            return Optional.of(
                    new Refusal(false, DeadLetters.RANGE_EVENT_TIME, field + " is not set"));
        }
        long t = eventTime.get().toEpochMilli();
        if (t < earliestMs) {
            return Optional.of(
                    new Refusal(
                            false,
                            DeadLetters.RANGE_EVENT_TIME,
                            field
                                    + " "
                                    + eventTime.get()
                                    + " is before "
                                    + Instant.ofEpochMilli(earliestMs)
                                    + " (events.earliest)"));
        }
        if (t > nowMs + maxAheadMs) {
            return Optional.of(
                    new Refusal(
                            true,
                            DeadLetters.QUARANTINE_FUTURE,
                            "quarantined: "
                                    + field
                                    + " "
                                    + eventTime.get()
                                    + " is more than "
                                    + Duration.ofMillis(maxAheadMs)
                                    + " ahead of the wall clock ("
                                    + Instant.ofEpochMilli(nowMs)
                                    + ", events.max.ahead)"));
        }
        return decimalProblem(record).map(r -> new Refusal(false, DeadLetters.RANGE_DECIMAL, r));
    }

    /** A decimal field whose value needs more digits than its schema declares. */
    static Optional<String> decimalProblem(SpecificRecord record) {
        for (Schema.Field f : record.getSchema().getFields()) {
            Schema decimalSchema = decimalSchemaOf(f.schema());
            if (decimalSchema == null) {
                continue;
            }
            Object value = record.get(f.pos());
            if (value == null) {
                continue;
            }
            var decimal = (LogicalTypes.Decimal) decimalSchema.getLogicalType();
            BigDecimal v = toBigDecimal(value, decimal.getScale());
            int integerDigits = v.precision() - v.scale();
            if (v.scale() > decimal.getScale()
                    || integerDigits > decimal.getPrecision() - decimal.getScale()) {
                return Optional.of(
                        f.name()
                                + " "
                                + v.toPlainString()
                                + " does not fit decimal("
                                + decimal.getPrecision()
                                + ","
                                + decimal.getScale()
                                + ")");
            }
        }
        return Optional.empty();
    }

    private static BigDecimal toBigDecimal(Object value, int scale) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return new BigDecimal(new java.math.BigInteger(bytes), scale);
        }
        throw new IllegalStateException("unexpected decimal value " + value.getClass());
    }

    private static Schema decimalSchemaOf(Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getLogicalType() instanceof LogicalTypes.Decimal) {
                    return branch;
                }
            }
        }
        return null;
    }
}
