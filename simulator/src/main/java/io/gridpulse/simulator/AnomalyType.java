package io.gridpulse.simulator;

/**
 * The consumption rules of DESIGN.md. The simulator injects each into a few meters and labels every
 * injection in the ground truth with an event time and, for anomalies that last, an end time (both
 * equal for a single read).
 */
public enum AnomalyType {
    /** One misread below the previous genuine register. Time: the misread's read_time. */
    NEGATIVE_DELTA,
    /**
     * Genuine extra consumption of 10 to 15 times the average, and at least 3 kW (residents,
     * renters), 8 kW (shops) or 100 kW (industry), for two hours. Time: first to last affected
     * read.
     */
    SPIKE,
    /**
     * A vacation with no use at all, longer than the rule's span (9 to 16 days; shorter vacations
     * are normal and not labelled). Time: the window.
     */
    ZERO_CONSUMPTION,
    /**
     * No reads collected for 2 to 11 hours; the delivered reads around it are at most 12 h apart.
     * Time: first to last missing read_time.
     */
    MISSING_READS,
    /** The same read (read_time and values) delivered twice. Time: its read_time. */
    DUPLICATE_READ,
    /**
     * A read with source ESTIMATED strictly between the genuine registers around it. Time: its
     * read_time.
     */
    ESTIMATED_READ,
    /**
     * First read of a replaced meter, flagged METER_REPLACED, register near zero. Time: its
     * read_time.
     */
    METER_SWAP,
    /**
     * The reverse register rises on a customer without registered generation. Time: first read
     * showing it.
     */
    REVERSE_ENERGY,
    /**
     * Consumption falls to 15 to 25 % for the rest of the run. Time: the drop to the last read of
     * the run.
     */
    SUSTAINED_DROP,
    /**
     * The register rises while the meter is disconnected (the relay stuck closed). Time: first read
     * showing it.
     */
    CONSUMPTION_WHILE_OFF,
    /**
     * A read re-sent 2 to 3 hours after it was delivered, flagged RETRIED: late and a duplicate.
     * Time: its read_time.
     */
    LATE_READ,
    /**
     * A constant extra load (a heater left on) of 0.65 to 1.15 kW for 2 to 4 whole UTC days, after
     * a week of history. Time: the first high day's start to the end of the last.
     */
    USAGE_OUT_OF_BAND,
    /**
     * A manual read with a wrong register (far above the AMI registers around it), taken off the
     * read schedule and delivered 2 to 5 days late. Time: its read_time.
     */
    MANUAL_READ_MISMATCH,
    /**
     * A time-of-use meter's flat register also counts half of all energy from then on, so the TOU
     * registers no longer add up to the total. Time: the first read showing it to the last read.
     */
    TOU_SUM_MISMATCH,
    /**
     * The meter registers exactly the same energy every slot for three days (a meter repeating a
     * value). Time: the first to the last read of the flat run.
     */
    FLATLINE,
    /**
     * A meter swap whose new meter was wired to the neighbour's supply (串户): from the swap on the
     * meter measures a household of another kind using 0.6 to 1.3 times this one's usual. Found by
     * the METER_SWAP profile check. Time: the swap to the end of the run (the METER_SWAP of the
     * swap itself is labelled too).
     */
    CROSSED_METER
}
