package io.gridpulse.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The simulated period and the clock arithmetic on it. All times are epoch milliseconds (UTC); the
 * utility's calendar (billing days, office hours, time-of-use periods) runs on China Standard Time.
 *
 * @param start first instant of the run
 * @param end first instant after the run
 */
record RunWindow(long start, long end) {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** Records are generated, shuffled and emitted in ticks of five minutes: the disorder bound. */
    static final long TICK = 5 * MINUTE;

    /** Consumption is modelled in quarter-hour slots, the shortest read interval. */
    static final long SLOT = 15 * MINUTE;

    static final ZoneOffset LOCAL_TIME = ZoneOffset.ofHours(8);

    private static final long LOCAL_OFFSET = 8 * HOUR;

    static RunWindow of(SimulationConfig config) {
        return new RunWindow(config.start().toEpochMilli(), config.end().toEpochMilli());
    }

    long duration() {
        return end - start;
    }

    /** The instant the given fraction of the way through the run. */
    long at(double fraction) {
        return start + (long) (fraction * duration());
    }

    boolean contains(long time) {
        return time >= start && time < end;
    }

    static boolean isSlotBoundary(long time) {
        return Math.floorMod(time, SLOT) == 0;
    }

    static boolean isLocalMidnight(long time) {
        return Math.floorMod(time + LOCAL_OFFSET, DAY) == 0;
    }

    /** The first local midnight strictly after the given instant. */
    static long nextLocalMidnight(long time) {
        return time + DAY - Math.floorMod(time + LOCAL_OFFSET, DAY);
    }

    static LocalDate localDate(long time) {
        return LocalDate.ofEpochDay(Math.floorDiv(time + LOCAL_OFFSET, DAY));
    }

    static int localHour(long time) {
        return (int) (Math.floorMod(time + LOCAL_OFFSET, DAY) / HOUR);
    }

    /** Fractional local hour of day, 0 to 24. */
    static double localHourOfDay(long time) {
        return Math.floorMod(time + LOCAL_OFFSET, DAY) / (double) HOUR;
    }

    static long localTime(LocalDate date, LocalTime time) {
        return date.atTime(time).toInstant(LOCAL_TIME).toEpochMilli();
    }

    static Instant instant(long time) {
        return Instant.ofEpochMilli(time);
    }
}
