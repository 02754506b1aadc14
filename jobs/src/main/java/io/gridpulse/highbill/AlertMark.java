package io.gridpulse.highbill;

/**
 * Per customer, the running period's alert decision: once decided, the period never alerts again;
 * an alert held over quiet hours waits here (with its timer) until it is sent.
 */
public class AlertMark {

    public String period;

    /** The alert held until the quiet hours end, or null. */
    public HighBillAlert pending;

    public long sendAtMs;

    public AlertMark() {}

    public AlertMark(String period, HighBillAlert pending, long sendAtMs) {
        this.period = period;
        this.pending = pending;
        this.sendAtMs = sendAtMs;
    }
}
