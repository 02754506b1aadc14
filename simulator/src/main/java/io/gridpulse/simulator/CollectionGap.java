package io.gridpulse.simulator;

/** MISSING_READS (漏抄): the head-end collects nothing from the meter for a few hours. */
final class CollectionGap extends Fault {

    private final long firstMissing;
    private final long lastMissing;

    CollectionGap(long firstMissing, long lastMissing) {
        this.firstMissing = firstMissing;
        this.lastMissing = lastMissing;
    }

    @Override
    void read(Household household, long readTime, ReadDelivery reads) {
        if (readTime < firstMissing || readTime > lastMissing) {
            super.read(household, readTime, reads);
        }
    }
}
