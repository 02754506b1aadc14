package io.gridpulse.simulator;

/**
 * How often a meter is read. Interval reads fall on multiples of the interval; daily reads are the
 * registers frozen at local midnight (16:00 UTC), as AMI head-ends deliver them.
 */
enum Cadence {
    QUARTER_HOURLY(15),
    HALF_HOURLY(30),
    HOURLY(60),
    DAILY(1440);

    private final int minutes;
    private final long step;
    private final long phase;

    Cadence(int minutes) {
        this.minutes = minutes;
        this.step = minutes * RunWindow.MINUTE;
        this.phase = minutes == 1440 ? 16 * RunWindow.HOUR : 0;
    }

    int minutes() {
        return minutes;
    }

    long step() {
        return step;
    }

    boolean isReadTime(long time) {
        return Math.floorMod(time - phase, step) == 0;
    }

    long firstReadAtOrAfter(long time) {
        return time + Math.floorMod(phase - time, step);
    }

    /** True for cadences fine enough to see hour-scale behaviour such as a two-hour spike. */
    boolean isInterval() {
        return this != DAILY;
    }
}
