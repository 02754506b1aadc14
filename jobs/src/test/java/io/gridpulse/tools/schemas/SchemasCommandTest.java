package io.gridpulse.tools.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.GridPulse;
import io.gridpulse.schema.MeterRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schemas publish} refuses, with exit 2 and before connecting to anything, a file that is
 * not a schema, names no GridPulse record, or that the compiled record cannot read.
 */
class SchemasCommandTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int publish(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("writer.avsc"), json);
        return GridPulse.commandLine(print(out), print(err))
                .execute("schemas", "publish", file.toString());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseAWriterTheCompiledRecordCannotReadNamingTheIncompatibility()
            throws IOException {
        // meter_id as an int: the compiled string field cannot read it
        String json =
                MeterRead.getClassSchema()
                        .toString()
                        .replaceFirst(
                                "\"name\":\"meter_id\",\"type\":(\\{[^}]*\\}|\"string\")",
                                "\"name\":\"meter_id\",\"type\":\"int\"");
        assertThat(new Schema.Parser().parse(json).getField("meter_id").schema().getType())
                .isEqualTo(Schema.Type.INT);

        assertThat(publish(json)).isEqualTo(2);

        assertThat(errors())
                .contains(
                        "the jobs' compiled io.gridpulse.schema.MeterRead cannot read this writer")
                .contains("TYPE_MISMATCH at /fields/0/type");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldRefuseAWriterWithoutADefaultForARemovedField() throws IOException {
        // the writer lacks meter_id, which the compiled reader needs and has no default for
        String json =
                "{\"type\":\"record\",\"name\":\"MeterRead\",\"namespace\":\"io.gridpulse.schema\","
                        + "\"fields\":[{\"name\":\"read_time\",\"type\":\"long\"}]}";

        assertThat(publish(json)).isEqualTo(2);

        assertThat(errors()).contains("READER_FIELD_MISSING_DEFAULT").contains("meter_id");
    }

    @Test
    void shouldRefuseARecordGridPulseDoesNotHave() throws IOException {
        String json =
                "{\"type\":\"record\",\"name\":\"Tariff\",\"namespace\":\"io.gridpulse.schema\","
                        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

        assertThat(publish(json)).isEqualTo(2);

        assertThat(errors()).contains("no GridPulse record is named io.gridpulse.schema.Tariff");
    }

    @Test
    void shouldRefuseAFileThatIsNotASchema() throws IOException {
        assertThat(publish("meter_id,read_time")).isEqualTo(2);

        assertThat(errors()).contains("is not an Avro schema");
    }

    @Test
    void shouldRefuseAMissingFile() {
        int code =
                GridPulse.commandLine(print(out), print(err))
                        .execute("schemas", "publish", dir.resolve("none.avsc").toString());

        assertThat(code).isEqualTo(2);
        assertThat(errors()).contains("cannot read");
    }
}
