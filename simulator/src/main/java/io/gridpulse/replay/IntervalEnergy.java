package io.gridpulse.replay;

import io.gridpulse.schema.ReadSource;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Energy per interval of an export (interval CSV or NEM12), per meter, kept compactly: energy in Wh
 * as a {@code long} (exact: kWh with at most three decimals), times in epoch milliseconds, and
 * where each interval came from (line, and the column that held its energy) for the messages.
 */
final class IntervalEnergy {

    private final IntFunction<String> energyColumn;
    private final Map<String, Meter> meters = new LinkedHashMap<>();

    /**
     * @param energyColumn names the column of an interval's energy from its column index (e.g.
     *     {@code kwh}, {@code IntervalValue 17})
     */
    IntervalEnergy(IntFunction<String> energyColumn) {
        this.energyColumn = energyColumn;
    }

    void add(
            String meterId,
            long startMs,
            long endMs,
            long wh,
            ReadSource source,
            int line,
            int column) {
        meters.computeIfAbsent(meterId, id -> new Meter())
                .add(startMs, endMs, wh, source, line, column);
    }

    Set<String> meterIds() {
        return Collections.unmodifiableSet(meters.keySet());
    }

    Map<String, Meter> meters() {
        return Collections.unmodifiableMap(meters);
    }

    long intervals() {
        return meters.values().stream().mapToLong(m -> m.size).sum();
    }

    String energyColumn(int column) {
        return energyColumn.apply(column);
    }

    static String kwh(long wh) {
        return BigDecimal.valueOf(wh, 3).toPlainString();
    }

    /** One meter's intervals, in the order added until {@link #sortByEnd()}. */
    static final class Meter {

        private static final ReadSource[] SOURCES = ReadSource.values();

        long[] start = new long[16];
        long[] end = new long[16];
        long[] wh = new long[16];
        byte[] source = new byte[16];
        int[] line = new int[16];
        short[] column = new short[16];
        int size;

        private void add(
                long startMs, long endMs, long energyWh, ReadSource from, int at, int index) {
            if (size == start.length) {
                int grown = size * 2;
                start = Arrays.copyOf(start, grown);
                end = Arrays.copyOf(end, grown);
                wh = Arrays.copyOf(wh, grown);
                source = Arrays.copyOf(source, grown);
                line = Arrays.copyOf(line, grown);
                column = Arrays.copyOf(column, grown);
            }
            start[size] = startMs;
            end[size] = endMs;
            wh[size] = energyWh;
            source[size] = (byte) from.ordinal();
            line[size] = at;
            column[size] = (short) index;
            size++;
        }

        ReadSource source(int i) {
            return SOURCES[source[i]];
        }

        /** Sorts by interval end, then start, then line (a stable order for equal intervals). */
        void sortByEnd() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(
                    order,
                    (a, b) ->
                            end[a] != end[b]
                                    ? Long.compare(end[a], end[b])
                                    : start[a] != start[b]
                                            ? Long.compare(start[a], start[b])
                                            : Integer.compare(line[a], line[b]));
            long[] s = new long[size];
            long[] e = new long[size];
            long[] w = new long[size];
            byte[] src = new byte[size];
            int[] l = new int[size];
            short[] c = new short[size];
            for (int i = 0; i < size; i++) {
                int from = order[i];
                s[i] = start[from];
                e[i] = end[from];
                w[i] = wh[from];
                src[i] = source[from];
                l[i] = line[from];
                c[i] = column[from];
            }
            start = s;
            end = e;
            wh = w;
            source = src;
            line = l;
            column = c;
        }
    }
}
