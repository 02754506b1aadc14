package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * REVERSE_ENERGY: panels go up on a roof without being registered; on sunny hours the meter exports
 * and its reverse register climbs although the customer has no registered generation. Labelled at
 * the first read that shows the reverse register higher than the read before.
 */
final class UnregisteredGeneration extends Fault {

    private final long from;
    private final double kw;
    private long previousReverse = -1;
    private boolean labelled;

    UnregisteredGeneration(long from, double kw) {
        this.from = from;
        this.kw = kw;
    }

    @Override
    double unregisteredSolarKw(long slotStart) {
        return slotStart >= from ? kw : 0;
    }

    @Override
    void read(Household household, long readTime, ReadDelivery reads) {
        long reverse = household.meter().registers().reverse();
        if (!labelled && previousReverse >= 0 && reverse > previousReverse) {
            labelled = true;
            reads.label(
                    household,
                    AnomalyType.REVERSE_ENERGY,
                    readTime,
                    readTime,
                    "reverse register up "
                            + Records.kwh(reverse - previousReverse)
                            + " kWh, panels since "
                            + RunWindow.instant(from));
        }
        previousReverse = reverse;
        reads.genuine(household, readTime, ReadSource.AMI);
    }
}
