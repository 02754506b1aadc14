package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Instant;

/**
 * ESTIMATED_READ (估抄): an interval closed by an estimated read. Consecutive estimates are one case,
 * opened at the first and closed at the next real read; it escalates to CRITICAL once {@code
 * escalateAfter} estimates follow each other.
 */
public final class EstimatedRead implements Rule {

    private static final long serialVersionUID = 1L;
    private static final int RUN = 0;

    private final int escalateAfter;

    public EstimatedRead(int escalateAfter) {
        this.escalateAfter = escalateAfter;
    }

    @Override
    public AnomalyRule name() {
        return AnomalyRule.ESTIMATED_READ;
    }

    @Override
    public int memorySlots() {
        return 1;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        if (!interval.estimated()) {
            context.close(name(), interval.endMs());
            context.remember(this, RUN, 0);
            return;
        }
        long run = context.memory(this, RUN) + 1;
        context.remember(this, RUN, run);
        if (run == 1 || run == escalateAfter) {
            context.open(
                    name(),
                    interval.endMs(),
                    run >= escalateAfter ? "CRITICAL" : "WARNING",
                    interval.wh(),
                    0,
                    run >= escalateAfter
                            ? run + " estimated reads in a row since " + since(interval, context)
                            : "the read of "
                                    + Instant.ofEpochMilli(interval.endMs())
                                    + " is an estimate, not a meter read");
        }
    }

    private String since(Interval interval, RuleContext context) {
        long opened = context.openedAt(name());
        return Instant.ofEpochMilli(opened == 0 ? interval.endMs() : opened).toString();
    }
}
