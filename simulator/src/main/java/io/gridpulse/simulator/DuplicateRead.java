package io.gridpulse.simulator;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;

/** DUPLICATE_READ: the head-end sends one read twice, same read time and values. */
final class DuplicateRead extends Fault {

    private final long readTime;

    DuplicateRead(long readTime) {
        this.readTime = readTime;
    }

    @Override
    void read(Household household, long time, ReadDelivery reads) {
        MeterRead read = reads.genuine(household, time, ReadSource.AMI);
        if (time == readTime) {
            reads.repeat(read);
            reads.label(household, AnomalyType.DUPLICATE_READ, time, time, "sent twice");
        }
    }
}
