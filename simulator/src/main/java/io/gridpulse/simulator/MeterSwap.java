package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * METER_SWAP: a field crew replaces the meter between two reads. They read the old meter's final
 * registers by hand (a MANUAL read) and install a new one under the same id whose registers start
 * near zero; its first scheduled read is flagged METER_REPLACED.
 */
class MeterSwap extends Fault {

    private final long swapTime;
    private final long factoryMilli;

    MeterSwap(long swapTime, long factoryMilli) {
        this.swapTime = swapTime;
        this.factoryMilli = factoryMilli;
    }

    long swapTime() {
        return swapTime;
    }

    /** The crew's visit: final read of the old meter, then the new meter. */
    void install(Household household, ReadDelivery reads) {
        reads.genuine(household, swapTime, ReadSource.MANUAL);
        household.meter().replace(factoryMilli);
    }

    @Override
    void read(Household household, long time, ReadDelivery reads) {
        boolean first = household.meter().newlyInstalled();
        reads.genuine(household, time, ReadSource.AMI);
        if (first) {
            reads.label(
                    household,
                    AnomalyType.METER_SWAP,
                    time,
                    time,
                    "meter replaced at " + RunWindow.instant(swapTime));
        }
    }
}
