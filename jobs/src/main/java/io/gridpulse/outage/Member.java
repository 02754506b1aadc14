package io.gridpulse.outage;

/**
 * One meter of a transformer area as the outage watch sees it: who to tell, its read cadence, its
 * newest read up to the last evaluated tick, the reads already received beyond it (so a tick never
 * sees a read stamped after it, whatever the arrival order), its switches, and — while it is part
 * of an outage — where its silence began and what its registers did across it.
 */
public class Member {

    public String customerId;
    public String gridId;
    public int intervalMinutes;
    public boolean optOut;
    public String channel = "NONE";

    /** Newest read folded in (read time ms, register Wh); 0 before the first. */
    public long lastMs;

    public long lastWh;

    /** Smoothed use before the newest read, Wh per ms; negative while unknown. */
    public double rate = -1;

    /** Reads received with a read time after the last evaluated tick, ascending. */
    public long[] aheadMs = new long[0];

    public long[] aheadWh = new long[0];

    /** Newest power-down event (last gasp) up to the last evaluated tick (ms); 0 for none. */
    public long powerDownMs;

    /** Power-down events received with a time after the last evaluated tick, ascending. */
    public long[] aheadPowerDownMs = new long[0];

    /** The newest executed switches (ms, on), oldest first; at most two. */
    public long[] switchMs = new long[0];

    public boolean[] switchOn = new boolean[0];

    /** In the area's current outage: its read before the silence (ms); 0 when not silent. */
    public long silentFromMs;

    /** The use rate before the silence, Wh per ms; negative when unknown. */
    public double rateBefore = -1;

    /** First read after the silence (ms); 0 while still silent. */
    public long resumedMs;

    /** Register advance and length of the gap the silence left. */
    public long gapWh;

    public long gapMs;

    /** Use rate over the interval after the first resumed read, Wh per ms; negative until known. */
    public double rateAfter = -1;

    /**
     * Joined the area after ticks were judged (its customer record came after its reads): its reads
     * wait in {@link #aheadMs} and are caught up with the outage under way at the next tick.
     */
    public boolean catchUp;

    public Member() {}

    /** Keeps a read for the tick it belongs to. */
    void addAhead(long ms, long wh) {
        int n = aheadMs.length;
        int at = n;
        while (at > 0 && aheadMs[at - 1] > ms) {
            at--;
        }
        if (at > 0 && aheadMs[at - 1] == ms) {
            return; // a duplicate read
        }
        long[] m = new long[n + 1];
        long[] w = new long[n + 1];
        System.arraycopy(aheadMs, 0, m, 0, at);
        System.arraycopy(aheadWh, 0, w, 0, at);
        m[at] = ms;
        w[at] = wh;
        System.arraycopy(aheadMs, at, m, at + 1, n - at);
        System.arraycopy(aheadWh, at, w, at + 1, n - at);
        aheadMs = m;
        aheadWh = w;
    }

    /** Keeps a power-down event for the tick it belongs to. */
    void addPowerDown(long ms) {
        long[] m = java.util.Arrays.copyOf(aheadPowerDownMs, aheadPowerDownMs.length + 1);
        m[m.length - 1] = ms;
        java.util.Arrays.sort(m);
        aheadPowerDownMs = m;
    }

    /**
     * True when the meter's newest power-down event up to the tick came after its newest read: it
     * lost its supply and has not read since.
     */
    boolean poweredDownAt(long tickMs) {
        return powerDownMs != 0 && powerDownMs <= tickMs && powerDownMs >= lastMs;
    }

    /** Applies the reads up to the tick, in read-time order; true when anything changed. */
    boolean foldUpTo(long tickMs) {
        int g = 0;
        while (g < aheadPowerDownMs.length && aheadPowerDownMs[g] <= tickMs) {
            powerDownMs = Math.max(powerDownMs, aheadPowerDownMs[g]);
            g++;
        }
        if (g > 0) {
            aheadPowerDownMs =
                    java.util.Arrays.copyOfRange(aheadPowerDownMs, g, aheadPowerDownMs.length);
        }
        int n = 0;
        while (n < aheadMs.length && aheadMs[n] <= tickMs) {
            apply(aheadMs[n], aheadWh[n]);
            n++;
        }
        if (n == 0) {
            return g > 0;
        }
        aheadMs = java.util.Arrays.copyOfRange(aheadMs, n, aheadMs.length);
        aheadWh = java.util.Arrays.copyOfRange(aheadWh, n, aheadWh.length);
        return true;
    }

    /** Applies one read (in read-time order; older ones than the newest are ignored). */
    void apply(long ms, long wh) {
        if (ms <= lastMs) {
            return;
        }
        if (lastMs == 0) {
            lastMs = ms;
            lastWh = wh;
            return;
        }
        long dt = ms - lastMs;
        double r = Math.max(0, wh - lastWh) / (double) dt;
        if (silentFromMs != 0) {
            if (resumedMs == 0) {
                resumedMs = ms;
                gapMs = dt;
                gapWh = Math.max(0, wh - lastWh);
                lastMs = ms;
                lastWh = wh;
                return; // the gap says nothing about the usual rate
            }
            if (rateAfter < 0) {
                rateAfter = r;
            }
        }
        double alpha = Math.min(1.0, dt / (double) SMOOTHING_MS);
        rate = rate < 0 ? r : rate + alpha * (r - rate);
        lastMs = ms;
        lastWh = wh;
    }

    /** Roughly two hours of reads make the usual rate. */
    static final long SMOOTHING_MS = 2 * 3_600_000L;

    void addSwitch(long ms, boolean on) {
        int n = switchMs.length;
        long[] m = java.util.Arrays.copyOf(switchMs, n + 1);
        boolean[] o = java.util.Arrays.copyOf(switchOn, n + 1);
        int at = n;
        while (at > 0 && m[at - 1] > ms) {
            m[at] = m[at - 1];
            o[at] = o[at - 1];
            at--;
        }
        m[at] = ms;
        o[at] = on;
        if (m.length > 2) {
            m = java.util.Arrays.copyOfRange(m, m.length - 2, m.length);
            o = java.util.Arrays.copyOfRange(o, o.length - 2, o.length);
        }
        switchMs = m;
        switchOn = o;
    }

    /** True when the utility had cut the meter off at this time (an executed disconnect). */
    boolean offAt(long ms) {
        for (int i = switchMs.length - 1; i >= 0; i--) {
            if (switchMs[i] <= ms) {
                return !switchOn[i];
            }
        }
        return false;
    }

    void join(long tickMs) {
        silentFromMs = lastMs;
        rateBefore = rate;
        resumedMs = 0;
        gapWh = 0;
        gapMs = 0;
        rateAfter = -1;
    }

    void leaveOutage() {
        silentFromMs = 0;
        rateBefore = -1;
        resumedMs = 0;
        gapWh = 0;
        gapMs = 0;
        rateAfter = -1;
    }

    long intervalMs() {
        return intervalMinutes * 60_000L;
    }
}
