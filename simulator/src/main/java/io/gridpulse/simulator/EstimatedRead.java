package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * ESTIMATED_READ (估抄): the head-end fails to collect one read and delivers an estimate instead,
 * strictly between the previous and the next genuine register. If too little energy went through
 * for that, the estimate moves to the next read.
 */
final class EstimatedRead extends Fault {

    /**
     * With this much energy every register split yields an estimate strictly between both reads.
     */
    private static final long MIN_ENERGY_MILLI = 12;

    private final long lastCandidate;
    private final int tenths;
    private long readTime;
    private Registers previous;

    /**
     * @param readTime the read to estimate
     * @param lastCandidate the last read it may move to; a genuine read must follow it
     * @param tenths how far the estimate goes towards the true register, 3 to 8 tenths
     */
    EstimatedRead(long readTime, long lastCandidate, int tenths) {
        this.readTime = readTime;
        this.lastCandidate = lastCandidate;
        this.tenths = tenths;
    }

    @Override
    void read(Household household, long time, ReadDelivery reads) {
        Registers actual = household.meter().registers();
        if (time == readTime) {
            if (actual.total() - previous.total() >= MIN_ENERGY_MILLI) {
                Registers estimate = previous.partWay(actual, tenths);
                reads.estimated(household, time, estimate);
                reads.label(
                        household,
                        AnomalyType.ESTIMATED_READ,
                        time,
                        time,
                        "estimated "
                                + Records.kwh(estimate.total())
                                + " kWh, true register "
                                + Records.kwh(actual.total())
                                + " kWh");
                return;
            }
            long next = time + household.meter().cadence().step();
            if (next <= lastCandidate) {
                readTime = next;
            }
        }
        previous = actual;
        reads.genuine(household, time, ReadSource.AMI);
    }
}
