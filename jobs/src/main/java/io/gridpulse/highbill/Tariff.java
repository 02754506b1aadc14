package io.gridpulse.highbill;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * The company's tariff, exact to the fen. Residential customers (residents and renters) pay the
 * time-of-use price of each kWh plus the surcharge of the tier (阶梯) its place in the period's total
 * falls in; tier limits are per month and scale with the period's months. Shops and industry pay
 * time-of-use prices without tiers. The amount is rounded half-up to the fen once, at the end.
 */
public final class Tariff implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private final long[] tierLimitsWh;
    private final BigDecimal[] surcharges;
    private final BigDecimal[] residentialPrices;
    private final BigDecimal[] businessPrices;

    /**
     * @param tierLimitsKwh upper limits of all tiers but the last, kWh per month, ascending
     * @param surcharges CNY per kWh for each tier, one more than the limits
     * @param residentialPrices CNY per kWh at peak, flat, valley
     * @param businessPrices CNY per kWh at peak, flat, valley
     */
    public Tariff(
            List<BigDecimal> tierLimitsKwh,
            List<BigDecimal> surcharges,
            List<BigDecimal> residentialPrices,
            List<BigDecimal> businessPrices) {
        if (surcharges.size() != tierLimitsKwh.size() + 1) {
            throw new IllegalArgumentException(
                    "the tariff needs one surcharge more than tier limits: "
                            + tierLimitsKwh.size()
                            + " limits, "
                            + surcharges.size()
                            + " surcharges");
        }
        if (residentialPrices.size() != 3 || businessPrices.size() != 3) {
            throw new IllegalArgumentException("time-of-use prices are three: peak, flat, valley");
        }
        this.tierLimitsWh =
                tierLimitsKwh.stream()
                        .mapToLong(k -> k.multiply(WH_PER_KWH).longValueExact())
                        .toArray();
        for (int i = 1; i < tierLimitsWh.length; i++) {
            if (tierLimitsWh[i] <= tierLimitsWh[i - 1]) {
                throw new IllegalArgumentException("tier limits must ascend: " + tierLimitsKwh);
            }
        }
        this.surcharges = surcharges.toArray(BigDecimal[]::new);
        this.residentialPrices = residentialPrices.toArray(BigDecimal[]::new);
        this.businessPrices = businessPrices.toArray(BigDecimal[]::new);
    }

    /** Parses the comma-separated lists of the configuration. */
    public static Tariff parse(
            String tierLimits, String surcharges, String residential, String business) {
        return new Tariff(
                decimals(tierLimits),
                decimals(surcharges),
                decimals(residential),
                decimals(business));
    }

    /** The bill of a period of {@code months} months in which this energy was used, CNY. */
    public BigDecimal amount(Energy energy, boolean residential, int months) {
        BigDecimal[] prices = residential ? residentialPrices : businessPrices;
        BigDecimal sum =
                kwh(energy.peakWh())
                        .multiply(prices[0])
                        .add(kwh(energy.flatWh()).multiply(prices[1]))
                        .add(kwh(energy.valleyWh()).multiply(prices[2]));
        if (residential) {
            long total = energy.totalWh();
            long lower = 0;
            for (int tier = 0; tier < surcharges.length; tier++) {
                long upper =
                        tier < tierLimitsWh.length ? tierLimitsWh[tier] * months : Long.MAX_VALUE;
                long inTier = Math.max(0, Math.min(total, upper) - lower);
                sum = sum.add(kwh(inTier).multiply(surcharges[tier]));
                lower = upper;
            }
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    /** The tier (1 = first) the period's last kWh falls in. */
    public int tierOf(long totalWh, int months) {
        int tier = 0;
        while (tier < tierLimitsWh.length && totalWh > tierLimitsWh[tier] * months) {
            tier++;
        }
        return tier + 1;
    }

    private static BigDecimal kwh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    private static List<BigDecimal> decimals(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).map(BigDecimal::new).toList();
    }
}
