package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.tools.eval.ValidationScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Detection quality of the rules on the simulator's labelled anomalies, measured on the meters'
 * ledgers directly (no Flink, no broker), scored by the eval's own scorer ({@link ValidationScore}:
 * the same matching, the same label-to-rule mapping, the same outage set-aside): per rule TP, FP,
 * FN, and false flags per 1,000 normal meter-days. The figures, every false case and every miss are
 * printed and go to docs/validation.md; the test holds every rule to the targets, on two seeds.
 */
class RuleQualityTest {

    private static final int METERS = Integer.getInteger("quality.meters", 1_000);
    private static final int DAYS = Integer.getInteger("quality.days", 30);

    /** The targets of the issue (docs/validation.md). */
    private static final double MIN_PRECISION = 0.95;

    private static final double MIN_RECALL = 0.95;

    private static final double MAX_FALSE_PER_1000 = 1.0;

    @Test
    void shouldReachTheTargetsOnSeedSeven() {
        assertTargets(measure(METERS, DAYS, Long.getLong("quality.seed", 7)));
    }

    @Test
    void shouldReachTheTargetsOnASecondSeed() {
        assertTargets(measure(METERS, DAYS, 1_234));
    }

    private static void assertTargets(ValidationScore score) {
        assertThat(score.falseFlagsPer1000MeterDays())
                .as("false flags per 1,000 normal meter-days")
                .isLessThanOrEqualTo(MAX_FALSE_PER_1000);
        for (AnomalyRule rule : AnomalyRule.values()) {
            ValidationScore.RuleScore s = score.rule(rule.name());
            assertThat(s.tp() + s.fn()).as(rule + " labels").isGreaterThanOrEqualTo(3);
            assertThat(s.precision()).as(rule + " precision").isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(s.recall()).as(rule + " recall").isGreaterThanOrEqualTo(MIN_RECALL);
        }
        ValidationScore.RuleScore crossed = score.rule(ValidationScore.PROFILE_SHIFT);
        assertThat(crossed.tp() + crossed.fn()).as("crossed meters").isGreaterThanOrEqualTo(3);
        assertThat(crossed.precision())
                .as("profile shift precision")
                .isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(crossed.recall()).as("profile shift recall").isGreaterThanOrEqualTo(MIN_RECALL);
    }

    static ValidationScore measure(int meters, int days, long seed) {
        // the records go through the ledgers as they are sent: 5,000 x 60 fits the default heap
        CityThroughLedgers city = new CityThroughLedgers(ValidationSettings.defaults(), false);
        GroundTruth truth = new Simulator(SimulationConfig.of(meters, days, seed)).run(city);
        city.finish();
        Map<String, Duration> readInterval = city.readIntervals;
        List<ValidationScore.Label> labels =
                truth.anomalies().stream()
                        .map(
                                l ->
                                        new ValidationScore.Label(
                                                l.meterId(),
                                                l.rule().name(),
                                                l.eventTime(),
                                                l.until(),
                                                l.detail()))
                        .toList();
        List<ValidationScore.Outage> outages =
                truth.outages().stream()
                        .map(
                                o ->
                                        new ValidationScore.Outage(
                                                o.cause(),
                                                Set.copyOf(o.meterIds()),
                                                o.from(),
                                                o.until()))
                        .toList();
        List<ValidationScore.Detection> detections = new ArrayList<>();
        for (ConsumptionAnomaly d : city.anomalies.values()) {
            detections.add(
                    new ValidationScore.Detection(
                            d.meterId(),
                            d.rule(),
                            d.readTime(),
                            d.closedAt() == null ? ValidationScore.OPEN : d.closedAt(),
                            d.segment()
                                    + " observed "
                                    + d.observedKwh()
                                    + " baseline "
                                    + d.baselineKwh()
                                    + ": "
                                    + d.evidence()));
        }
        ValidationScore score =
                ValidationScore.of(labels, outages, detections, readInterval, meters, days);
        System.out.printf(
                "%d meters x %d days, seed %d: %d labels%n%s",
                meters, days, seed, labels.size(), score.table());
        System.out.println("false cases:\n  " + String.join("\n  ", score.falseCases()));
        System.out.println("missed:\n  " + String.join("\n  ", score.misses()));
        // what the simulator did to the meters of the false cases: their labels and their
        // customer's change in use (a high-bill story), if any
        for (String falseCase : score.falseCases()) {
            String meter = falseCase.substring(0, falseCase.indexOf(' '));
            String customer = "C" + meter.substring(1);
            System.out.println("story of " + meter + ":");
            labels.stream()
                    .filter(l -> l.meterId().equals(meter))
                    .forEach(l -> System.out.println("  label " + l.describe()));
            outages.stream()
                    .filter(o -> o.meterIds().contains(meter))
                    .forEach(
                            o ->
                                    System.out.println(
                                            "  outage "
                                                    + o.cause()
                                                    + " "
                                                    + o.from()
                                                    + ".."
                                                    + o.until()));
            truth.highBills().stream()
                    .filter(b -> b.customerId().equals(customer) && !b.cause().equals("NONE"))
                    .forEach(
                            b ->
                                    System.out.println(
                                            "  change in use "
                                                    + b.cause()
                                                    + " x"
                                                    + b.factor()
                                                    + " "
                                                    + b.riseFrom()
                                                    + ".."
                                                    + b.riseUntil()));
        }
        return score;
    }
}
