package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A simulated city straight through the meters' ledgers (no Flink, no broker): the energy per meter
 * equals the ground truth exactly, in seconds.
 */
class SimulatedCityLedgerTest {

    @Test
    void shouldMeasureExactlyTheEnergyOfTheGroundTruth() {
        CollectingRecordSink sink = new CollectingRecordSink();
        GroundTruth truth = new Simulator(SimulationConfig.of(2000, 2, 7)).run(sink);
        Map<String, Long> measured =
                new CityThroughLedgers(sink.records(), ValidationSettings.defaults()).whByMeter();

        Map<String, Long> expected = new TreeMap<>();
        truth.expectedKwhByMeter()
                .forEach(
                        (meter, kwh) -> {
                            long wh = kwh.movePointRight(3).longValue();
                            if (wh != 0 || measured.containsKey(meter)) {
                                expected.put(meter, wh);
                            }
                        });
        assertThat(measured).hasSizeGreaterThan(1900).isEqualTo(expected);
    }
}
