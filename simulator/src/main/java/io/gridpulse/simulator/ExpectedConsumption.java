package io.gridpulse.simulator;

/**
 * The ground truth of one meter for the consumption job: the true energy over every interval
 * between consecutive delivered genuine reads, except an interval ending at the first read of a
 * replaced meter, and the number of such intervals. Fed from the physical model (energy actually
 * consumed), never from the register values delivered.
 */
final class ExpectedConsumption {

    private boolean started;
    private long consumedAtLastRead;
    private long milliKwh;
    private int intervals;

    /**
     * Records a delivered genuine read.
     *
     * @param consumedMilli the household's true cumulative consumption at the read
     * @param meterReplaced whether it is the first read of a new meter, a new baseline
     */
    void onGenuineRead(long consumedMilli, boolean meterReplaced) {
        if (started && !meterReplaced) {
            milliKwh += consumedMilli - consumedAtLastRead;
            intervals++;
        }
        started = true;
        consumedAtLastRead = consumedMilli;
    }

    long milliKwh() {
        return milliKwh;
    }

    int intervals() {
        return intervals;
    }
}
