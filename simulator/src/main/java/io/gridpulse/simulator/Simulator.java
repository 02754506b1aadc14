package io.gridpulse.simulator;

/**
 * Runs a simulated city and emits all seven input streams into a {@link RecordSink}, returning the
 * ground truth of what it emitted.
 *
 * <p>The run is streamed tick by tick (five simulated minutes): every quarter-hour each household's
 * consumption advances and due meters are read; at each local midnight households plan their day
 * (bills, calls to 95598, changes to their data); scheduled events happen in time order. A tick's
 * records are shuffled before they go out, so records arrive out of order, but never by five
 * minutes or more: every record's event time is later than the latest event time emitted before it
 * minus five minutes. The one exception is on purpose: LATE_READ re-sends arrive hours late. The
 * customer master data comes first, stamped with the start instant.
 *
 * <p>Memory is bounded by the number of meters, not by the length of the run.
 */
public final class Simulator {

    private final SimulationConfig config;

    public Simulator(SimulationConfig config) {
        this.config = config;
    }

    /** Runs as fast as the sink allows. */
    public GroundTruth run(RecordSink sink) {
        return run(sink, Pacing.FAST, ProgressListener.NONE);
    }

    public GroundTruth run(RecordSink sink, Pacing pacing, ProgressListener progress) {
        return run(sink, pacing, progress, CommandInbox.NONE);
    }

    /**
     * Runs with a head-end that answers GridPulse's reconnect commands from {@code commands}
     * (realtime mode); those answers are not part of the ground truth.
     */
    public GroundTruth run(
            RecordSink sink, Pacing pacing, ProgressListener progress, CommandInbox commands) {
        RunWindow window = RunWindow.of(config);
        SimulationRun run = new SimulationRun(config, sink, commands);
        run.plan();
        pacing.awaitSimulatedTime(window.start());
        run.publishCustomers();
        for (long now = window.start(); now < window.end(); now += RunWindow.TICK) {
            pacing.awaitSimulatedTime(now);
            run.tick(now);
            progress.onProgress(RunWindow.instant(now + RunWindow.TICK), run.recordsEmitted());
        }
        sink.flush();
        return run.groundTruth();
    }
}
