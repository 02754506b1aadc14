package io.gridpulse.consumption;

/** The validation rules (VEE) of the consumption job, by the name stored in {@code rule}. */
public enum AnomalyRule {
    /** A register below the one before it that is no register rollover: a misread. */
    NEGATIVE_DELTA,
    /** A replaced meter: its start and end reads, and a register restart without a final read. */
    METER_SWAP,
    /** Interval energy far above the meter's own baseline for that time of day. */
    SPIKE,
    /** Daily use outside a band around the meter's baseline. */
    USAGE_OUT_OF_BAND,
    /** Days without any use while the customer is active. */
    ZERO_CONSUMPTION,
    /** Energy after a disconnection was executed. */
    CONSUMPTION_WHILE_OFF,
    /** No read within the meter's read interval times the tolerance. */
    MISSING_READS,
    /** A second read for the same read time, the same or conflicting. */
    DUPLICATE_READ,
    /** An estimated read (估抄); consecutive estimates are one case. */
    ESTIMATED_READ,
    /** A manual read off from the AMI register of the same time. */
    MANUAL_READ_MISMATCH,
    /** The time-of-use register deltas do not add up to the total's. */
    TOU_SUM_MISMATCH,
    /** The reverse register rises on a customer without registered generation. */
    REVERSE_ENERGY,
    /** Weeks far below the meter's own longer baseline: the theft signal. */
    SUSTAINED_DROP,
    /** Identical non-zero deltas for a long run. */
    FLATLINE
}
