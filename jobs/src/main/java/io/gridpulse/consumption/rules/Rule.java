package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;
import java.io.Serializable;

/**
 * One validation rule of the consumption job. A rule sees each meter's intervals once, in read
 * order, after they are sealed: older than the meter's newest read by more than the lateness bound,
 * so no late read can change them any more. That makes what a rule finds independent of the order
 * reads arrived in and of how far other meters' partitions have got.
 *
 * <p>A rule keeps what it needs between intervals in {@link RuleContext#memory} (a few longs per
 * meter, see {@link #memorySlots()}) and reports through the context's cases: an anomaly that
 * continues is one case, opened, updated and closed.
 */
public interface Rule extends Serializable {

    AnomalyRule name();

    /** Longs of per-meter memory this rule needs. */
    default int memorySlots() {
        return 0;
    }

    /** A sealed interval of the meter, in read order. */
    void onInterval(Interval interval, RuleContext context);

    /**
     * The meter's reads end here (a swap, a retirement, the horizon): close what is open. The
     * memory is cleared afterwards.
     */
    default void onEnd(long atMs, RuleContext context) {
        context.close(name(), atMs);
    }
}
