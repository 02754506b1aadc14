package io.gridpulse.simulator;

/**
 * SUSTAINED_DROP: the metered consumption falls to about a fifth for good, the signature of a
 * bypass (theft).
 */
final class SustainedDrop extends Fault {

    private final long from;
    private final double factor;

    SustainedDrop(long from, double factor) {
        this.from = from;
        this.factor = factor;
    }

    @Override
    long consumption(long slotStart, long demandMilli) {
        return slotStart >= from ? Math.round(demandMilli * factor) : demandMilli;
    }
}
