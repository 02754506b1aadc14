package io.gridpulse.simulator;

import java.util.concurrent.TimeUnit;

/**
 * Holds the run back so that simulated time advances {@code speed} times as fast as the wall clock.
 */
final class RealTimePacing implements Pacing {

    private final double speed;
    private long wallStartNanos;
    private long simulatedStart = Long.MIN_VALUE;

    RealTimePacing(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        this.speed = speed;
    }

    @Override
    public void awaitSimulatedTime(long simulatedMillis) {
        if (simulatedStart == Long.MIN_VALUE) {
            simulatedStart = simulatedMillis;
            wallStartNanos = System.nanoTime();
            return;
        }
        long dueNanos =
                wallStartNanos + (long) ((simulatedMillis - simulatedStart) * 1_000_000.0 / speed);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the simulation", e);
            }
        }
    }
}
