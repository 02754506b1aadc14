package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.AnomalyRule;

/** What a rule may know and do for the meter whose interval it is looking at. */
public interface RuleContext {

    String segment();

    /** True when the customer data registers generation behind the meter. */
    boolean generation();

    /**
     * When the meter's relay was opened by an executed disconnection, if it stayed open through the
     * whole span; else 0.
     */
    long switchedOffThrough(long fromMs, long untilMs);

    /** The meter's read interval: from the customer data, else inferred from its reads. */
    long readIntervalMs();

    /** The rule's per-meter memory, {@link Rule#memorySlots()} longs, zero at first. */
    long memory(Rule rule, int slot);

    void remember(Rule rule, int slot, long value);

    boolean isOpen(AnomalyRule rule);

    /** When the open case of {@code rule} opened; 0 when none is open. */
    long openedAt(AnomalyRule rule);

    /** Opens a case, or updates the open one (its opening time stays). */
    void open(
            AnomalyRule rule,
            long atMs,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence);

    /** Closes the open case with these final figures; nothing when none is open. */
    void close(
            AnomalyRule rule,
            long atMs,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence);

    /** Closes the open case keeping its last figures; nothing when none is open. */
    void close(AnomalyRule rule, long atMs);

    /** A case that opens and closes at once (a single read or one interval). */
    void single(
            AnomalyRule rule,
            long atMs,
            long closedMs,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence);
}
