package io.gridpulse.common.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Turns rows, Java records whose components are named like the table's columns in camel case, into
 * ClickHouse {@code JSONEachRow} lines. Written so that ClickHouse 18.16 and current servers read
 * them alike: instants as {@code 'yyyy-MM-dd HH:mm:ss'} in UTC (the columns are {@code
 * DateTime('UTC')}), decimals as plain unquoted numbers, NULL as {@code null}.
 *
 * <p>Every row of every job passes here, so the columns are written by hand, one small writer per
 * component type resolved once per row type, straight into the sink's batch buffer. The output is
 * byte for byte what Jackson's bean serializer with {@link #mapper()} writes (kept as the reference
 * in {@code JsonEachRowTest}, and as the writer of component types not handled here); going through
 * Jackson cost ≈ 15 % of the consumption job's CPU (reflection, a {@code ZoneRules} built per
 * instant by the formatter, a copy of every line), see {@code docs/profiles/consumption-e2e.md}.
 */
public final class JsonEachRow<T extends Record> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** Instants in [0001-01-01, 10000-01-01) are formatted by hand, the rest by the formatter. */
    private static final long FIRST_FAST_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * 86_400;

    private static final long END_FAST_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private final Class<T> rowType;
    private transient Column[] writers;

    public JsonEachRow(Class<T> rowType) {
        this.rowType = rowType;
    }

    /** Column names of the row type, in declaration order; inserts name them so defaults apply. */
    public List<String> columns() {
        return Arrays.stream(rowType.getRecordComponents())
                .map(c -> columnName(c.getName()))
                .toList();
    }

    public Class<T> rowType() {
        return rowType;
    }

    /** One JSON object and a newline. */
    public byte[] line(T row) {
        LineBuffer out = new LineBuffer(256);
        appendLine(row, out);
        return out.toByteArray();
    }

    /** Appends one JSON object and a newline to {@code out}. */
    void appendLine(T row, LineBuffer out) {
        if (writers == null) {
            writers = columnsOf(rowType);
        }
        int start = out.size();
        boolean complete = false;
        try {
            for (Column c : writers) {
                out.write(c.prefix);
                c.value.write(row, out);
            }
            complete = true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + rowType.getSimpleName() + " as JSON", e);
        } catch (Throwable e) {
            // the accessors are plain record getters: nothing checked can come out of them
            throw new IllegalStateException(
                    "cannot write " + rowType.getSimpleName() + " as JSON", e);
        } finally {
            if (!complete) {
                // the batch keeps whole rows only: half a row would spoil every row after it
                out.truncate(start);
            }
        }
        out.write('}');
        out.write('\n');
    }

    private static String columnName(String component) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component);
    }

    /** A column: {@code {"name":} or {@code ,"name":}, then its value. */
    private record Column(byte[] prefix, ValueWriter value) {}

    @FunctionalInterface
    private interface ValueWriter {
        void write(Object row, LineBuffer out) throws Throwable;
    }

    private static Column[] columnsOf(Class<?> rowType) {
        RecordComponent[] components = rowType.getRecordComponents();
        Column[] columns = new Column[components.length];
        for (int i = 0; i < components.length; i++) {
            String prefix =
                    (i == 0 ? "{" : ",") + "\"" + columnName(components[i].getName()) + "\":";
            columns[i] =
                    new Column(prefix.getBytes(StandardCharsets.UTF_8), valueWriter(components[i]));
        }
        return columns;
    }

    private static ValueWriter valueWriter(RecordComponent component) {
        MethodHandle getter = getter(component);
        Class<?> type = component.getType();
        if (type == long.class || type == int.class || type == short.class || type == byte.class) {
            MethodHandle g = getter.asType(MethodType.methodType(long.class, Object.class));
            return (row, out) -> out.writeLong((long) g.invokeExact(row));
        }
        if (type == double.class || type == float.class) {
            boolean isFloat = type == float.class;
            MethodHandle g = getter.asType(MethodType.methodType(double.class, Object.class));
            return (row, out) -> writeDouble((double) g.invokeExact(row), isFloat, out);
        }
        if (type == boolean.class) {
            MethodHandle g = getter.asType(MethodType.methodType(boolean.class, Object.class));
            return (row, out) -> out.writeAscii((boolean) g.invokeExact(row) ? "true" : "false");
        }
        MethodHandle g = getter.asType(MethodType.methodType(Object.class, Object.class));
        if (type == String.class) {
            return (row, out) -> writeString((String) (Object) g.invokeExact(row), out);
        }
        if (type == Instant.class) {
            return (row, out) -> writeInstant((Instant) (Object) g.invokeExact(row), out);
        }
        if (type == BigDecimal.class) {
            return (row, out) -> {
                BigDecimal v = (BigDecimal) (Object) g.invokeExact(row);
                if (v == null) {
                    out.write(NULL);
                } else {
                    out.writeAscii(v.toPlainString());
                }
            };
        }
        if (type == Long.class
                || type == Integer.class
                || type == Short.class
                || type == Byte.class) {
            return (row, out) -> {
                Number v = (Number) (Object) g.invokeExact(row);
                if (v == null) {
                    out.write(NULL);
                } else {
                    out.writeLong(v.longValue());
                }
            };
        }
        if (type == Double.class || type == Float.class) {
            boolean isFloat = type == Float.class;
            return (row, out) -> {
                Number v = (Number) (Object) g.invokeExact(row);
                if (v == null) {
                    out.write(NULL);
                } else {
                    writeDouble(v.doubleValue(), isFloat, out);
                }
            };
        }
        // anything else (none of today's rows): as Jackson writes it
        ObjectMapper mapper = mapper();
        return (row, out) -> out.write(mapper.writeValueAsBytes((Object) g.invokeExact(row)));
    }

    private static MethodHandle getter(RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            // rows may be package-private or nested records
            accessor.setAccessible(true);
            return MethodHandles.lookup().unreflect(accessor);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** As Jackson: shortest round-trip digits, NaN and infinities as strings. */
    private static void writeDouble(double v, boolean isFloat, LineBuffer out) {
        String text = isFloat ? Float.toString((float) v) : Double.toString(v);
        if (Double.isFinite(v)) {
            out.writeAscii(text);
        } else {
            out.write('"');
            out.writeAscii(text);
            out.write('"');
        }
    }

    /** A quoted string with JSON's escapes; plain ASCII (meter ids, codes) is copied as is. */
    private static void writeString(String s, LineBuffer out) {
        if (s == null) {
            out.write(NULL);
            return;
        }
        out.write('"');
        if (isPlainAscii(s)) {
            out.writeAscii(s);
        } else {
            out.write(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        }
        out.write('"');
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@code "yyyy-MM-dd HH:mm:ss"} in UTC, without the formatter's per-call zone rules. */
    private static void writeInstant(Instant t, LineBuffer out) {
        if (t == null) {
            out.write(NULL);
            return;
        }
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds >= END_FAST_SECOND) {
            out.write('"');
            out.writeAscii(DATE_TIME.format(t));
            out.write('"');
            return;
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        out.write('"');
        out.writeDigits(day.getYear(), 4);
        out.write('-');
        out.writeDigits(day.getMonthValue(), 2);
        out.write('-');
        out.writeDigits(day.getDayOfMonth(), 2);
        out.write(' ');
        out.writeDigits(secondOfDay / 3600, 2);
        out.write(':');
        out.writeDigits(secondOfDay / 60 % 60, 2);
        out.write(':');
        out.writeDigits(secondOfDay % 60, 2);
        out.write('"');
    }

    /**
     * Jackson configured as ClickHouse reads rows: the reference the hand-written columns are
     * tested against, and the writer of component types they do not handle.
     */
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
