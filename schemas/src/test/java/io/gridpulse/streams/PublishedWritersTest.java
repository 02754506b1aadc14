package io.gridpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * A codec given published writers reads a writer released after it was built, once the compiled
 * schema can resolve it; known writers never reach the lookup.
 */
class PublishedWritersTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    /** A writer nobody released: v2 of the test resources with another added field. */
    private static Schema unreleased() throws IOException {
        try (InputStream in =
                PublishedWritersTest.class.getResourceAsStream(
                        "/io/gridpulse/schema/released/v2/MeterRead.avsc")) {
            return new Schema.Parser()
                    .parse(new String(in.readAllBytes()).replace("voltage_v", "frequency_hz"));
        }
    }

    private static byte[] writtenWith(Schema writer) {
        GenericRecord r = new GenericData.Record(writer);
        r.put("meter_id", "M-7");
        r.put("read_time", NOON.toEpochMilli());
        r.put("total_kwh", ByteBuffer.wrap(new BigDecimal("12.345").unscaledValue().toByteArray()));
        r.put(
                "source",
                new GenericData.EnumSymbol(writer.getField("source").schema(), "SMART_ESTIMATE"));
        r.put("quality_flags", List.of());
        try {
            ByteBuffer b =
                    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PublishedSchemas catalogOf(Schema... schemas) {
        Map<String, Schema> byKey = new java.util.HashMap<>();
        for (Schema s : schemas) {
            byKey.put(PublishedSchemas.key(s), s);
        }
        return (name, fingerprint) ->
                Optional.ofNullable(byKey.get(PublishedSchemas.key(name, fingerprint)));
    }

    @Test
    void shouldReadAWriterPublishedAfterTheCodecWasBuilt() throws Exception {
        Schema writer = unreleased();
        AtomicInteger lookups = new AtomicInteger();
        PublishedSchemas published = catalogOf(writer);
        AvroCodec<MeterRead> codec =
                AvroCodec.of(
                        MeterRead.class,
                        (name, fp) -> {
                            lookups.incrementAndGet();
                            return published.find(name, fp);
                        });

        MeterRead first = codec.decode(writtenWith(writer));
        MeterRead second = codec.decode(writtenWith(writer));

        assertThat(first.getTotalKwh()).isEqualByComparingTo("12.345");
        assertThat(second.getSource()).isEqualTo(ReadSource.UNKNOWN);
        assertThat(lookups).as("the writer is registered after the first lookup").hasValue(1);
    }

    @Test
    void shouldNeverLookUpACompiledOrReleasedWriter() throws Exception {
        AvroCodec<MeterRead> codec =
                AvroCodec.of(
                        MeterRead.class,
                        (name, fp) -> {
                            throw new AssertionError("looked up a known writer");
                        });
        byte[] compiled =
                AvroCodec.of(MeterRead.class)
                        .encode(
                                MeterRead.newBuilder()
                                        .setMeterId("M-1")
                                        .setReadTime(NOON)
                                        .setTotalKwh(new BigDecimal("1.000"))
                                        .setSource(ReadSource.AMI)
                                        .build());

        assertThat(codec.decode(compiled).getMeterId()).isEqualTo("M-1");
    }

    @Test
    void shouldNameTheFingerprintOfAWriterNobodyPublished() throws Exception {
        Schema writer = unreleased();

        assertThatThrownBy(
                        () ->
                                AvroCodec.of(MeterRead.class, catalogOf())
                                        .decode(writtenWith(writer)))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("Cannot resolve schema for fingerprint")
                .hasMessageContaining(PublishedSchemas.key(writer))
                .hasMessageContaining("neither compiled, released nor published");
    }

    @Test
    void shouldRefuseAPublishedWriterTheCompiledSchemaCannotRead() throws Exception {
        // meter_id as a long: the compiled string field cannot read it
        Schema incompatible =
                new Schema.Parser()
                        .parse(
                                unreleased()
                                        .toString()
                                        .replace(
                                                "{\"name\":\"meter_id\",\"type\":\"string\"",
                                                "{\"name\":\"meter_id\",\"type\":\"long\""));
        assertThat(incompatible.getField("meter_id").schema().getType())
                .isEqualTo(Schema.Type.LONG);
        GenericRecord r = new GenericData.Record(incompatible);
        r.put("meter_id", 7L);
        r.put("read_time", NOON.toEpochMilli());
        r.put("total_kwh", ByteBuffer.wrap(new byte[] {1}));
        r.put(
                "source",
                new GenericData.EnumSymbol(incompatible.getField("source").schema(), "AMI"));
        r.put("quality_flags", List.of());
        ByteBuffer b =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), incompatible).encode(r);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);

        assertThatThrownBy(
                        () -> AvroCodec.of(MeterRead.class, catalogOf(incompatible)).decode(bytes))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("cannot read it")
                .hasMessageContaining("TYPE_MISMATCH")
                .hasMessageContaining("/fields/0/type");
    }

    @Test
    void shouldRefuseASchemaPublishedUnderAnotherWritersKey() throws Exception {
        Schema writer = unreleased();
        Schema other = new Schema.Parser().parse(writer.toString().replace("frequency_hz", "x"));
        PublishedSchemas wrongKey = (name, fp) -> Optional.of(other);

        assertThatThrownBy(
                        () -> AvroCodec.of(MeterRead.class, wrongKey).decode(writtenWith(writer)))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void shouldKeyAWriterByItsFullNameAndSixteenHexDigits() throws Exception {
        assertThat(PublishedSchemas.key(unreleased()))
                .matches("io\\.gridpulse\\.schema\\.MeterRead/[0-9a-f]{16}");
        assertThat(PublishedSchemas.hex(1L)).isEqualTo("0000000000000001");
    }
}
