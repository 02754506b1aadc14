package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Duration;
import java.time.Instant;

/**
 * ZERO_CONSUMPTION: no use at all for longer than the configured span while the account is active
 * (a closed account retires the meter) and the meter is not disconnected. One case per run of zero
 * intervals, opened where the run began and closed at its last zero read. Shorter runs (a night, a
 * weekend away when the span is longer) never fire.
 */
public final class ZeroConsumption implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int SINCE = 0;
    private static final int UNTIL = 1;

    private final long spanMs;

    public ZeroConsumption(Duration span) {
        this.spanMs = span.toMillis();
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.ZERO_CONSUMPTION;
    }

    @Override
    public int memorySlots() {
        return 2;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        if (context.switchedOffThrough(interval.startMs(), interval.endMs()) != 0) {
            // disconnected by the utility: no use is expected
            return;
        }
        if (interval.wh() > 0) {
            context.close(name(), context.memory(this, UNTIL));
            context.remember(this, SINCE, 0);
            context.remember(this, UNTIL, 0);
            return;
        }
        long since = context.memory(this, SINCE);
        if (since == 0) {
            since = interval.startMs();
            context.remember(this, SINCE, since);
        }
        context.remember(this, UNTIL, interval.endMs());
        if (!context.isOpen(name()) && interval.endMs() - since >= spanMs) {
            context.open(
                    name(),
                    since,
                    "WARNING",
                    0,
                    0,
                    "no consumption at all since "
                            + Instant.ofEpochMilli(since)
                            + " ("
                            + Duration.ofMillis(interval.endMs() - since).toHours()
                            + " h and counting) while the account is active");
        }
    }

    @Override
    public void onEnd(long atMs, RuleContext context) {
        context.close(
                name(), context.memory(this, UNTIL) == 0 ? atMs : context.memory(this, UNTIL));
    }
}
