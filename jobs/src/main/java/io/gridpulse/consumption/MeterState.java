package io.gridpulse.consumption;

import java.util.Arrays;

/**
 * Everything the consumption job keeps for one meter, in one state entry: its owner, its accepted
 * reads within the lateness bound (plus the one before, the anchor), reads held back as possible
 * misreads, the open anomaly cases and what the rules remember.
 *
 * <p>The window is kept small: times as seconds and registers as Wh, both relative to a base, in
 * primitive arrays. The newest accepted read is the window's last entry.
 */
public class MeterState {

    /** Set on a window entry: an interval row ends at this read (it is not the meter's first). */
    static final byte HAS_ROW = 1;

    static final byte TOU_MISMATCH = 2;
    static final byte REVERSE_ROSE = 4;

    /** Set on a window entry: a new meter starts here; no earlier read joins it. */
    static final byte METER_START = 8;

    static final byte AMI = 0;
    static final byte MANUAL = 1;
    static final byte ESTIMATED = 2;
    static final byte UNKNOWN_SOURCE = 3;

    // --- owner
    public String customerId;
    public String gridId;
    public String segment;

    /** Transformer area of the meter's owner, null when unknown: where its outage facts go. */
    public String area;

    public int readIntervalMinutes;
    public boolean generation;

    // --- accepted reads, oldest first; the last one is the newest
    public long baseMs;
    public long baseWh;
    public int count;
    public int[] sec = new int[0];
    public int[] wh = new int[0];
    public byte[] src = new byte[0];
    public byte[] bits = new byte[0];

    /** Registers of the newest read that only it keeps; {@link RegisterRead#NONE} when absent. */
    public long newestPeakWh = RegisterRead.NONE;

    public long newestFlatWh = RegisterRead.NONE;
    public long newestValleyWh = RegisterRead.NONE;
    public long newestReverseWh = RegisterRead.NONE;

    /** End of the last interval the rules have seen; later intervals may still change. */
    public long sealedMs = Long.MIN_VALUE;

    /** Shortest interval seen, seconds: the read interval of a meter without a customer record. */
    public int shortestIntervalSec;

    // --- reads after the newest whose register is below it, held until they are explained
    public long[] pendingMs = new long[0];
    public long[] pendingWh = new long[0];
    public byte[] pendingSrc = new byte[0];

    // --- executed switches, oldest first (a few): when, and whether the relay closed (1) or opened
    public long[] switchMs = new long[0];
    public byte[] switchOn = new byte[0];

    // --- the first accepted read of each of the last few UTC days: manual reads days late are
    // checked against them
    public long[] dayFirstMs = new long[0];
    public long[] dayFirstWh = new long[0];

    // --- bookkeeping
    public long version;

    /**
     * Rows of the meter were written without an owner and can no longer be written again from this
     * state (intervals that left the window, closed cases): its owner's record corrects them in
     * ClickHouse ({@link OwnerCorrection}).
     */
    public boolean orphanRows;

    public long timerMs;
    public long lastWatermark = Long.MIN_VALUE;

    // --- open cases, by rule ordinal (null while none is open): opened at (0: not open) and the
    // figures last written
    public long[] caseOpenedMs;
    public long[] caseObservedWh;
    public long[] caseBaselineWh;
    public String[] caseSeverity;
    public String[] caseEvidence;

    /** What the rules remember between intervals, by rule (see each rule). */
    public long[] memory;

    public MeterState() {}

    boolean hasReads() {
        return count > 0;
    }

    long timeMs(int i) {
        return baseMs + sec[i] * 1000L;
    }

    long registerWh(int i) {
        return baseWh + wh[i];
    }

    long newestMs() {
        return timeMs(count - 1);
    }

    long newestWh() {
        return registerWh(count - 1);
    }

    boolean hasRow(int i) {
        return (bits[i] & HAS_ROW) != 0;
    }

    /** The next version for a row of this meter: grows with every write, and with time. */
    long nextVersion() {
        version = Math.max(version + 1, hasReads() ? newestMs() * 1000 : 0);
        return version;
    }

    /** Index of the first entry at or after {@code ms}; {@link #count} when none. */
    int indexAtOrAfter(long ms) {
        int i = count;
        while (i > 0 && timeMs(i - 1) >= ms) {
            i--;
        }
        return i;
    }

    /** Inserts an accepted read at {@code index}; false when it does not fit the base. */
    boolean insert(int index, long ms, long registerWh, byte source, byte flags) {
        if (count == 0) {
            baseMs = ms - Math.floorMod(ms, 1000);
            baseWh = registerWh;
        }
        long s = Math.floorDiv(ms - baseMs, 1000);
        long w = registerWh - baseWh;
        if (s < Integer.MIN_VALUE
                || s > Integer.MAX_VALUE
                || w < Integer.MIN_VALUE
                || w > Integer.MAX_VALUE) {
            if (!rebase(ms, registerWh)) {
                return false;
            }
            s = Math.floorDiv(ms - baseMs, 1000);
            w = registerWh - baseWh;
        }
        if (count == sec.length) {
            // past 16 entries, 16 more rather than twice as many: the arrays are checkpointed
            // with their capacity, and a day of 15-minute reads (97) keeps 112 entries, not 128
            int capacity = count < 16 ? Math.max(4, count * 2) : count + 16;
            sec = Arrays.copyOf(sec, capacity);
            wh = Arrays.copyOf(wh, capacity);
            src = Arrays.copyOf(src, capacity);
            bits = Arrays.copyOf(bits, capacity);
        }
        System.arraycopy(sec, index, sec, index + 1, count - index);
        System.arraycopy(wh, index, wh, index + 1, count - index);
        System.arraycopy(src, index, src, index + 1, count - index);
        System.arraycopy(bits, index, bits, index + 1, count - index);
        sec[index] = (int) s;
        wh[index] = (int) w;
        src[index] = source;
        bits[index] = flags;
        count++;
        return true;
    }

    /** Moves the base to the oldest entry (or to the new read); false when it still cannot fit. */
    private boolean rebase(long ms, long registerWh) {
        long newBaseMs = count > 0 ? Math.min(timeMs(0), ms) : ms;
        newBaseMs -= Math.floorMod(newBaseMs, 1000);
        long newBaseWh = count > 0 ? Math.min(registerWh(0), registerWh) : registerWh;
        long[] times = new long[count];
        long[] registers = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = timeMs(i);
            registers[i] = registerWh(i);
        }
        for (int i = 0; i <= count; i++) {
            long t = i < count ? times[i] : ms;
            long r = i < count ? registers[i] : registerWh;
            if ((t - newBaseMs) / 1000 > Integer.MAX_VALUE || r - newBaseWh > Integer.MAX_VALUE) {
                return false;
            }
        }
        for (int i = 0; i < count; i++) {
            sec[i] = (int) ((times[i] - newBaseMs) / 1000);
            wh[i] = (int) (registers[i] - newBaseWh);
        }
        baseMs = newBaseMs;
        baseWh = newBaseWh;
        return true;
    }

    /** Drops the {@code n} oldest entries. */
    void dropOldest(int n) {
        if (n <= 0) {
            return;
        }
        System.arraycopy(sec, n, sec, 0, count - n);
        System.arraycopy(wh, n, wh, 0, count - n);
        System.arraycopy(src, n, src, 0, count - n);
        System.arraycopy(bits, n, bits, 0, count - n);
        count -= n;
        if (count == 0) {
            clearWindow();
        } else if (sec.length > 8 && count < sec.length / 4) {
            int capacity = Math.max(4, count * 2);
            sec = Arrays.copyOf(sec, capacity);
            wh = Arrays.copyOf(wh, capacity);
            src = Arrays.copyOf(src, capacity);
            bits = Arrays.copyOf(bits, capacity);
        }
    }

    void removeNewest() {
        count--;
        newestPeakWh = newestFlatWh = newestValleyWh = newestReverseWh = RegisterRead.NONE;
        if (count == 0) {
            clearWindow();
        }
    }

    void clearWindow() {
        count = 0;
        sec = new int[0];
        wh = new int[0];
        src = new byte[0];
        bits = new byte[0];
        newestPeakWh = newestFlatWh = newestValleyWh = newestReverseWh = RegisterRead.NONE;
    }

    int pendingCount() {
        return pendingMs.length;
    }

    void addPending(long ms, long registerWh, byte source) {
        int n = pendingMs.length;
        int at = n;
        while (at > 0 && pendingMs[at - 1] > ms) {
            at--;
        }
        pendingMs = insertAt(pendingMs, at, ms);
        pendingWh = insertAt(pendingWh, at, registerWh);
        byte[] s = new byte[n + 1];
        System.arraycopy(pendingSrc, 0, s, 0, at);
        s[at] = source;
        System.arraycopy(pendingSrc, at, s, at + 1, n - at);
        pendingSrc = s;
    }

    void removeFirstPending() {
        pendingMs = Arrays.copyOfRange(pendingMs, 1, pendingMs.length);
        pendingWh = Arrays.copyOfRange(pendingWh, 1, pendingWh.length);
        pendingSrc = Arrays.copyOfRange(pendingSrc, 1, pendingSrc.length);
    }

    void clearPending() {
        pendingMs = new long[0];
        pendingWh = new long[0];
        pendingSrc = new byte[0];
    }

    private static long[] insertAt(long[] array, int at, long value) {
        long[] copy = new long[array.length + 1];
        System.arraycopy(array, 0, copy, 0, at);
        copy[at] = value;
        System.arraycopy(array, at, copy, at + 1, array.length - at);
        return copy;
    }

    /** Keeps the read as its day's first, when it is the first accepted read of a new UTC day. */
    void noteDay(long ms, long registerWh, int keep) {
        int n = dayFirstMs.length;
        long day = Math.floorDiv(ms, 86_400_000L);
        if (n > 0 && Math.floorDiv(dayFirstMs[n - 1], 86_400_000L) >= day) {
            return;
        }
        int drop = n + 1 > keep ? 1 : 0;
        long[] times = Arrays.copyOfRange(dayFirstMs, drop, n + 1);
        long[] registers = Arrays.copyOfRange(dayFirstWh, drop, n + 1);
        times[times.length - 1] = ms;
        registers[registers.length - 1] = registerWh;
        dayFirstMs = times;
        dayFirstWh = registers;
    }

    /** Records an executed switch, in time order, keeping the last {@code keep}. */
    void addSwitch(long ms, boolean on, int keep) {
        int n = switchMs.length;
        int at = n;
        while (at > 0 && switchMs[at - 1] > ms) {
            at--;
        }
        if (at > 0 && switchMs[at - 1] == ms) {
            switchOn[at - 1] = (byte) (on ? 1 : 0);
            return;
        }
        switchMs = insertAt(switchMs, at, ms);
        byte[] o = new byte[n + 1];
        System.arraycopy(switchOn, 0, o, 0, at);
        o[at] = (byte) (on ? 1 : 0);
        System.arraycopy(switchOn, at, o, at + 1, n - at);
        switchOn = o;
        if (switchMs.length > keep) {
            int drop = switchMs.length - keep;
            switchMs = Arrays.copyOfRange(switchMs, drop, switchMs.length);
            switchOn = Arrays.copyOfRange(switchOn, drop, switchOn.length);
        }
    }

    /**
     * When the relay was opened, if it stayed open through [fromMs, untilMs]; else 0 (also when no
     * switch is known).
     */
    long offThrough(long fromMs, long untilMs) {
        long off = 0;
        for (int i = 0; i < switchMs.length; i++) {
            if (switchMs[i] <= fromMs) {
                off = switchOn[i] == 0 ? switchMs[i] : 0;
            } else if (switchMs[i] < untilMs) {
                return 0;
            }
        }
        return off;
    }

    boolean assigned() {
        return customerId != null;
    }

    static byte sourceCode(String source) {
        return switch (source) {
            case "AMI" -> AMI;
            case "MANUAL" -> MANUAL;
            case "ESTIMATED" -> ESTIMATED;
            default -> UNKNOWN_SOURCE;
        };
    }

    static String sourceName(byte code) {
        return switch (code) {
            case AMI -> "AMI";
            case MANUAL -> "MANUAL";
            case ESTIMATED -> "ESTIMATED";
            default -> "UNKNOWN";
        };
    }
}
