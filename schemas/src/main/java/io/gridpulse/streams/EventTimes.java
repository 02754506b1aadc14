package io.gridpulse.streams;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.SwitchEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one place that says which field of each input record is its event time. Watermarks, the
 * plausibility checks at the door and the late-record checks all read event time through it, never
 * from the Kafka record timestamp a producer may have set to anything.
 */
public final class EventTimes {

    private static final Map<Class<? extends SpecificRecord>, String> FIELDS =
            Map.of(
                    MeterRead.class, "read_time",
                    Payment.class, "paid_at",
                    Bill.class, "issued_at",
                    Notice.class, "sent_at",
                    SwitchEvent.class, "event_time",
                    ServiceOrder.class, "updated_at",
                    Customer.class, "updated_at");

    private EventTimes() {}

    /** The name of the event-time field of {@code type}. */
    public static String field(Class<? extends SpecificRecord> type) {
        String field = FIELDS.get(type);
        if (field == null) {
            throw new IllegalArgumentException(
                    type.getName() + " has no event-time field registered in EventTimes");
        }
        return field;
    }

    /** The event time of a record; empty when the record has none set. */
    public static Optional<Instant> of(SpecificRecord record) {
        var field = record.getSchema().getField(field(record.getClass()));
        return Optional.ofNullable((Instant) record.get(field.pos()));
    }
}
