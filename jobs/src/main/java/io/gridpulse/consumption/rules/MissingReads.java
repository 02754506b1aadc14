package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Duration;
import java.time.Instant;

/**
 * MISSING_READS (漏抄): two consecutive reads further apart than the read interval times the
 * tolerance. The energy across the gap is not lost: it is one interval spanning the gap. The case
 * opens at the first read that should have come and closes at the read that ended the gap.
 */
public final class MissingReads implements Rule {

    private static final long serialVersionUID = 1L;

    private final double tolerance;

    public MissingReads(double tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.MISSING_READS;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        long step = context.readIntervalMs();
        if (interval.lengthMs() <= step * tolerance) {
            return;
        }
        long missing = interval.lengthMs() / step - 1;
        context.single(
                name(),
                interval.startMs() + step,
                interval.endMs(),
                interval.lengthMs() > Duration.ofDays(1).toMillis() ? "CRITICAL" : "WARNING",
                interval.wh(),
                0,
                "no read from "
                        + Instant.ofEpochMilli(interval.startMs())
                        + " to "
                        + Instant.ofEpochMilli(interval.endMs())
                        + ": about "
                        + missing
                        + " reads missing (one every "
                        + step / 60_000
                        + " min); the "
                        + Rules.kwh(interval.wh())
                        + " kWh used in between are one interval");
    }
}
