package io.gridpulse.common.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Turns rows, Java records whose components are named like the table's columns in camel case, into
 * ClickHouse {@code JSONEachRow} lines. Written so that ClickHouse 18.16 and current servers read
 * them alike: instants as {@code 'yyyy-MM-dd HH:mm:ss'} in UTC (the columns are {@code
 * DateTime('UTC')}), decimals as plain unquoted numbers.
 */
public final class JsonEachRow<T extends Record> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Class<T> rowType;
    private transient ObjectWriter writer;

    public JsonEachRow(Class<T> rowType) {
        this.rowType = rowType;
    }

    /** Column names of the row type, in declaration order; inserts name them so defaults apply. */
    public List<String> columns() {
        return Arrays.stream(rowType.getRecordComponents())
                .map(
                        c ->
                                PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(
                                        c.getName()))
                .toList();
    }

    public Class<T> rowType() {
        return rowType;
    }

    /** One JSON object and a newline. */
    public byte[] line(T row) {
        if (writer == null) {
            writer = mapper().writerFor(rowType);
        }
        try {
            byte[] json = writer.writeValueAsBytes(row);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(
                    "cannot write " + rowType.getSimpleName() + " as JSON", e);
        }
    }

    static ObjectMapper mapper() {
        SimpleModule clickHouseTypes =
                new SimpleModule("clickhouse-types")
                        .addSerializer(
                                Instant.class,
                                new JsonSerializer<>() {
                                    @Override
                                    public void serialize(
                                            Instant value,
                                            JsonGenerator gen,
                                            SerializerProvider serializers)
                                            throws IOException {
                                        gen.writeString(DATE_TIME.format(value));
                                    }
                                })
                        .addSerializer(
                                BigDecimal.class,
                                new JsonSerializer<>() {
                                    @Override
                                    public void serialize(
                                            BigDecimal value,
                                            JsonGenerator gen,
                                            SerializerProvider serializers)
                                            throws IOException {
                                        gen.writeNumber(value.toPlainString());
                                    }
                                });
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(clickHouseTypes);
    }
}
