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
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Records written with a newer released schema (an added optional field, a new enum symbol) are
 * read by the compiled classes; every released version stays compatible both ways with the compiled
 * schemas. The test resources release a v2 of MeterRead, as a producer that moved first.
 */
class SchemaEvolutionTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    private static Schema v2() throws IOException {
        try (InputStream in =
                SchemaEvolutionTest.class.getResourceAsStream(
                        "/io/gridpulse/schema/released/v2/MeterRead.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private static byte[] writtenWith(Schema writer, String source) throws IOException {
        GenericRecord r = new GenericData.Record(writer);
        r.put("meter_id", "M-7");
        r.put("read_time", NOON.toEpochMilli());
        r.put("total_kwh", ByteBuffer.wrap(new BigDecimal("12.345").unscaledValue().toByteArray()));
        r.put("source", new GenericData.EnumSymbol(writer.getField("source").schema(), source));
        r.put("quality_flags", List.of());
        if (writer.getField("voltage_v") != null) {
            r.put("voltage_v", 229.5);
        }
        ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    @Test
    void shouldReadARecordOfANewerReleasedWriter() throws Exception {
        MeterRead read = AvroCodec.of(MeterRead.class).decode(writtenWith(v2(), "SMART_ESTIMATE"));

        assertThat(read.getMeterId()).isEqualTo("M-7");
        assertThat(read.getTotalKwh()).isEqualByComparingTo("12.345");
        assertThat(read.getSource())
                .as("a symbol the compiled enum lacks reads as its default")
                .isEqualTo(ReadSource.UNKNOWN);
    }

    @Test
    void shouldRejectAWriterNobodyReleased() throws Exception {
        Schema unreleased =
                new Schema.Parser().parse(v2().toString().replace("voltage_v", "frequency_hz"));

        assertThatThrownBy(
                        () -> AvroCodec.of(MeterRead.class).decode(writtenWith(unreleased, "AMI")))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("Cannot resolve schema for fingerprint");
    }

    @Test
    void shouldKeepEveryReleasedVersionCompatibleBothWays() throws Exception {
        for (Class<?> type : GeneratedRecords.ALL) {
            Schema compiled = SpecificData.get().getSchema(type);
            List<Schema> released = ReleasedSchemas.of(compiled.getFullName());
            assertThat(released).as(type.getSimpleName() + " has a released version").isNotEmpty();
            for (Schema old : released) {
                assertThat(
                                SchemaCompatibility.checkReaderWriterCompatibility(compiled, old)
                                        .getType())
                        .as("the compiled " + type.getSimpleName() + " reads a released writer")
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                assertThat(
                                SchemaCompatibility.checkReaderWriterCompatibility(old, compiled)
                                        .getType())
                        .as("a job of a released " + type.getSimpleName() + " reads new records")
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    /** The generated record classes of the topics. */
    static final class GeneratedRecords {
        static final List<Class<?>> ALL =
                List.of(
                        io.gridpulse.schema.MeterRead.class,
                        io.gridpulse.schema.Customer.class,
                        io.gridpulse.schema.Bill.class,
                        io.gridpulse.schema.Payment.class,
                        io.gridpulse.schema.Notice.class,
                        io.gridpulse.schema.SwitchEvent.class,
                        io.gridpulse.schema.ServiceOrder.class,
                        io.gridpulse.schema.ReconnectCommand.class,
                        io.gridpulse.schema.DeadLetter.class);
    }
}
