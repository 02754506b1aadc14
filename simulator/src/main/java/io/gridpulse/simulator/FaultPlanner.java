package io.gridpulse.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the faulty meters, a few for every consumption rule, and when each fault strikes. Times
 * are picked among the meter's own read times, far enough from the start for a baseline and from
 * the end for the job to see the consequences. Anomalies whose timing is fixed up front are
 * labelled here; the others label themselves when they show.
 */
final class FaultPlanner {

    /** Share of customers that get each kind of fault. */
    static final double FAULT_SHARE = 0.002;

    private static final long SPIKE_LENGTH = 2 * RunWindow.HOUR;
    private static final long MIN_GAP = 2 * RunWindow.HOUR;
    private static final long MAX_GAP = 12 * RunWindow.HOUR;

    private final RunWindow window;
    private final Agenda agenda;
    private final ReadDelivery reads;
    private final GroundTruthRecorder truth;
    private final List<Long> zeroDays;

    FaultPlanner(RunWindow window, Agenda agenda, ReadDelivery reads, GroundTruthRecorder truth) {
        this.window = window;
        this.agenda = agenda;
        this.reads = reads;
        this.truth = truth;
        this.zeroDays = zeroConsumptionDays(window);
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
                    case REVERSE_ENERGY -> unregisteredGeneration(household, random);
                    case SUSTAINED_DROP -> sustainedDrop(household, times, random);
                    case LATE_READ -> lateResend(times, random);
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
        long extra = Math.round(household.meanSlotMilli() * multiple);
        truth.anomaly(
                household,
                AnomalyType.SPIKE,
                from + times.step(),
                from + SPIKE_LENGTH,
                String.format(
                        "%.1f times the average on top from %s to %s",
                        multiple, RunWindow.instant(from), RunWindow.instant(from + SPIKE_LENGTH)));
        return new Spike(from, from + SPIKE_LENGTH, extra);
    }

    private Fault zeroConsumption(Household household, SplittableRandom random) {
        if (zeroDays.isEmpty()) {
            return null;
        }
        long utcMidnight = zeroDays.get(random.nextInt(zeroDays.size()));
        // from the local midnight before to the UTC midnight after: one full day on either calendar
        long from = utcMidnight - 8 * RunWindow.HOUR;
        long until = utcMidnight + RunWindow.DAY;
        truth.anomaly(
                household, AnomalyType.ZERO_CONSUMPTION, from, until, "no consumption at all");
        return new ZeroConsumption(from, until);
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
        long swapTime = previousRead + (1 + random.nextLong(stepMinutes - 1)) * RunWindow.MINUTE;
        return new MeterSwap(swapTime, random.nextLong(200));
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

    /**
     * UTC midnights a zero-consumption window can be built around: the window runs from eight hours
     * before (local midnight) to a day after, and leaves half a day of normal use before it and an
     * hour after it.
     */
    private static List<Long> zeroConsumptionDays(RunWindow window) {
        List<Long> days = new ArrayList<>();
        long first = window.start() - Math.floorMod(window.start(), RunWindow.DAY) + RunWindow.DAY;
        for (long midnight = first;
                midnight + RunWindow.DAY <= window.end() - RunWindow.HOUR;
                midnight += RunWindow.DAY) {
            if (midnight - 8 * RunWindow.HOUR >= window.start() + 12 * RunWindow.HOUR) {
                days.add(midnight);
            }
        }
        return days;
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
