package io.gridpulse.simulator;

/**
 * The city's daily weather, as far as rooftop solar cares: a clear-sky fraction per local day,
 * shared by every panel in town.
 */
final class Weather {

    private final long seed;
    private long cachedDay = Long.MIN_VALUE;
    private double cachedClearness;

    Weather(long seed) {
        this.seed = seed;
    }

    /** Fraction of clear-sky solar output on a day, 0.25 (overcast) to 1.0 (clear). */
    double clearness(long epochDay) {
        if (epochDay != cachedDay) {
            cachedDay = epochDay;
            cachedClearness =
                    0.25 + 0.75 * Seeds.random(seed, Seeds.WEATHER, epochDay).nextDouble();
        }
        return cachedClearness;
    }
}
