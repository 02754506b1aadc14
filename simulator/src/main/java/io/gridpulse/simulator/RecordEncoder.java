package io.gridpulse.simulator;

import io.gridpulse.streams.AvroCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/** Encodes any generated record with the {@link AvroCodec} of its class, one codec per class. */
final class RecordEncoder {

    private final Map<Class<?>, AvroCodec<?>> codecs = new ConcurrentHashMap<>();

    byte[] encode(SpecificRecord record) {
        return encodeAs(record.getClass(), record);
    }

    @SuppressWarnings("unchecked") // the codec is looked up by the record's own class
    private <T extends SpecificRecord> byte[] encodeAs(Class<?> type, SpecificRecord record) {
        AvroCodec<T> codec =
                (AvroCodec<T>) codecs.computeIfAbsent(type, t -> AvroCodec.of((Class<T>) t));
        return codec.encode((T) record);
    }
}
