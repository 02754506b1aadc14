package io.gridpulse.simulator;

/**
 * A customer's electricity meter: forward registers (split by time of use on TOU meters) and, on
 * bidirectional meters, a reverse register, all in milli-kWh so sums stay exact. A replaced meter
 * keeps its id and starts again from a near-zero register.
 */
final class Meter {

    private final int index;
    private final Cadence cadence;
    private final boolean timeOfUse;
    private final boolean reverseRegister;
    private long peak;
    private long flat;
    private long valley;
    private long untimed;
    private long reverse;
    private boolean newlyInstalled;
    private long clockOffset;

    Meter(
            int index,
            Cadence cadence,
            boolean timeOfUse,
            boolean reverseRegister,
            Registers initial) {
        this.index = index;
        this.cadence = cadence;
        this.timeOfUse = timeOfUse;
        this.reverseRegister = reverseRegister;
        set(initial);
    }

    String id() {
        return Ids.meter(index);
    }

    Cadence cadence() {
        return cadence;
    }

    boolean timeOfUse() {
        return timeOfUse;
    }

    boolean reverseRegister() {
        return reverseRegister;
    }

    /** How far the meter's clock is off, ms: its reads are stamped that much late (or early). */
    long clockOffset() {
        return clockOffset;
    }

    void clockOffset(long millis) {
        clockOffset = millis;
    }

    /** Adds a slot's imported energy to the register of its TOU period and its exported energy. */
    void register(TouPeriod period, long forwardMilli, long exportMilli) {
        if (!timeOfUse) {
            untimed += forwardMilli;
        } else if (period == TouPeriod.PEAK) {
            peak += forwardMilli;
        } else if (period == TouPeriod.FLAT) {
            flat += forwardMilli;
        } else {
            valley += forwardMilli;
        }
        if (reverseRegister) {
            reverse += exportMilli;
        }
    }

    Registers registers() {
        return new Registers(peak, flat, valley, untimed, reverse);
    }

    /**
     * Swaps in a new meter under the same id, its registers starting from the factory test energy.
     */
    void replace(long factoryMilli) {
        set(
                timeOfUse
                        ? new Registers(0, factoryMilli, 0, 0, 0)
                        : new Registers(0, 0, 0, factoryMilli, 0));
        newlyInstalled = true;
    }

    /** True until the first read after a replacement, which the head-end flags METER_REPLACED. */
    boolean newlyInstalled() {
        return newlyInstalled;
    }

    void firstReadTaken() {
        newlyInstalled = false;
    }

    private void set(Registers registers) {
        peak = registers.peak();
        flat = registers.flat();
        valley = registers.valley();
        untimed = registers.untimed();
        reverse = registers.reverse();
    }
}
