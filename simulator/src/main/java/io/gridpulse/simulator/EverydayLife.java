package io.gridpulse.simulator;

import java.util.SplittableRandom;

/**
 * What normal customers do that the rules must not flag: short vacations with no use at all, meter
 * clocks a few minutes off, meter readers' visits whose (right) reads reach the head-end days late.
 * Each household draws from its own generator, so the plan depends only on the seed and the
 * household; the draws are the same for every household, whether or not a plan applies.
 */
final class EverydayLife {

    /** Share of households (residents and renters without a fault) away for 2 to 5 days. */
    static final double VACATION_SHARE = 0.25;

    /**
     * Share of meters whose clock is 1 to {@value #MAX_CLOCK_OFF_MINUTES} minutes off either way.
     */
    static final double CLOCK_OFF_SHARE = 0.05;

    static final int MAX_CLOCK_OFF_MINUTES = 5;

    /** Share of customers without a fault whose meter is read by hand once, delivered late. */
    static final double LATE_MANUAL_SHARE = 0.03;

    private final RunWindow window;
    private final Agenda agenda;
    private final ReadDelivery reads;
    private final long seed;

    EverydayLife(RunWindow window, Agenda agenda, ReadDelivery reads, long seed) {
        this.window = window;
        this.agenda = agenda;
        this.reads = reads;
        this.seed = seed;
    }

    void plan(Household[] households, int customers) {
        for (int i = 0; i < households.length; i++) {
            Household household = households[i];
            SplittableRandom random = Seeds.random(seed, Seeds.EVERYDAY, i);
            boolean clockOff = random.nextDouble() < CLOCK_OFF_SHARE;
            long offsetMinutes = 1 + random.nextInt(MAX_CLOCK_OFF_MINUTES);
            boolean early = random.nextBoolean();
            boolean away = random.nextDouble() < VACATION_SHARE;
            long awayDays = 2 + random.nextInt(4);
            double awayAt = random.nextDouble();
            boolean visited = random.nextDouble() < LATE_MANUAL_SHARE;
            double visitAt = random.nextDouble();
            long visitMinute = random.nextInt(32) * 15L + 7;
            long deliverAfter = 2 * RunWindow.DAY + random.nextLong(3 * RunWindow.DAY);

            if (clockOff) {
                household.meter().clockOffset((early ? -1 : 1) * offsetMinutes * RunWindow.MINUTE);
            }
            boolean normal = i < customers && household.fault() == null;
            LoadProfile profile = household.profile();
            if (normal
                    && away
                    && (profile == LoadProfile.RESIDENT || profile == LoadProfile.RENTER)) {
                long from =
                        midnight(window.start(), window.end() - awayDays * RunWindow.DAY, awayAt);
                if (from >= 0) {
                    household.away(from, from + awayDays * RunWindow.DAY);
                }
            }
            if (normal && visited) {
                long day =
                        midnight(
                                window.start() + RunWindow.DAY,
                                window.end() - deliverAfter - 2 * RunWindow.DAY,
                                visitAt);
                if (day >= 0) {
                    long visit = day + RunWindow.HOUR + visitMinute * RunWindow.MINUTE;
                    agenda.at(
                            visit,
                            () ->
                                    reads.manual(
                                            household,
                                            visit,
                                            household.meter().registers(),
                                            visit + deliverAfter));
                }
            }
        }
    }

    /** The UTC midnight a fraction of the way through [earliest, latest], or -1 if none. */
    private static long midnight(long earliest, long latest, double fraction) {
        long first = earliest + Math.floorMod(-earliest, RunWindow.DAY);
        if (first > latest) {
            return -1;
        }
        long days = (latest - first) / RunWindow.DAY + 1;
        return first + (long) (fraction * days) * RunWindow.DAY;
    }
}
