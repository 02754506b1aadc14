package io.gridpulse.simulator;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.streams.Topics;
import java.util.List;

/** Simulated runs shared by the tests, each generated once per test JVM. */
final class SimulatedRuns {

    /** The fixed seed of the tests, as named in testdata/seeds.properties. */
    static final long SEED = 7;

    /** A run and everything it emitted. */
    record Run(GroundTruth truth, CollectingRecordSink sink) {

        List<CollectingRecordSink.Sent> records() {
            return sink.records();
        }

        List<MeterRead> reads() {
            return sink.values(Topics.METER_READS, MeterRead.class);
        }
    }

    private static Run city;

    private SimulatedRuns() {}

    /** A city of 500 meters over three days: big enough for every anomaly and case. */
    static synchronized Run city() {
        if (city == null) {
            city = run(SimulationConfig.of(500, 3, SEED));
        }
        return city;
    }

    static Run run(SimulationConfig config) {
        CollectingRecordSink sink = new CollectingRecordSink();
        GroundTruth truth = new Simulator(config).run(sink);
        return new Run(truth, sink);
    }
}
