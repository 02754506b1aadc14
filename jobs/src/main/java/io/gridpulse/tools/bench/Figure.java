package io.gridpulse.tools.bench;

/**
 * One measured figure: its JSON key, a label for the table, the value, its unit, and the load
 * average of the machine when it was measured.
 */
record Figure(String key, String label, double value, String unit, double load) {

    static Figure of(String key, String label, double value, String unit) {
        return new Figure(key, label, value, unit, Machine.load());
    }
}
