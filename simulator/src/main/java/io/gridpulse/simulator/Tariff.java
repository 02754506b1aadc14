package io.gridpulse.simulator;

/** Blended electricity prices per segment, in CNY per 10 000 kWh so amounts stay integer. */
final class Tariff {

    private Tariff() {}

    static int of(LoadProfile profile) {
        return switch (profile) {
            case RESIDENT, RENTER -> 5_680;
            case SHOP -> 8_300;
            case INDUSTRY -> 6_700;
        };
    }
}
