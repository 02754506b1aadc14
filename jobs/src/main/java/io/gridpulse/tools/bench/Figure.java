package io.gridpulse.tools.bench;

/**
 * One measured figure: its JSON key, a label for the table, the value, its unit, and the load
 * average of the machine when it was measured.
 */
record Figure(String key, String label, double value, String unit, double load) {

    static Figure of(String key, String label, double value, String unit) {
        return new Figure(key, label, value, unit, Machine.load());
    }

    /** The figure as a row of the bench's table. */
    String row() {
        String shown = value < 10 ? String.format("%.3f", value) : String.format("%,.0f", value);
        return String.format(
                "%-62s %16s %-8s %s",
                label, shown, unit, load < 0 ? "" : String.format("%.2f", load));
    }
}
