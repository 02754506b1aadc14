package io.gridpulse.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the silences of transformer areas: power outages of various lengths (some shorter than a
 * read interval, some crossing a read boundary), collection failures (a whole area's concentrator
 * or one collector serving part of an area loses contact; the power stays on, so the registers
 * catch up with normal use when reads resume) and isolated meter faults. At most one event per area
 * and day, none in the run's first 12 hours (meters need a history) or last 6 (the reads must
 * resume inside the run).
 *
 * <p>Every choice is drawn from the area's own generator of the OUTAGE stream, the same number of
 * draws per day whatever is chosen, so the other streams of the run draw exactly what they drew
 * before; only the energy and the reads of the affected households differ, and the ground truth
 * follows them (no energy while the power is off; one interval across every gap).
 */
final class OutagePlanner {

    // far more often than on a real network (a few per area and year): enough events in a
    // three-day demo city to measure the inference on
    static final double POWER_PER_AREA_DAY = 0.25;
    static final double CONCENTRATOR_PER_AREA_DAY = 0.08;
    static final double COLLECTOR_PER_AREA_DAY = 0.06;
    static final double METER_FAULT_PER_AREA_DAY = 0.08;

    private static final long[] POWER_MINUTES = {20, 40, 75, 120, 240, 480};

    /**
     * Share of meters whose power-down event ("last gasp", sent on the capacitor's charge when the
     * supply fails) reaches the head-end; the rest are lost on the way. A concentrator that only
     * lost its uplink, and a meter that stopped communicating, send none.
     */
    static final double LAST_GASP_DELIVERED = 0.85;

    private static final double WATCH_SHARE = 0.6;
    private static final int WATCH_MIN = 3;

    private final RunWindow window;
    private final City city;
    private final Household[] households;
    private final int customers;
    private final long seed;
    private final List<OutageLabel> labels = new ArrayList<>();
    private final List<LastGasp> lastGasps = new ArrayList<>();

    /** A meter's power-down event at the moment its area's power failed. */
    record LastGasp(Household household, long at) {}

    OutagePlanner(RunWindow window, City city, Household[] households, int customers, long seed) {
        this.window = window;
        this.city = city;
        this.households = households;
        this.customers = customers;
        this.seed = seed;
    }

    List<OutageLabel> plan() {
        int first = 0;
        int ordinal = 0;
        while (first < customers) {
            String area = city.transformerArea(first);
            int end = first + 1;
            while (end < customers && city.transformerArea(end).equals(area)) {
                end++;
            }
            planArea(ordinal++, area, first, end);
            first = end;
        }
        return List.copyOf(labels);
    }

    /** The power-down events planned by {@link #plan()}, for the head-end to deliver. */
    List<LastGasp> lastGasps() {
        return List.copyOf(lastGasps);
    }

    private void planArea(int ordinal, String area, int first, int end) {
        SplittableRandom random = Seeds.random(seed, Seeds.OUTAGE, ordinal);
        long earliest = window.start() + 12 * RunWindow.HOUR;
        long latest = window.end() - 6 * RunWindow.HOUR;
        long free = earliest;
        int days = (int) (window.duration() / RunWindow.DAY);
        int n = end - first;
        for (int d = 0; d < days; d++) {
            double kind = random.nextDouble();
            long start =
                    window.start()
                            + d * RunWindow.DAY
                            + random.nextLong(RunWindow.DAY / RunWindow.MINUTE) * RunWindow.MINUTE;
            double length = random.nextDouble();
            int powerLength = random.nextInt(POWER_MINUTES.length);
            double part = random.nextDouble();
            int offset = random.nextInt(Math.max(1, n));
            int second = random.nextInt(Math.max(1, n));
            String cause;
            String scope;
            long minutes;
            int from = first;
            int to = end;
            if (kind < POWER_PER_AREA_DAY) {
                cause = "POWER_OUTAGE";
                scope = "AREA";
                minutes = POWER_MINUTES[powerLength];
            } else if (kind < POWER_PER_AREA_DAY + CONCENTRATOR_PER_AREA_DAY) {
                cause = "COLLECTION_FAILURE";
                scope = "CONCENTRATOR";
                minutes = 60 + Math.round(length * 420);
            } else if (kind
                    < POWER_PER_AREA_DAY + CONCENTRATOR_PER_AREA_DAY + COLLECTOR_PER_AREA_DAY) {
                cause = "COLLECTION_FAILURE";
                scope = "COLLECTOR";
                minutes = 60 + Math.round(length * 300);
                int size = Math.max(1, (int) Math.round((0.3 + 0.2 * part) * n));
                from = first + Math.min(offset, n - size);
                to = from + size;
            } else if (kind
                    < POWER_PER_AREA_DAY
                            + CONCENTRATOR_PER_AREA_DAY
                            + COLLECTOR_PER_AREA_DAY
                            + METER_FAULT_PER_AREA_DAY) {
                cause = "METER_FAULT";
                scope = "METER";
                minutes = 120 + Math.round(length * 480);
                from = first + offset;
                to = from + 1;
            } else {
                continue;
            }
            long until = start + minutes * RunWindow.MINUTE;
            if (start < free || until > latest) {
                continue;
            }
            free = until + 2 * RunWindow.HOUR;
            List<Integer> affected = new ArrayList<>();
            for (int i = from; i < to; i++) {
                affected.add(i);
            }
            if (scope.equals("METER") && part < 0.4 && first + second != from) {
                affected.add(first + second); // two meters, far apart
            }
            for (int i : affected) {
                if (cause.equals("POWER_OUTAGE")) {
                    households[i].powerOff(start, until);
                    // a stream of its own per meter and day: the other draws stay as they were
                    if (Seeds.random(seed, Seeds.OUTAGE, (customers + (long) i) * 1000 + d)
                                    .nextDouble()
                            < LAST_GASP_DELIVERED) {
                        lastGasps.add(new LastGasp(households[i], start));
                    }
                } else {
                    households[i].notCollected(start, until);
                }
            }
            labels.add(label(area, first, end, affected, cause, scope, start, until));
        }
    }

    private OutageLabel label(
            String area,
            int first,
            int end,
            List<Integer> affected,
            String cause,
            String scope,
            long start,
            long until) {
        int watched = 0;
        for (int i = first; i < end; i++) {
            if (households[i].meter().cadence().minutes() <= 60) {
                watched++;
            }
        }
        int missing = 0;
        List<String> meters = new ArrayList<>();
        for (int i : affected) {
            Cadence cadence = households[i].meter().cadence();
            if (cadence.minutes() <= 60 && cadence.firstReadAtOrAfter(start) < until) {
                missing++;
            }
            meters.add(households[i].meterId());
        }
        boolean observable =
                cause.equals("POWER_OUTAGE")
                        && missing >= WATCH_MIN
                        && missing >= WATCH_SHARE * watched;
        String id =
                "O-"
                        + area
                        + "-"
                        + RunWindow.instant(start).toString().replace(":", "").replace("-", "");
        return new OutageLabel(
                id,
                cause,
                scope,
                area,
                city.gridId(city.gridOf(first)),
                RunWindow.instant(start),
                RunWindow.instant(until),
                List.copyOf(meters),
                affected.size(),
                watched,
                missing,
                observable);
    }
}
