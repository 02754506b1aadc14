package io.gridpulse.consumption;

/** The validation rules (VEE) the consumption job applies to every meter read. */
public enum AnomalyRule {
    /** The register fell below the last accepted read: a misread or a rollback. */
    NEGATIVE_DELTA,
    /** A second read with the same read time; the first one counts. */
    DUPLICATE_READ
}
