package io.gridpulse.simulator;

import java.io.PrintStream;
import java.time.Instant;

/** Prints the simulated time reached and the recent record rate every few seconds. */
final class ProgressPrinter implements ProgressListener {

    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private long lastNanos = System.nanoTime();
    private long lastRecords;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onProgress(Instant simulatedTime, long records) {
        long now = System.nanoTime();
        if (now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        double rate = (records - lastRecords) * 1e9 / (now - lastNanos);
        out.printf(
                "simulated up to %s: %,d records, %,.0f records/s%n", simulatedTime, records, rate);
        lastNanos = now;
        lastRecords = records;
    }
}
