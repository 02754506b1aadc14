package io.gridpulse.highbill;

/**
 * Energy split by time-of-use period, in whole watt-hours (1/1000 kWh, the registers' last digit),
 * so sums are exact. Meters without time-of-use registers put everything under flat.
 */
public record Energy(long peakWh, long flatWh, long valleyWh) {

    public static final Energy NONE = new Energy(0, 0, 0);

    public long totalWh() {
        return peakWh + flatWh + valleyWh;
    }

    /** Each period times {@code factor}, rounded to the watt-hour. */
    public Energy scaled(double factor) {
        return new Energy(
                Math.round(peakWh * factor),
                Math.round(flatWh * factor),
                Math.round(valleyWh * factor));
    }

    public Energy plus(Energy other) {
        return new Energy(peakWh + other.peakWh, flatWh + other.flatWh, valleyWh + other.valleyWh);
    }
}
