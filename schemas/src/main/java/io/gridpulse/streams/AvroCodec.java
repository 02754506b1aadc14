package io.gridpulse.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes topic values in Avro's single-object encoding: a two-byte marker, the 8-byte
 * fingerprint of the writer schema, then the binary record. The fingerprint picks the writer schema
 * among the compiled one and every released version ({@link ReleasedSchemas}), and Avro's schema
 * resolution reads it into the compiled class; a record written with a schema nobody released is
 * rejected with a clear reason, without a registry.
 *
 * <p>One codec per record class; instances are thread-safe.
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        var schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        // writer schemas of every released version, resolved to the compiled one by fingerprint
        ReleasedSchemas.of(schema.getFullName()).forEach(decoder::addSchema);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes one value.
     *
     * @throws UnreadableRecordException when the bytes are not a {@code T}: no value, a bad header,
     *     an unknown schema fingerprint, or a truncated or corrupt body
     */
    public T decode(byte[] bytes) throws UnreadableRecordException {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableRecordException(
                    "empty value, expected a " + type.getSimpleName(), null);
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            // Avro signals bad headers, unknown fingerprints and corrupt bodies with runtime
            // exceptions
            throw new UnreadableRecordException(
                    "not a "
                            + type.getSimpleName()
                            + " in Avro single-object encoding: "
                            + e.getMessage(),
                    e);
        }
    }
}
