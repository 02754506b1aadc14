package io.gridpulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.GridPulse;
import io.gridpulse.Jobs;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code JSONEachRow} lines are byte for byte what Jackson's bean serializer (the
 * sink's former writer, {@link JsonEachRow#mapper()}) writes, for every row type of every job and
 * for the values that need care: NULLs, escapes, non-ASCII text, instants with fractions, before
 * 1970 and outside four-digit years, decimals of every scale, extreme numbers.
 */
class JsonEachRowTest {

    private static final List<String> STRINGS =
            Arrays.asList(
                    null,
                    "",
                    "M-0000123",
                    "quote \" and back\\slash",
                    "tab\tnew\nline\rbell\u0007 unit\u001f del\u007f",
                    "ünïcødé 电表 ⚡",
                    "emoji 😀 and </script>/",
                    "{\"json\":\"in a string\"}");

    private static final List<Instant> INSTANTS =
            Arrays.asList(
                    null,
                    Instant.EPOCH,
                    Instant.parse("2026-03-02T12:00:00Z"),
                    Instant.parse("2026-11-28T23:59:59.999999999Z"),
                    Instant.parse("1969-12-31T23:59:59.500Z"),
                    Instant.parse("2024-02-29T00:00:01Z"),
                    Instant.parse("0001-01-01T00:00:00Z"),
                    Instant.parse("9999-12-31T23:59:59Z"),
                    Instant.parse("+10000-01-01T00:00:00Z"),
                    Instant.parse("0000-12-31T23:59:59Z"));

    private static final List<BigDecimal> DECIMALS =
            Arrays.asList(
                    null,
                    BigDecimal.ZERO,
                    new BigDecimal("1.250"),
                    new BigDecimal("-0.001"),
                    new BigDecimal("1E+3"),
                    new BigDecimal("123456789012345.678"),
                    BigDecimal.valueOf(5, 3));

    private static final List<Long> LONGS =
            List.of(0L, -1L, 7L, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE);

    private static final List<Integer> INTS =
            List.of(0, -1, 9, 10, 99_999, Integer.MAX_VALUE, Integer.MIN_VALUE);

    private static final List<Double> DOUBLES =
            Arrays.asList(
                    0.0,
                    -0.0,
                    1.5,
                    0.1 + 0.2,
                    1e-5,
                    1e20,
                    Double.MAX_VALUE,
                    Double.NaN,
                    Double.NEGATIVE_INFINITY);

    private final ObjectMapper jackson = JsonEachRow.mapper();

    /** The row types the jobs write, as their wiring declares them. */
    private static Set<Class<? extends Record>> rowTypes() {
        GridPulseConfig config = GridPulseConfig.from(Map.of(), "test", Map.of(), GridPulse.keys());
        Set<Class<? extends Record>> types = new LinkedHashSet<>();
        for (GridPulseJob job : Jobs.ALL) {
            JobContext context =
                    new JobContext(
                            StreamExecutionEnvironment.getExecutionEnvironment(),
                            config,
                            job.name(),
                            true);
            job.wiring().wire(context);
            types.addAll(context.tables().values());
        }
        types.add(ClickHouseSinkWriter.RejectedRow.class);
        return types;
    }

    @Test
    void shouldWriteEveryRowTypeAsJacksonDoes() throws Exception {
        Set<Class<? extends Record>> types = rowTypes();
        assertThat(types).hasSizeGreaterThan(10);
        int compared = 0;
        for (Class<? extends Record> type : types) {
            compared += compareAll(type);
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void shouldWriteAFixedRowExactly() {
        record Reading(String meterId, Instant readTime, BigDecimal kwh, Double target, int n) {}
        var format = new JsonEachRow<>(Reading.class);

        assertThat(
                        new String(
                                format.line(
                                        new Reading(
                                                "M-\"1\"",
                                                Instant.parse("1969-07-20T20:17:40.9Z"),
                                                new BigDecimal("0.500"),
                                                null,
                                                -3)),
                                StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"meter_id\":\"M-\\\"1\\\"\",\"read_time\":\"1969-07-20 20:17:40\","
                                + "\"kwh\":0.500,\"target\":null,\"n\":-3}\n");
        assertThat(format.columns()).containsExactly("meter_id", "read_time", "kwh", "target", "n");
    }

    @Test
    void shouldAppendLinesOneAfterAnother() {
        record Pair(String a, long b) {}
        var format = new JsonEachRow<>(Pair.class);
        LineBuffer buffer = new LineBuffer(4);

        format.appendLine(new Pair("x", 1), buffer);
        format.appendLine(new Pair(null, 22), buffer);

        assertThat(new String(buffer.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"x\",\"b\":1}\n{\"a\":null,\"b\":22}\n");
    }

    @Test
    void shouldLeaveNoHalfRowInTheBatchWhenARowCannotBeWritten() {
        record Broken(String a, String b) {
            @Override
            public String b() {
                throw new IllegalStateException("no b");
            }
        }
        record Pair(String a, long b) {}
        LineBuffer buffer = new LineBuffer(4);
        new JsonEachRow<>(Pair.class).appendLine(new Pair("x", 1), buffer);

        assertThatThrownBy(
                        () ->
                                new JsonEachRow<>(Broken.class)
                                        .appendLine(new Broken("y", "z"), buffer))
                .hasMessageContaining("no b");

        assertThat(new String(buffer.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"x\",\"b\":1}\n");
    }

    /** Rows whose every column takes each of its type's values at least once. */
    private <T extends Record> int compareAll(Class<T> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Constructor<T> constructor =
                type.getDeclaredConstructor(
                        Arrays.stream(components)
                                .map(RecordComponent::getType)
                                .toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        JsonEachRow<T> format = new JsonEachRow<>(type);
        int rows = 12;
        for (int k = 0; k < rows; k++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = valueOf(components[i].getType(), k + i, type, components[i]);
            }
            T row = constructor.newInstance(args);
            String expected = jackson.writeValueAsString(row) + "\n";
            assertThat(new String(format.line(row), StandardCharsets.UTF_8))
                    .as(type.getSimpleName() + " row " + row)
                    .isEqualTo(expected);
        }
        return rows;
    }

    private static Object valueOf(Class<?> t, int k, Class<?> type, RecordComponent c) {
        if (t == String.class) {
            return pick(STRINGS, k);
        }
        if (t == Instant.class) {
            return pick(INSTANTS, k);
        }
        if (t == BigDecimal.class) {
            return pick(DECIMALS, k);
        }
        if (t == long.class || t == Long.class) {
            return t == Long.class && k % 5 == 0 ? null : pick(LONGS, k);
        }
        if (t == int.class || t == Integer.class) {
            return t == Integer.class && k % 5 == 0 ? null : pick(INTS, k);
        }
        if (t == double.class || t == Double.class) {
            return t == Double.class && k % 4 == 0 ? null : pick(DOUBLES, k);
        }
        if (t == boolean.class || t == Boolean.class) {
            return k % 2 == 0;
        }
        throw new AssertionError(
                "no test values for " + t + " of " + type.getSimpleName() + "." + c.getName());
    }

    private static <V> V pick(List<V> values, int k) {
        return new ArrayList<>(values).get(Math.floorMod(k, values.size()));
    }
}
