package io.gridpulse.simulator;

import java.util.SplittableRandom;

/**
 * One supply point: a customer (or, for the few meters missing from the customer data, nobody) and
 * its meter. Owns the physical truth of the run: the energy the household actually draws, slot by
 * slot, which drives the meter registers and the expected consumption.
 *
 * <p>State is kept to primitives so a city of a million households fits in a modest heap.
 */
final class Household {

    /** Chance per slot of an appliance burst (kettle, washer, pump) on top of the usual load. */
    private static final double BURST_PROBABILITY = 0.03;

    private final int index;
    private final LoadProfile profile;
    private final boolean rural;
    private final Meter meter;
    private final Account account;
    private final SplittableRandom random;
    private final float meanSlotMilli;
    private final float generationKw;
    private final ExpectedConsumption expected = new ExpectedConsumption();
    private float dayFactor = 1f;
    private long consumedMilli;
    private boolean relayOpen;
    private Fault fault;
    private long[] powerOff = NONE;
    private long[] unread = NONE;
    private long awayFrom;
    private long awayUntil;

    private static final long[] NONE = new long[0];

    Household(
            int index,
            LoadProfile profile,
            boolean rural,
            Meter meter,
            Account account,
            SplittableRandom random,
            double dailyKwh,
            double generationKw) {
        this.index = index;
        this.profile = profile;
        this.rural = rural;
        this.meter = meter;
        this.account = account;
        this.random = random;
        this.meanSlotMilli = (float) (dailyKwh * 1000 / 96);
        this.generationKw = (float) generationKw;
    }

    int index() {
        return index;
    }

    /** The customer id, or null for a meter that is not in the customer data. */
    String customerId() {
        return account == null ? null : Ids.customer(index);
    }

    String meterId() {
        return meter.id();
    }

    LoadProfile profile() {
        return profile;
    }

    boolean rural() {
        return rural;
    }

    Meter meter() {
        return meter;
    }

    /** The customer's account, or null for a meter that is not in the customer data. */
    Account account() {
        return account;
    }

    /** This household's own random generator: everything it does is drawn from it. */
    SplittableRandom random() {
        return random;
    }

    ExpectedConsumption expected() {
        return expected;
    }

    /** Average energy per quarter-hour, milli-kWh. */
    double meanSlotMilli() {
        return meanSlotMilli;
    }

    double generationKw() {
        return generationKw;
    }

    /** True cumulative energy imported through the meter since the start of the run, milli-kWh. */
    long consumedMilli() {
        return consumedMilli;
    }

    Fault fault() {
        return fault;
    }

    void inject(Fault fault) {
        this.fault = fault;
    }

    boolean relayOpen() {
        return relayOpen;
    }

    void openRelay() {
        relayOpen = true;
    }

    void closeRelay() {
        relayOpen = false;
    }

    /** The area's power is off over [from, until): no energy flows and the meter does not read. */
    void powerOff(long from, long until) {
        powerOff = append(powerOff, from, until);
    }

    /** The head-end collects nothing from the meter over [from, until); the power stays on. */
    void notCollected(long from, long until) {
        unread = append(unread, from, until);
    }

    /** The household is away over [from, until): it uses nothing at all. */
    void away(long from, long until) {
        awayFrom = from;
        awayUntil = until;
    }

    /** True when the scheduled read at this time never reaches the head-end. */
    boolean silentAt(long time) {
        return within(powerOff, time) || within(unread, time);
    }

    /** Share of [from, until) the household had power. */
    double poweredShare(long from, long until) {
        long off = 0;
        for (int i = 0; i < powerOff.length; i += 2) {
            off += Math.max(0, Math.min(until, powerOff[i + 1]) - Math.max(from, powerOff[i]));
        }
        return 1 - off / (double) (until - from);
    }

    private static boolean within(long[] spans, long time) {
        for (int i = 0; i < spans.length; i += 2) {
            if (time >= spans[i] && time < spans[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static long[] append(long[] spans, long from, long until) {
        long[] more = java.util.Arrays.copyOf(spans, spans.length + 2);
        more[spans.length] = from;
        more[spans.length + 1] = until;
        return more;
    }

    /** A new document id for this customer: kind letter, customer index, own sequence. */
    String nextId(char kind) {
        return Ids.document(kind, index, account.nextSequence());
    }

    /** Draws how busy the household is today, 0.8 to 1.2 of its usual. */
    void startDay() {
        dayFactor = (float) (0.8 + 0.4 * random.nextDouble());
    }

    /** Advances the physical model by one slot: demand, solar, relay, then the meter registers. */
    void accrue(Slot slot) {
        // the number of draws per slot never varies, so a household's stream stays aligned
        double noise = 0.55 + 0.45 * (random.nextDouble() + random.nextDouble());
        double demand = meanSlotMilli * dayFactor * slot.shape(profile) * noise;
        if (random.nextDouble() < BURST_PROBABILITY) {
            demand += meanSlotMilli;
        }
        long demandMilli = Math.max(1, Math.round(demand));
        if (slot.start() >= awayFrom && slot.start() < awayUntil) {
            demandMilli = 0;
        }
        double solarKw = generationKw;
        if (fault != null) {
            demandMilli = fault.consumption(slot.start(), demandMilli);
            solarKw += fault.unregisteredSolarKw(slot.start());
        }
        if (relayOpen && (fault == null || !fault.relayStuck())) {
            return; // an open relay passes no energy either way
        }
        double powered = poweredShare(slot.start(), slot.start() + RunWindow.SLOT);
        if (powered <= 0) {
            return; // the area's power is off: nothing is drawn, the inverter trips too
        }
        long solarMilli = Math.round(slot.solarKwhPerKw() * solarKw * 1000);
        if (powered < 1) {
            demandMilli = Math.round(demandMilli * powered);
            solarMilli = Math.round(solarMilli * powered);
        }
        long forward = Math.max(0, demandMilli - solarMilli);
        meter.register(slot.tou(), forward, Math.max(0, solarMilli - demandMilli));
        consumedMilli += forward;
    }
}
