package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorDeterminismTest {

    private static final RecordEncoder ENCODER = new RecordEncoder();

    @Test
    void sameSeedGivesTheSameRecordsInTheSameOrder() {
        SimulationConfig config = SimulationConfig.of(300, 2, 11);

        List<String> first = fingerprints(SimulatedRuns.run(config));
        List<String> second = fingerprints(SimulatedRuns.run(config));

        assertThat(first).hasSizeGreaterThan(10_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedGivesDifferentRecords() {
        List<String> one = fingerprints(SimulatedRuns.run(SimulationConfig.of(300, 2, 11)));
        List<String> other = fingerprints(SimulatedRuns.run(SimulationConfig.of(300, 2, 12)));

        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void sameSeedGivesTheSameGroundTruth() {
        SimulationConfig config = SimulationConfig.of(300, 2, 11);

        GroundTruth first = SimulatedRuns.run(config).truth();
        GroundTruth second = SimulatedRuns.run(config).truth();

        assertThat(second.expectedKwhByMeter()).isEqualTo(first.expectedKwhByMeter());
        assertThat(second.anomalies()).isEqualTo(first.anomalies());
        assertThat(second.serviceCases()).isEqualTo(first.serviceCases());
    }

    /** Each record as topic, key, timestamp and its exact bytes on the topic. */
    private static List<String> fingerprints(SimulatedRuns.Run run) {
        return run.records().stream()
                .map(
                        r ->
                                r.topic()
                                        + "|"
                                        + r.key()
                                        + "|"
                                        + r.timestampMillis()
                                        + "|"
                                        + Arrays.toString(ENCODER.encode(r.value())))
                .toList();
    }
}
