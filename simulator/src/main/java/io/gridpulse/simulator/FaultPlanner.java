package io.gridpulse.simulator;

import java.util.SplittableRandom;

/**
 * Chooses the faulty meters, a few for every consumption rule, and when each fault strikes. Times
 * are picked among the meter's own read times, far enough from the start for a baseline and from
 * the end for the job to see the consequences. Anomalies whose timing is fixed up front are
 * labelled here; the others label themselves when they show.
 */
final class FaultPlanner {

    /** Share of customers that get each kind of fault. */
    static final double FAULT_SHARE = 0.005;

    /** A vacation this long is labelled ZERO_CONSUMPTION: longer than the rule's 7-day span. */
    static final long LONG_VACATION_MIN = 9 * RunWindow.DAY;

    static final long LONG_VACATION_MAX = 16 * RunWindow.DAY;

    private static final long SPIKE_LENGTH = 2 * RunWindow.HOUR;
    private static final long MIN_GAP = 2 * RunWindow.HOUR;
    private static final long MAX_GAP = 12 * RunWindow.HOUR;

    private final RunWindow window;
    private final Agenda agenda;
    private final ReadDelivery reads;
    private final GroundTruthRecorder truth;

    FaultPlanner(RunWindow window, Agenda agenda, ReadDelivery reads, GroundTruthRecorder truth) {
        this.window = window;
        this.agenda = agenda;
        this.reads = reads;
        this.truth = truth;
    }

    void plan(CandidatePicker picker, int customers) {
        int quota = CandidatePicker.quota(customers, FAULT_SHARE);
        for (AnomalyType type : AnomalyType.values()) {
            if (type
                    != AnomalyType.CONSUMPTION_WHILE_OFF) { // a service-case story, see CasePlanner
                picker.pick(quota, household -> inject(household, type));
            }
        }
    }

    private boolean inject(Household household, AnomalyType type) {
        ReadTimes times = new ReadTimes(household.meter().cadence(), window);
        SplittableRandom random = household.random();
        Fault fault =
                switch (type) {
                    case NEGATIVE_DELTA -> misread(times, random);
                    case SPIKE -> spike(household, times, random);
                    case ZERO_CONSUMPTION -> zeroConsumption(household, random);
                    case MISSING_READS -> collectionGap(household, times, random);
                    case DUPLICATE_READ ->
                            times.count() < 2
                                    ? null
                                    : new DuplicateRead(
                                            times.at(between(random, 1, times.count() - 1)));
                    case ESTIMATED_READ -> estimatedRead(times, random);
                    case METER_SWAP -> meterSwap(times, random);
                    case CROSSED_METER -> crossedMeter(household, times, random);
                    case REVERSE_ENERGY -> unregisteredGeneration(household, random);
                    case SUSTAINED_DROP -> sustainedDrop(household, times, random);
                    case LATE_READ -> lateResend(times, random);
                    case USAGE_OUT_OF_BAND -> extraLoad(household, random);
                    case MANUAL_READ_MISMATCH -> wrongManualRead(household, times, random);
                    case TOU_SUM_MISMATCH -> touDoubleCount(household, times, random);
                    case FLATLINE -> repeatedValue(household, times, random);
                    case CONSUMPTION_WHILE_OFF -> null;
                };
        if (fault == null) {
            return false;
        }
        household.inject(fault);
        if (fault instanceof MeterSwap swap) {
            agenda.at(swap.swapTime(), () -> swap.install(household, reads));
        }
        return true;
    }

    private static Fault misread(ReadTimes times, SplittableRandom random) {
        int n = times.count();
        int first = Math.max(1, n / 5);
        int last = Math.min(n - 2, n * 9 / 10);
        return first > last ? null : new Misread(times.at(between(random, first, last)));
    }

    private Fault spike(Household household, ReadTimes times, SplittableRandom random) {
        if (!household.meter().cadence().isInterval()) {
            return null;
        }
        int n = times.count();
        int last =
                (int)
                        Math.min(
                                n * 8 / 10,
                                (times.at(n - 1) - SPIKE_LENGTH - times.at(0)) / times.step());
        int first = n * 3 / 10;
        if (first > last) {
            return null;
        }
        long from = times.at(between(random, first, last));
        double multiple = 10 + 5 * random.nextDouble();
        // an appliance the size of a welder or a heater: on a small household 10 to 15 times its
        // average was 1.2 kW, less than the rule's floor above the usual (RESIDENT 1.5 kW), and
        // no spike a utility would want flagged
        long extra =
                Math.max(
                        Math.round(household.meanSlotMilli() * multiple),
                        Math.round(
                                spikeLeastKw(household.profile())
                                        * 1000
                                        * RunWindow.SLOT
                                        / RunWindow.HOUR));
        truth.anomaly(
                household,
                AnomalyType.SPIKE,
                from + times.step(),
                from + SPIKE_LENGTH,
                String.format(
                        "%.1f times the average (%.2f kW) on top from %s to %s",
                        multiple,
                        extra * (double) RunWindow.HOUR / RunWindow.SLOT / 1000,
                        RunWindow.instant(from),
                        RunWindow.instant(from + SPIKE_LENGTH)));
        return new ExtraDemand(from, from + SPIKE_LENGTH, extra);
    }

    /** The least a SPIKE adds, kW: twice or more the rule's default floor of the segment. */
    private static double spikeLeastKw(LoadProfile profile) {
        return switch (profile) {
            case RESIDENT, RENTER -> 3.0;
            case SHOP -> 8.0;
            case INDUSTRY -> 100.0;
        };
    }

    /** A vacation of 9 to 16 days with no use at all, starting at a UTC midnight. */
    private Fault zeroConsumption(Household household, SplittableRandom random) {
        long length = LONG_VACATION_MIN + random.nextLong(LONG_VACATION_MAX - LONG_VACATION_MIN);
        length -= Math.floorMod(length, RunWindow.DAY);
        long from = midnightBetween(window.start() + RunWindow.DAY, window.end() - length, random);
        if (from < 0) {
            return null;
        }
        long until = from + length;
        truth.anomaly(
                household,
                AnomalyType.ZERO_CONSUMPTION,
                from,
                until,
                "away for " + length / RunWindow.DAY + " days: no consumption at all");
        return new ZeroConsumption(from, until);
    }

    /**
     * USAGE_OUT_OF_BAND: a heater or a pump left running around the clock for 2 to 4 whole UTC
     * days, after a week and a day of history. It adds 3.5 to 4.5 times the household's own usual
     * day, and never less than a 0.8 kW (residents) or 0.55 kW (renters) appliance: far outside the
     * household's band. A fixed load for everyone was not: on a household using twice the segment's
     * usual, 25 kWh a day more is what a genuine cold snap also does to it (× 1.8 to 2.6), and no
     * rule can tell the two apart.
     */
    private Fault extraLoad(Household household, SplittableRandom random) {
        LoadProfile profile = household.profile();
        if (profile != LoadProfile.RESIDENT && profile != LoadProfile.RENTER) {
            return null;
        }
        long length = (2 + random.nextInt(3)) * RunWindow.DAY;
        long from =
                midnightBetween(
                        window.start() + 8 * RunWindow.DAY,
                        window.end() - length - RunWindow.DAY,
                        random);
        if (from < 0) {
            return null;
        }
        double times = 3.5 + random.nextDouble();
        double leastKw = profile == LoadProfile.RESIDENT ? 0.8 : 0.55;
        long extra =
                Math.max(
                        Math.round(household.meanSlotMilli() * times),
                        Math.round(leastKw * 1000 * RunWindow.SLOT / RunWindow.HOUR));
        truth.anomaly(
                household,
                AnomalyType.USAGE_OUT_OF_BAND,
                from,
                from + length,
                String.format(
                        "%.2f kW extra around the clock for %d days (%.1f times the usual day)",
                        extra * (double) RunWindow.HOUR / RunWindow.SLOT / 1000,
                        length / RunWindow.DAY,
                        extra / household.meanSlotMilli()));
        return new ExtraDemand(from, from + length, extra);
    }

    /**
     * MANUAL_READ_MISMATCH: a visit in local working hours, the register written down far too high
     * (ten days of use and 100 kWh more), delivered 2 to 5 days later.
     */
    private Fault wrongManualRead(Household household, ReadTimes times, SplittableRandom random) {
        if (household.account() == null || times.count() < 2) {
            return null;
        }
        long deliverAfter = 2 * RunWindow.DAY + random.nextLong(3 * RunWindow.DAY);
        long visit = visitTime(window.start() + 2 * RunWindow.DAY, deliverAfter, random);
        if (visit < 0) {
            return null;
        }
        long wrongBy = Math.round(household.meanSlotMilli() * 96 * 10) + 100_000;
        agenda.at(
                visit,
                () -> {
                    Registers actual = household.meter().registers();
                    Registers wrong =
                            household.meter().timeOfUse()
                                    ? new Registers(
                                            actual.peak(),
                                            actual.flat() + wrongBy,
                                            actual.valley(),
                                            actual.untimed(),
                                            actual.reverse())
                                    : new Registers(
                                            actual.peak(),
                                            actual.flat(),
                                            actual.valley(),
                                            actual.untimed() + wrongBy,
                                            actual.reverse());
                    reads.manual(household, visit, wrong, visit + deliverAfter);
                    truth.anomaly(
                            household,
                            AnomalyType.MANUAL_READ_MISMATCH,
                            visit,
                            visit,
                            "manual read written as "
                                    + Records.kwh(wrong.total())
                                    + " kWh, true "
                                    + Records.kwh(actual.total())
                                    + " kWh, delivered "
                                    + RunWindow.instant(visit + deliverAfter));
                });
        return new WrongManualRead();
    }

    /** TOU_SUM_MISMATCH: a TOU meter's flat register double-counts from 30-70 % into the run. */
    private Fault touDoubleCount(Household household, ReadTimes times, SplittableRandom random) {
        if (!household.meter().timeOfUse() || !household.meter().cadence().isInterval()) {
            return null;
        }
        int n = times.count();
        int first = n * 3 / 10;
        int last = n * 7 / 10;
        if (first < 1 || first > last) {
            return null;
        }
        return new TouDoubleCount(times.at(between(random, first, last)), times.at(n - 1));
    }

    /** FLATLINE: exactly the average energy every slot for three days. */
    private Fault repeatedValue(Household household, ReadTimes times, SplittableRandom random) {
        if (!household.meter().cadence().isInterval()) {
            return null;
        }
        long length = 3 * RunWindow.DAY;
        int n = times.count();
        int first = n / 5;
        int last = (int) ((times.at(n - 1) - length - RunWindow.DAY - times.at(0)) / times.step());
        if (first < 1 || first > last) {
            return null;
        }
        long from = times.at(between(random, first, last));
        long until = from + length;
        long milli = Math.max(40, Math.round(household.meanSlotMilli()));
        truth.anomaly(
                household,
                AnomalyType.FLATLINE,
                from + times.step(),
                until,
                Records.kwh(milli) + " kWh every slot until " + RunWindow.instant(until));
        return new RepeatedValue(from, until, milli);
    }

    /**
     * A time in local working hours (09:00-17:00) from {@code earliest} on, leaving room to deliver
     * it {@code deliverAfter} later and an hour before the end; -1 when the run is too short.
     */
    private long visitTime(long earliest, long deliverAfter, SplittableRandom random) {
        long latest = window.end() - deliverAfter - RunWindow.HOUR;
        long day = midnightBetween(earliest, latest - RunWindow.DAY, random);
        if (day < 0) {
            return -1;
        }
        // local 09:00 is 01:00 UTC; seven minutes past a quarter: no read time of any cadence
        return day + RunWindow.HOUR + (random.nextInt(32) * 15L + 7) * RunWindow.MINUTE;
    }

    /** A random UTC midnight in [earliest, latest], or -1 when there is none. */
    private static long midnightBetween(long earliest, long latest, SplittableRandom random) {
        long first = earliest + Math.floorMod(-earliest, RunWindow.DAY);
        if (first > latest) {
            return -1;
        }
        long days = (latest - first) / RunWindow.DAY + 1;
        return first + random.nextLong(days) * RunWindow.DAY;
    }

    private Fault collectionGap(Household household, ReadTimes times, SplittableRandom random) {
        if (!household.meter().cadence().isInterval()) {
            return null;
        }
        int step = (int) (times.step() / RunWindow.MINUTE);
        int fewest = (int) (MIN_GAP / RunWindow.MINUTE / step);
        // the delivered reads around the gap may be at most 12 hours apart
        int most = (int) (MAX_GAP / RunWindow.MINUTE / step) - 1;
        int missing = between(random, fewest, most);
        int n = times.count();
        int first = Math.max(1, n / 5);
        int last = Math.min(n - 1 - missing, n * 8 / 10);
        if (first > last) {
            return null;
        }
        int start = between(random, first, last);
        long from = times.at(start);
        long until = times.at(start + missing - 1);
        truth.anomaly(
                household,
                AnomalyType.MISSING_READS,
                from,
                until,
                missing + " reads not collected");
        return new CollectionGap(from, until);
    }

    private static Fault estimatedRead(ReadTimes times, SplittableRandom random) {
        int n = times.count();
        int first = Math.max(1, n / 5);
        if (first > n - 2) {
            return null;
        }
        return new EstimatedRead(
                times.at(between(random, first, n - 2)), times.at(n - 2), between(random, 3, 8));
    }

    private static Fault meterSwap(ReadTimes times, SplittableRandom random) {
        int n = times.count();
        int first = n / 5;
        int last = Math.min(n - 2, n * 8 / 10);
        if (first > last) {
            return null;
        }
        long previousRead = times.at(between(random, first, last));
        long stepMinutes = times.step() / RunWindow.MINUTE;
        // the crew's clock is right, the meter's may be a few minutes off: keep the crew's read
        // clear of the stamps of the reads around it, or it lands on one as a duplicate
        long margin = EverydayLife.MAX_CLOCK_OFF_MINUTES + 1;
        long swapTime =
                previousRead
                        + (margin + random.nextLong(stepMinutes - 2 * margin + 1))
                                * RunWindow.MINUTE;
        return new MeterSwap(swapTime, random.nextLong(200));
    }

    /**
     * CROSSED_METER: a swap at least 8 days into the run and 9 days before its end (a week of the
     * old meter and of the new one, and the lateness bound), on a household metered at least
     * hourly; the new meter measures a neighbour of another kind: a renter or a resident (the other
     * one) or a shop, using 0.6 to 1.3 times this household's usual. A neighbour using several
     * times more or less is the business of USAGE_OUT_OF_BAND and SUSTAINED_DROP as well; this one
     * only the profile tells.
     */
    private Fault crossedMeter(Household household, ReadTimes times, SplittableRandom random) {
        LoadProfile own = household.profile();
        if (!household.meter().cadence().isInterval()
                || (own != LoadProfile.RESIDENT && own != LoadProfile.RENTER)) {
            return null;
        }
        long earliest = window.start() + 8 * RunWindow.DAY;
        long latest = window.end() - 9 * RunWindow.DAY;
        if (latest <= earliest) {
            return null;
        }
        long previousRead =
                times.at(
                        (int)
                                ((earliest + random.nextLong(latest - earliest) - times.at(0))
                                        / times.step()));
        long stepMinutes = times.step() / RunWindow.MINUTE;
        long swapTime = previousRead + (1 + random.nextLong(stepMinutes - 1)) * RunWindow.MINUTE;
        LoadProfile neighbour =
                random.nextBoolean()
                        ? LoadProfile.SHOP
                        : own == LoadProfile.RESIDENT ? LoadProfile.RENTER : LoadProfile.RESIDENT;
        double scale = 0.6 * Math.exp(random.nextDouble() * Math.log(1.3 / 0.6));
        truth.anomaly(
                household,
                AnomalyType.CROSSED_METER,
                swapTime,
                window.end(),
                String.format(
                        "new meter wired to the neighbour's supply at %s: a %s using %.2f times"
                                + " this household's usual",
                        RunWindow.instant(swapTime),
                        neighbour.name().toLowerCase(java.util.Locale.ROOT),
                        scale));
        return new CrossedMeter(swapTime, random.nextLong(200), own, neighbour, scale);
    }

    private Fault unregisteredGeneration(Household household, SplittableRandom random) {
        LoadProfile profile = household.profile();
        if (!household.meter().reverseRegister()
                || (profile != LoadProfile.RESIDENT && profile != LoadProfile.RENTER)) {
            return null;
        }
        long from = window.at(0.25 + 0.25 * random.nextDouble());
        return new UnregisteredGeneration(
                from - Math.floorMod(from, RunWindow.SLOT), 3 + 2 * random.nextDouble());
    }

    private Fault sustainedDrop(Household household, ReadTimes times, SplittableRandom random) {
        if (!household.meter().cadence().isInterval()) {
            return null;
        }
        int n = times.count();
        long from = times.at((int) (n * (0.4 + 0.2 * random.nextDouble())));
        double factor = 0.15 + 0.10 * random.nextDouble();
        truth.anomaly(
                household,
                AnomalyType.SUSTAINED_DROP,
                from,
                times.at(n - 1),
                String.format(
                        "consumption at %.0f %% from %s", factor * 100, RunWindow.instant(from)));
        return new SustainedDrop(from, factor);
    }

    private Fault lateResend(ReadTimes times, SplittableRandom random) {
        int last = (int) ((window.end() - 3 * RunWindow.HOUR - times.at(0)) / times.step());
        if (last < 1) {
            return null;
        }
        long readTime = times.at(between(random, 1, Math.min(last, times.count() - 1)));
        long resendAt = readTime + 2 * RunWindow.HOUR + random.nextLong(RunWindow.HOUR);
        return new LateResend(readTime, resendAt);
    }

    private static int between(SplittableRandom random, int first, int last) {
        return first + random.nextInt(last - first + 1);
    }

    /** The read times of a meter within the run: {@code count} reads, {@code step} apart. */
    private record ReadTimes(long first, long step, int count) {

        ReadTimes(Cadence cadence, RunWindow window) {
            this(
                    cadence.firstReadAtOrAfter(window.start()),
                    cadence.step(),
                    countReads(
                            cadence.firstReadAtOrAfter(window.start()),
                            cadence.step(),
                            window.end()));
        }

        long at(int index) {
            return first + index * step;
        }

        private static int countReads(long first, long step, long end) {
            return first >= end ? 0 : (int) ((end - 1 - first) / step) + 1;
        }
    }
}
