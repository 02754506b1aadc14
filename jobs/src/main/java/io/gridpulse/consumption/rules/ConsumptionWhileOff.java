package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.time.Instant;

/**
 * CONSUMPTION_WHILE_OFF: energy in an interval that lies wholly after an executed disconnection and
 * before the reconnection: a relay stuck closed, or a bypass. The switch events come from the
 * head-end on their own topic; intervals are judged once sealed, so a switch event up to the
 * lateness bound behind the reads still counts. One case per disconnection, closed at the
 * reconnection (or the first interval without energy).
 */
public final class ConsumptionWhileOff implements Rule {

    private static final long serialVersionUID = 1L;

    @Override
    public AnomalyRule name() {
        return AnomalyRule.CONSUMPTION_WHILE_OFF;
    }

    @Override
    public void onInterval(Interval interval, RuleContext context) {
        long off = context.switchedOffThrough(interval.startMs(), interval.endMs());
        if (off == 0 || interval.wh() == 0) {
            context.close(name(), interval.startMs());
            return;
        }
        if (!context.isOpen(name())) {
            context.open(
                    name(),
                    interval.endMs(),
                    "CRITICAL",
                    interval.wh(),
                    0,
                    Rules.kwh(interval.wh())
                            + " kWh measured in the interval ending "
                            + Instant.ofEpochMilli(interval.endMs())
                            + ", although the disconnection was executed at "
                            + Instant.ofEpochMilli(off));
        }
    }
}
