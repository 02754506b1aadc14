package io.gridpulse.replay;

import io.gridpulse.schema.MeterRead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds register files that are not registers: when a meter's reads, in time order, fall for more
 * than a fifth of its consecutive pairs, the file most likely holds energy per interval. Replaying
 * it as registers would flag every fall as a negative delta (a real export gave 36,047 false
 * flags), so the replay refuses it before anything is sent.
 */
final class FallingRegisters {

    /** Fewer pairs than this say nothing. */
    private static final int MIN_PAIRS = 5;

    private final Map<String, long[]> reads = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    void add(MeterRead read) {
        String meter = read.getMeterId();
        int n = counts.getOrDefault(meter, 0);
        long[] pairs = reads.get(meter);
        if (pairs == null || pairs.length < 2 * (n + 1)) {
            pairs = Arrays.copyOf(pairs == null ? new long[0] : pairs, Math.max(16, 4 * (n + 1)));
            reads.put(meter, pairs);
        }
        pairs[2 * n] = read.getReadTime().toEpochMilli();
        pairs[2 * n + 1] = read.getTotalKwh().movePointRight(3).longValue();
        counts.put(meter, n + 1);
    }

    /** One line per meter whose register falls too often; empty when the file is fine. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (var entry : reads.entrySet()) {
            int n = counts.get(entry.getKey());
            long[] flat = entry.getValue();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(flat[2 * a], flat[2 * b]));
            int falls = 0;
            for (int i = 1; i < n; i++) {
                if (flat[2 * order[i] + 1] < flat[2 * order[i - 1] + 1]) {
                    falls++;
                }
            }
            int pairs = n - 1;
            if (pairs >= MIN_PAIRS && falls * 5 > pairs) {
                problems.add(
                        "meter "
                                + entry.getKey()
                                + ": total_kwh falls in "
                                + falls
                                + " of its "
                                + pairs
                                + " consecutive reads; a register never does that."
                                + " This looks like energy per interval: use --format interval");
            }
        }
        return problems;
    }
}
