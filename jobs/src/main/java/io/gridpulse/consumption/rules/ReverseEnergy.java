package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Duration;
import java.time.Instant;

/**
 * REVERSE_ENERGY: the reverse (export) register rises on a customer without registered generation,
 * e.g. unregistered rooftop PV. One case while it keeps rising; it closes after a week without any
 * export.
 */
public final class ReverseEnergy implements Rule {

    private static final long serialVersionUID = 1L;
    private static final long QUIET = Duration.ofDays(7).toMillis();
    private static final int LAST_EXPORT = 0;

    @Override
    public AnomalyRule name() {
        return AnomalyRule.REVERSE_ENERGY;
    }

    @Override
    public int memorySlots() {
        return 1;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        if (context.generation()) {
            return;
        }
        if (interval.reverseRose()) {
            if (!context.isOpen(name())) {
                context.open(
                        name(),
                        interval.endMs(),
                        "WARNING",
                        interval.wh(),
                        0,
                        "the reverse (export) register rose at "
                                + Instant.ofEpochMilli(interval.endMs())
                                + ", but no generation is registered for this customer");
            }
            context.remember(this, LAST_EXPORT, interval.endMs());
        } else if (context.isOpen(name())
                && interval.endMs() - context.memory(this, LAST_EXPORT) > QUIET) {
            context.close(name(), context.memory(this, LAST_EXPORT));
            context.remember(this, LAST_EXPORT, 0);
        }
    }
}
