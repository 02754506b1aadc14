package io.gridpulse.simulator;

import io.gridpulse.schema.Segment;
import java.util.Arrays;

/**
 * How a customer segment uses electricity: its shape over the local day, over the week, its
 * sensitivity to the season (heating and cooling), and a typical daily energy.
 */
enum LoadProfile {
    RESIDENT(
            Segment.RESIDENT,
            7.5,
            6.0,
            0.22,
            new double[] {
                0.45, 0.38, 0.35, 0.34, 0.35, 0.42, 0.70, 1.10, 1.05, 0.80, 0.75, 0.85, 1.00, 0.85,
                0.75, 0.75, 0.85, 1.15, 1.70, 2.05, 2.10, 1.90, 1.45, 0.85
            },
            new double[] {0.97, 0.96, 0.96, 0.97, 1.00, 1.08, 1.10}),
    RENTER(
            Segment.RENTER,
            4.0,
            3.5,
            0.20,
            new double[] {
                0.70, 0.55, 0.45, 0.40, 0.38, 0.38, 0.45, 0.70, 0.60, 0.45, 0.40, 0.45, 0.55, 0.50,
                0.45, 0.45, 0.50, 0.70, 1.20, 1.80, 2.20, 2.40, 2.10, 1.40
            },
            new double[] {1.00, 1.00, 1.00, 1.00, 1.02, 1.05, 1.05}),
    SHOP(
            Segment.SHOP,
            35.0,
            22.0,
            0.12,
            new double[] {
                0.25, 0.22, 0.22, 0.22, 0.22, 0.25, 0.35, 0.60, 1.10, 1.50, 1.65, 1.70, 1.70, 1.65,
                1.60, 1.60, 1.65, 1.75, 1.85, 1.80, 1.55, 1.10, 0.55, 0.35
            },
            new double[] {0.95, 0.95, 0.95, 0.97, 1.03, 1.10, 1.08}),
    INDUSTRY(
            Segment.INDUSTRY,
            600.0,
            450.0,
            0.04,
            new double[] {
                0.55, 0.52, 0.50, 0.50, 0.52, 0.58, 0.80, 1.25, 1.40, 1.45, 1.45, 1.35, 1.15, 1.35,
                1.45, 1.45, 1.40, 1.30, 1.10, 1.00, 0.95, 0.90, 0.75, 0.60
            },
            new double[] {1.08, 1.08, 1.08, 1.08, 1.05, 0.80, 0.60});

    private static final double YEAR_DAYS = 365.25;

    private final Segment segment;
    private final double urbanDailyKwh;
    private final double ruralDailyKwh;
    private final double seasonAmplitude;
    private final double[] hourly;
    private final double[] weekly;

    LoadProfile(
            Segment segment,
            double urbanDailyKwh,
            double ruralDailyKwh,
            double seasonAmplitude,
            double[] hourly,
            double[] weekly) {
        this.segment = segment;
        this.urbanDailyKwh = urbanDailyKwh;
        this.ruralDailyKwh = ruralDailyKwh;
        this.seasonAmplitude = seasonAmplitude;
        // normalised to a mean of one, so the daily energy is what the segment's figure says
        double mean = Arrays.stream(hourly).average().orElseThrow();
        this.hourly = Arrays.stream(hourly).map(w -> w / mean).toArray();
        this.weekly = weekly;
    }

    Segment segment() {
        return segment;
    }

    double dailyKwh(boolean rural) {
        return rural ? ruralDailyKwh : urbanDailyKwh;
    }

    /**
     * Relative demand at a local hour, day of week (0 = Monday) and day of year, around 1.0. The
     * season term rises with winter heating and summer cooling, so long runs drift.
     */
    double shape(int localHour, int dayOfWeek, int dayOfYear) {
        double heating = Math.max(0, Math.cos(2 * Math.PI * (dayOfYear - 15) / YEAR_DAYS));
        double cooling = Math.max(0, Math.cos(2 * Math.PI * (dayOfYear - 205) / YEAR_DAYS));
        double season = 1 + seasonAmplitude * (heating + cooling - 0.5);
        return hourly[localHour] * weekly[dayOfWeek] * season;
    }
}
