package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * NEGATIVE_DELTA: one read comes back with a digit dropped, so its register is below the previous
 * genuine read; the reads after it are correct again. The misread replaces the real read of its
 * time.
 */
final class Misread extends Fault {

    private final long readTime;
    private Registers previous;

    Misread(long readTime) {
        this.readTime = readTime;
    }

    @Override
    void read(Household household, long time, ReadDelivery reads) {
        // with no earlier read delivered (the meter silent since the run began) there is nothing
        // for the misread to fall below: the read stays genuine and nothing is labelled
        if (time != readTime || previous == null) {
            previous = household.meter().registers();
            reads.genuine(household, time, ReadSource.AMI);
            return;
        }
        Registers wrong = previous.digitDropped();
        reads.misread(household, time, wrong);
        reads.label(
                household,
                AnomalyType.NEGATIVE_DELTA,
                time,
                time,
                "total read as "
                        + Records.kwh(wrong.total())
                        + " kWh after "
                        + Records.kwh(previous.total())
                        + " kWh");
    }
}
