package io.gridpulse.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Collects the labels of a run while it happens and turns them into the {@link GroundTruth} at the
 * end.
 */
final class GroundTruthRecorder {

    private final List<InjectedAnomaly> anomalies = new ArrayList<>();
    private final List<DisconnectionCase> cases = new ArrayList<>();

    void anomaly(Household household, AnomalyType type, long from, long until, String detail) {
        anomalies.add(
                new InjectedAnomaly(
                        household.meterId(),
                        household.customerId(),
                        type,
                        RunWindow.instant(from),
                        RunWindow.instant(until),
                        detail));
    }

    void serviceCase(DisconnectionCase serviceCase) {
        cases.add(serviceCase);
    }

    GroundTruth finish(
            SimulationConfig config,
            Household[] households,
            Map<String, Long> recordsByTopic,
            List<HighBillLabel> highBills,
            List<OutageLabel> outages) {
        long[] expectedMilli = new long[households.length];
        int[] intervals = new int[households.length];
        for (Household household : households) {
            expectedMilli[household.index()] = household.expected().milliKwh();
            intervals[household.index()] = household.expected().intervals();
        }
        List<InjectedAnomaly> sorted =
                anomalies.stream()
                        .sorted(
                                Comparator.comparing(InjectedAnomaly::eventTime)
                                        .thenComparing(InjectedAnomaly::meterId))
                        .toList();
        List<ServiceCase> serviceCases =
                cases.stream()
                        .map(DisconnectionCase::toServiceCase)
                        .sorted(
                                Comparator.comparing(ServiceCase::disconnectedAt)
                                        .thenComparing(ServiceCase::customerId))
                        .toList();
        return new GroundTruth(
                config,
                expectedMilli,
                intervals,
                sorted,
                serviceCases,
                recordsByTopic,
                highBills,
                outages.stream()
                        .sorted(
                                Comparator.comparing(OutageLabel::from)
                                        .thenComparing(OutageLabel::transformerArea))
                        .toList());
    }
}
