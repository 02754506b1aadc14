package io.gridpulse.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The company's residential tiered (阶梯) and time-of-use tariff as the billing system priced last
 * year's bills: time-of-use prices per kWh, plus a surcharge per kWh above 200 and 400 kWh a month;
 * shops and industry pay time-of-use prices only. The same figures as the high-bill job's default
 * configuration, so last year's bills and this year's projections are priced alike.
 */
final class HistoryTariff {

    private static final BigDecimal[] RESIDENTIAL = prices("0.6170", "0.5680", "0.3070");
    private static final BigDecimal[] BUSINESS = prices("1.0220", "0.8300", "0.4100");
    private static final long[] TIER_LIMITS_MILLI = {200_000L, 400_000L};
    private static final BigDecimal[] SURCHARGES = prices("0", "0.05", "0.30");

    private HistoryTariff() {}

    /** Amount in fen for a month's energy split into peak, flat, valley milli-kWh. */
    static long amountCents(long[] touMilli, boolean residential) {
        BigDecimal[] prices = residential ? RESIDENTIAL : BUSINESS;
        BigDecimal sum = BigDecimal.ZERO;
        long total = 0;
        for (int i = 0; i < 3; i++) {
            sum = sum.add(BigDecimal.valueOf(touMilli[i], 3).multiply(prices[i]));
            total += touMilli[i];
        }
        if (residential) {
            long lower = 0;
            for (int tier = 0; tier < SURCHARGES.length; tier++) {
                long upper =
                        tier < TIER_LIMITS_MILLI.length ? TIER_LIMITS_MILLI[tier] : Long.MAX_VALUE;
                long inTier = Math.max(0, Math.min(total, upper) - lower);
                sum = sum.add(BigDecimal.valueOf(inTier, 3).multiply(SURCHARGES[tier]));
                lower = upper;
            }
        }
        return sum.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }

    static boolean residential(LoadProfile profile) {
        return profile == LoadProfile.RESIDENT || profile == LoadProfile.RENTER;
    }

    private static BigDecimal[] prices(String... values) {
        BigDecimal[] prices = new BigDecimal[values.length];
        for (int i = 0; i < values.length; i++) {
            prices[i] = new BigDecimal(values[i]);
        }
        return prices;
    }
}
