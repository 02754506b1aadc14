package io.gridpulse.highbill;

/** When a customer was last heard of, its one clean-up timer, and the last day evaluated. */
public class Housekeeping {

    public long lastActivityMs = Long.MIN_VALUE;
    public long cleanupTimerMs;
    public long lastEvaluatedDay = Long.MIN_VALUE;

    public Housekeeping() {}
}
