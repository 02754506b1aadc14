package io.gridpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topic schemas keep the promises of DESIGN.md: documented, typed times and money, enums that
 * can grow.
 */
class SchemaConventionsTest {

    private static final Path AVRO = Path.of("src/main/avro");
    private static final List<Schema> RECORDS = new ArrayList<>();

    @BeforeAll
    static void parseAll() throws IOException {
        try (Stream<Path> files = Files.list(AVRO)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                RECORDS.add(new Schema.Parser().parse(file.toFile()));
            }
        }
    }

    /**
     * Every type reachable from the record: unions unwrapped, array items, nested records and
     * enums.
     */
    private static Stream<Schema> typeOf(Schema.Field field) {
        Schema type = field.schema();
        List<Schema> types = type.isUnion() ? type.getTypes() : List.of(type);
        return types.stream().map(t -> t.getType() == Schema.Type.ARRAY ? t.getElementType() : t);
    }

    @Test
    void shouldHaveOneSchemaPerTopicOfTheDesign() {
        assertThat(RECORDS)
                .extracting(Schema::getName)
                .containsExactlyInAnyOrder(
                        "Bill",
                        "Customer",
                        "CustomerNotification",
                        "DeadLetter",
                        "MeterRead",
                        "Notice",
                        "Payment",
                        "ReconnectCommand",
                        "ServiceOrder",
                        "SwitchEvent");
    }

    @Test
    void shouldDocumentEveryRecordAndField() {
        for (Schema record : RECORDS) {
            assertThat(record.getDoc()).as(record.getName()).isNotBlank();
            for (Schema.Field field : record.getFields()) {
                assertThat(field.doc()).as(record.getName() + "." + field.name()).isNotBlank();
            }
        }
    }

    @Test
    void shouldGiveEveryEnumADefaultSymbolSoItCanGrow() {
        RECORDS.stream()
                .flatMap(r -> r.getFields().stream())
                .flatMap(SchemaConventionsTest::typeOf)
                .filter(t -> t.getType() == Schema.Type.ENUM)
                .forEach(e -> assertThat(e.getEnumDefault()).as(e.getName()).isEqualTo("UNKNOWN"));
    }

    @Test
    void shouldTypeTimesAndMoneyWithLogicalTypes() {
        for (Schema record : RECORDS) {
            for (Schema.Field field : record.getFields()) {
                String name = field.name();
                String where = record.getName() + "." + name;
                if (name.endsWith("_at") || name.endsWith("_time") || name.endsWith("_timestamp")) {
                    assertThat(typeOf(field).filter(t -> t.getType() != Schema.Type.NULL))
                            .as(where)
                            .allSatisfy(
                                    t ->
                                            assertThat(t.getLogicalType().getName())
                                                    .isEqualTo("timestamp-millis"));
                }
                if (name.equals("amount") || name.endsWith("_kwh") || name.equals("kwh")) {
                    assertThat(typeOf(field).filter(t -> t.getType() != Schema.Type.NULL))
                            .as(where)
                            .allSatisfy(
                                    t ->
                                            assertThat(t.getLogicalType().getName())
                                                    .isEqualTo("decimal"));
                }
            }
        }
    }
}
