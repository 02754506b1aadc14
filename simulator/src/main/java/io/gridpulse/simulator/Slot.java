package io.gridpulse.simulator;

import java.time.LocalDate;

/**
 * One quarter-hour of the run with the calendar and weather facts that every household's energy in
 * it depends on, computed once per slot rather than once per household.
 */
final class Slot {

    /** Performance ratio of a rooftop PV system: inverter, soiling and temperature losses. */
    private static final double PV_PERFORMANCE = 0.85;

    private static final double SUNRISE = 6.5;
    private static final double DAYLIGHT_HOURS = 12.0;

    private final long start;
    private final TouPeriod tou;
    private final double solarKwhPerKw;
    private final double[] shapes;

    private Slot(long start, TouPeriod tou, double solarKwhPerKw, double[] shapes) {
        this.start = start;
        this.tou = tou;
        this.solarKwhPerKw = solarKwhPerKw;
        this.shapes = shapes;
    }

    static Slot starting(long start, Weather weather) {
        LocalDate date = RunWindow.localDate(start);
        int hour = RunWindow.localHour(start);
        double[] shapes = new double[LoadProfile.values().length];
        for (LoadProfile profile : LoadProfile.values()) {
            shapes[profile.ordinal()] =
                    profile.shape(hour, Holidays.dayOfWeek(date), date.getDayOfYear());
        }
        double middle = RunWindow.localHourOfDay(start + RunWindow.SLOT / 2);
        double sun = Math.max(0, Math.sin(Math.PI * (middle - SUNRISE) / DAYLIGHT_HOURS));
        double hours = RunWindow.SLOT / (double) RunWindow.HOUR;
        double solar = hours * sun * weather.clearness(date.toEpochDay()) * PV_PERFORMANCE;
        return new Slot(start, TouPeriod.atLocalHour(hour), solar, shapes);
    }

    long start() {
        return start;
    }

    TouPeriod tou() {
        return tou;
    }

    /** Energy one kW of panel produces in this slot, kWh. */
    double solarKwhPerKw() {
        return solarKwhPerKw;
    }

    double shape(LoadProfile profile) {
        return shapes[profile.ordinal()];
    }
}
