package io.gridpulse.outage;

/**
 * The outage watch's state of one transformer area besides its members: the tick clock, the outage
 * under way (at most one), and the recent finished outages that cases are checked against.
 */
public class AreaState {

    public static final int NONE = 0;
    public static final int OPEN = 1;
    public static final int CLASSIFYING = 2;

    /** The tick the one timer is set for; 0 when the area is idle (no timer). */
    public long nextTickMs;

    /** The last tick evaluated; reads at or before it are applied at once. */
    public long processedMs = Long.MIN_VALUE;

    /** Newest read time received in the area. */
    public long newestReadMs;

    public String gridId;

    // ---------------------------------------------------------------- the outage under way
    public int phase = NONE;
    public String outageId;
    public long openedMs;
    public long detectedMs;
    public long closedMs;
    public long classifyByMs;
    public int metersWatched;
    public int metersSilent;
    public int metersAffected;
    public int customersAffected;
    public boolean startedSent;

    /** Silent meters that sent a power-down event (last gasp) before they fell silent. */
    public int metersPoweredDown;

    /** The power-down events confirmed the power outage while it was under way. */
    public boolean liveConfirmed;

    // ---------------------------------------------------------------- finished outages, oldest
    // first
    public String[] doneIds = new String[0];
    public long[] doneFromMs = new long[0];
    public long[] doneUntilMs = new long[0];
    public boolean[] donePower = new boolean[0];

    public AreaState() {}

    void remember(String id, long from, long until, boolean power) {
        int n = doneIds.length;
        doneIds = java.util.Arrays.copyOf(doneIds, n + 1);
        doneFromMs = java.util.Arrays.copyOf(doneFromMs, n + 1);
        doneUntilMs = java.util.Arrays.copyOf(doneUntilMs, n + 1);
        donePower = java.util.Arrays.copyOf(donePower, n + 1);
        doneIds[n] = id;
        doneFromMs[n] = from;
        doneUntilMs[n] = until;
        donePower[n] = power;
    }

    /** Forgets finished outages that ended before the given time. */
    void forgetBefore(long ms) {
        int keep = 0;
        while (keep < doneIds.length && doneUntilMs[keep] < ms) {
            keep++;
        }
        if (keep > 0) {
            doneIds = java.util.Arrays.copyOfRange(doneIds, keep, doneIds.length);
            doneFromMs = java.util.Arrays.copyOfRange(doneFromMs, keep, doneFromMs.length);
            doneUntilMs = java.util.Arrays.copyOfRange(doneUntilMs, keep, doneUntilMs.length);
            donePower = java.util.Arrays.copyOfRange(donePower, keep, donePower.length);
        }
    }

    /** The finished power outage overlapping [from, until], or null. */
    String powerOutageOverlapping(long from, long until) {
        for (int i = 0; i < doneIds.length; i++) {
            if (donePower[i] && doneFromMs[i] <= until && doneUntilMs[i] >= from) {
                return doneIds[i];
            }
        }
        return null;
    }

    void endOutage() {
        phase = NONE;
        outageId = null;
        openedMs = 0;
        detectedMs = 0;
        closedMs = 0;
        classifyByMs = 0;
        metersWatched = 0;
        metersSilent = 0;
        metersAffected = 0;
        customersAffected = 0;
        startedSent = false;
        metersPoweredDown = 0;
        liveConfirmed = false;
    }
}
