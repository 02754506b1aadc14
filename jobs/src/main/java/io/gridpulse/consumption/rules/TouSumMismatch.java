package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Instant;

/**
 * TOU_SUM_MISMATCH: the peak, flat and valley register deltas of an interval do not add up to the
 * total register's delta (one Wh of rounding per register allowed). Consecutive mismatches are one
 * case.
 */
public final class TouSumMismatch implements Rule {

    private static final long serialVersionUID = 1L;

    @Override
    public AnomalyRule name() {
        return AnomalyRule.TOU_SUM_MISMATCH;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        if (!interval.touMismatch()) {
            context.close(name(), interval.startMs());
            return;
        }
        if (!context.isOpen(name())) {
            context.open(
                    name(),
                    interval.endMs(),
                    "WARNING",
                    interval.wh(),
                    0,
                    "the time-of-use registers (peak, flat, valley) did not add up to the total's "
                            + Rules.kwh(interval.wh())
                            + " kWh in the interval ending "
                            + Instant.ofEpochMilli(interval.endMs()));
        }
    }
}
