package io.gridpulse.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes topic values in Avro's single-object encoding: a two-byte marker, the 8-byte
 * fingerprint of the writer schema, then the binary record. The fingerprint picks the writer schema
 * among the compiled one and every released version ({@link ReleasedSchemas}), and Avro's schema
 * resolution reads it into the compiled class; a record written with a schema nobody released is
 * rejected with a clear reason, without a registry.
 *
 * <p>A codec given {@link PublishedSchemas} also reads writers published after it was built: on an
 * unknown fingerprint it looks the writer up there, checks that the compiled schema can resolve it,
 * registers it and decodes; known fingerprints never reach the lookup.
 *
 * <p>One codec per record class; instances are thread-safe (Avro's decoder keeps its writers in a
 * concurrent map).
 */
public final class AvroCodec<T extends SpecificRecord> {

    /** Bytes of the single-object header before the fingerprint. */
    private static final int MARKER_BYTES = 2;

    private final Class<T> type;
    private final Schema schema;
    private final PublishedSchemas published;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** Published writers the compiled schema cannot read, by fingerprint: checked once each. */
    private final Map<Long, String> unreadable = new ConcurrentHashMap<>();

    private AvroCodec(Class<T> type, PublishedSchemas published) {
        this.type = type;
        this.published = published;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        // writer schemas of every released version, resolved to the compiled one by fingerprint
        ReleasedSchemas.of(schema.getFullName()).forEach(decoder::addSchema);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type, PublishedSchemas.NONE);
    }

    /** A codec that also reads writers published to {@code published} after it was built. */
    public static <T extends SpecificRecord> AvroCodec<T> of(
            Class<T> type, PublishedSchemas published) {
        return new AvroCodec<>(type, published);
    }

    /**
     * Why the compiled schema cannot read records written with {@code writer} (Avro's schema
     * resolution), or empty when it can.
     */
    public static Optional<String> incompatibility(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(
                result.getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                        .collect(Collectors.joining("; ")));
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
        } catch (MissingSchemaException e) {
            return decodePublished(bytes, e);
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

    /** A writer this codec does not know yet: looked up among the published ones. */
    private T decodePublished(byte[] bytes, MissingSchemaException missing)
            throws UnreadableRecordException {
        long fingerprint =
                ByteBuffer.wrap(bytes, MARKER_BYTES, Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        String name = schema.getFullName();
        Optional<Schema> writer = published.find(name, fingerprint);
        String unknown =
                "not a "
                        + type.getSimpleName()
                        + " of a known writer: "
                        + missing.getMessage()
                        + " (writer "
                        + PublishedSchemas.key(name, fingerprint);
        if (writer.isEmpty()) {
            throw new UnreadableRecordException(
                    unknown + " is neither compiled, released nor published to the schemas topic)",
                    missing);
        }
        if (PublishedSchemas.fingerprint(writer.get()) != fingerprint
                || !writer.get().getFullName().equals(name)) {
            throw new UnreadableRecordException(
                    unknown + " is published under a key that does not match its schema)", missing);
        }
        Optional<String> problem =
                Optional.ofNullable(
                        unreadable.computeIfAbsent(
                                fingerprint,
                                fp -> incompatibility(schema, writer.get()).orElse(null)));
        if (problem.isPresent()) {
            throw new UnreadableRecordException(
                    unknown
                            + " is published but the compiled schema cannot read it: "
                            + problem.get()
                            + ")",
                    missing);
        }
        decoder.addSchema(writer.get());
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRecordException(
                    "not a "
                            + type.getSimpleName()
                            + " of published writer "
                            + PublishedSchemas.key(name, fingerprint)
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
