package io.gridpulse.highbill;

/**
 * A meter's state in {@link MeterDays}: the last accepted read (the baseline of the next delta),
 * the local day being filled, and when the meter was last heard of.
 */
public class MeterCursor {

    public boolean hasBaseline;
    public long lastTimeMs;
    public long lastTotalWh;
    public boolean lastTimeOfUse;
    public long lastPeakWh;
    public long lastFlatWh;
    public long lastValleyWh;

    /** The day being filled, or null; its customer id is set when it is emitted. */
    public DailyUse open;

    /** Days waiting in {@code unowned-days} for the meter's owner. */
    public int unownedDays;

    public long lastActivityMs = Long.MIN_VALUE;
    public long cleanupTimerMs;

    public MeterCursor() {}

    void baseline(MeterReading read) {
        hasBaseline = true;
        lastTimeMs = read.readTimeMs;
        lastTotalWh = read.totalWh;
        lastTimeOfUse = read.timeOfUse;
        lastPeakWh = read.peakWh;
        lastFlatWh = read.flatWh;
        lastValleyWh = read.valleyWh;
    }
}
