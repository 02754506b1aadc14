package io.gridpulse.consumption.rules;

/**
 * A sealed interval of one meter: the energy between two consecutive accepted reads.
 *
 * @param startMs read time of the read before
 * @param endMs read time of the closing read
 * @param wh energy, Wh (milli-kWh)
 * @param source source of the closing read: AMI, MANUAL, ESTIMATED, UNKNOWN
 * @param touMismatch the TOU register deltas did not add up to the total's
 * @param reverseRose the reverse (export) register rose
 * @param meterStart the read before is a new meter's first (a swap): the first interval it measures
 */
public record Interval(
        long startMs,
        long endMs,
        long wh,
        String source,
        boolean touMismatch,
        boolean reverseRose,
        boolean meterStart) {

    public Interval(
            long startMs,
            long endMs,
            long wh,
            String source,
            boolean touMismatch,
            boolean reverseRose) {
        this(startMs, endMs, wh, source, touMismatch, reverseRose, false);
    }

    public long lengthMs() {
        return endMs - startMs;
    }

    public boolean estimated() {
        return "ESTIMATED".equals(source);
    }
}
