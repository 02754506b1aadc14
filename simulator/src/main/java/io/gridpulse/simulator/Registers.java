package io.gridpulse.simulator;

/**
 * A snapshot of a meter's cumulative registers in milli-kWh. Time-of-use meters count forward
 * energy in peak, flat and valley; other meters count it in {@code untimed}. The total is always
 * the sum, so the TOU registers of a read add up to its total exactly.
 */
record Registers(long peak, long flat, long valley, long untimed, long reverse) {

    long total() {
        return peak + flat + valley + untimed;
    }

    /**
     * A misread that lost a digit: every forward register divided by ten, hence below this read
     * whenever anything was ever registered. The reverse register is read correctly.
     */
    Registers digitDropped() {
        return new Registers(peak / 10, flat / 10, valley / 10, untimed / 10, reverse);
    }

    /**
     * An estimate part of the way from this read to a later one, register by register, rounded
     * down: never above the later read, and above this one once enough energy went through.
     */
    Registers partWay(Registers later, int tenths) {
        return new Registers(
                peak + (later.peak - peak) * tenths / 10,
                flat + (later.flat - flat) * tenths / 10,
                valley + (later.valley - valley) * tenths / 10,
                untimed + (later.untimed - untimed) * tenths / 10,
                reverse + (later.reverse - reverse) * tenths / 10);
    }
}
