package io.gridpulse.simulator;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;

/**
 * LATE_READ: after a collection retry the head-end re-sends a read it already delivered, flagged
 * RETRIED, two to three hours later: a duplicate that arrives behind the watermark.
 */
final class LateResend extends Fault {

    private final long readTime;
    private final long resendAt;

    LateResend(long readTime, long resendAt) {
        this.readTime = readTime;
        this.resendAt = resendAt;
    }

    @Override
    void read(Household household, long time, ReadDelivery reads) {
        MeterRead read = reads.genuine(household, time, ReadSource.AMI);
        if (time == readTime) {
            reads.resend(read, resendAt);
            reads.label(
                    household,
                    AnomalyType.LATE_READ,
                    time,
                    time,
                    "re-sent at " + RunWindow.instant(resendAt));
        }
    }
}
