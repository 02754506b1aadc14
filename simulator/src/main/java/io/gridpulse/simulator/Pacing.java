package io.gridpulse.simulator;

/** How fast simulated time runs against the wall clock. */
@FunctionalInterface
public interface Pacing {

    /** As fast as the sink takes records. */
    Pacing FAST = simulatedMillis -> {};

    /**
     * Scaled real time: {@code speed} simulated seconds per wall-clock second, measured from the
     * first simulated instant the run waits for.
     */
    static Pacing realTime(double speed) {
        return new RealTimePacing(speed);
    }

    /** Returns once the wall clock has caught up with this simulated instant. */
    void awaitSimulatedTime(long simulatedMillis);
}
