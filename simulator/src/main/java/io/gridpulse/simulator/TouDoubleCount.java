package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * TOU_SUM_MISMATCH: from some read on, a time-of-use meter's flat register also counts all the
 * energy the meter registers, so peak + flat + valley rise by twice the total. The total register
 * stays right: the reads are links of the chain and the energy is exact.
 */
final class TouDoubleCount extends Fault {

    private final long from;
    private final long lastRead;
    private long previousTotal = -1;
    private long extraMilli;
    private boolean labelled;

    /**
     * @param from the first read that shows it
     * @param lastRead the meter's last read of the run: the label's end
     */
    TouDoubleCount(long from, long lastRead) {
        this.from = from;
        this.lastRead = lastRead;
    }

    @Override
    void read(Household household, long time, ReadDelivery reads) {
        Registers actual = household.meter().registers();
        if (time < from || previousTotal < 0) {
            previousTotal = actual.total();
            reads.genuine(household, time, ReadSource.AMI);
            return;
        }
        extraMilli += actual.total() - previousTotal;
        previousTotal = actual.total();
        if (!labelled) {
            labelled = true;
            reads.label(
                    household,
                    AnomalyType.TOU_SUM_MISMATCH,
                    time,
                    lastRead,
                    "flat register counts all energy from " + RunWindow.instant(time));
        }
        // the total is the sum of the registers: take the extra off the (unshown) untimed one so
        // the delivered total stays the true total
        reads.linked(
                household,
                time,
                new Registers(
                        actual.peak(),
                        actual.flat() + extraMilli,
                        actual.valley(),
                        actual.untimed() - extraMilli,
                        actual.reverse()));
    }
}
