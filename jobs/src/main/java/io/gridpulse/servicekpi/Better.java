package io.gridpulse.servicekpi;

/** Which way a KPI is better, for the monthly ranking (对标). */
public enum Better {
    HIGHER,
    LOWER,
    /** Not ranked: a count or a mix that describes rather than judges. */
    NONE
}
