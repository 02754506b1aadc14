package io.gridpulse.simulator;

/** Time-of-use tariff periods (峰/平/谷) and the local hours they cover. */
enum TouPeriod {
    PEAK,
    FLAT,
    VALLEY;

    static TouPeriod atLocalHour(int hour) {
        if (hour >= 23 || hour < 7) {
            return VALLEY;
        }
        if ((hour >= 8 && hour < 11) || (hour >= 18 && hour < 23)) {
            return PEAK;
        }
        return FLAT;
    }
}
