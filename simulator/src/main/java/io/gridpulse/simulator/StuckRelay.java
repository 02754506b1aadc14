package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * CONSUMPTION_WHILE_OFF: the head-end reports the disconnection executed, but the relay did not
 * open and the meter keeps counting. Labelled at the first read whose register is above the
 * previous read, both taken after the disconnection.
 */
final class StuckRelay extends Fault {

    private long previousTotalWhileOff = -1;
    private boolean labelled;

    @Override
    boolean relayStuck() {
        return true;
    }

    @Override
    void read(Household household, long readTime, ReadDelivery reads) {
        if (household.relayOpen()) {
            long total = household.meter().registers().total();
            if (!labelled && previousTotalWhileOff >= 0 && total > previousTotalWhileOff) {
                labelled = true;
                reads.label(
                        household,
                        AnomalyType.CONSUMPTION_WHILE_OFF,
                        readTime,
                        readTime,
                        "register up "
                                + Records.kwh(total - previousTotalWhileOff)
                                + " kWh since the last read while off");
            }
            previousTotalWhileOff = total;
        }
        reads.genuine(household, readTime, ReadSource.AMI);
    }
}
