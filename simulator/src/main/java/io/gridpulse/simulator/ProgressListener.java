package io.gridpulse.simulator;

import java.time.Instant;

/** Hears how far a run has got, once per simulated five minutes. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (simulatedTime, records) -> {};

    /**
     * @param simulatedTime simulated time reached
     * @param records records emitted so far
     */
    void onProgress(Instant simulatedTime, long records);
}
