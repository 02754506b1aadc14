package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Customer;
import io.gridpulse.simulator.AnomalyType;
import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.InjectedAnomaly;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.Topics;
import io.gridpulse.tools.eval.ValidationScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Detection quality of the rules on the simulator's labelled anomalies, measured on the meters'
 * ledgers directly (no Flink, no broker): per rule TP, FP, FN, and false flags per 1,000 normal
 * meter-days. A detection matches a label of the same meter and rule whose window it overlaps
 * within one read interval; each label is matched at most once. The figures are printed and go to
 * docs/validation.md; the test holds every rule to the targets it reaches, on two seeds.
 *
 * <p>MISSING_READS and ZERO_CONSUMPTION cases that overlap one of the simulator's outage labels of
 * their meter (area power outages, collection failures, meter faults: outages.csv) are set aside
 * and counted per cause: the ledgers alone cannot tell them; in the job the area's outage watch
 * notes the power outages on them (measured by {@code eval outages}).
 */
class RuleQualityTest {

    private static final int METERS = Integer.getInteger("quality.meters", 1_000);
    private static final int DAYS = Integer.getInteger("quality.days", 30);

    /** The targets the rules reach on these labels (docs/validation.md). */
    private static final double MIN_PRECISION = 0.95;

    private static final double MIN_RECALL = 0.95;

    private static final double MAX_FALSE_PER_1000 = 1.0;

    record Score(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        }
    }

    record Measurement(
            Map<String, Score> scores, int falseOnNormal, long normalMeterDays, String table) {
        double falsePer1000() {
            return falseOnNormal * 1000.0 / normalMeterDays;
        }
    }

    private static String ruleOf(AnomalyType type) {
        return type == AnomalyType.LATE_READ ? AnomalyRule.DUPLICATE_READ.name() : type.name();
    }

    @Test
    void shouldReachTheTargetsOnSeedSeven() {
        assertTargets(measure(METERS, DAYS, Long.getLong("quality.seed", 7)));
    }

    @Test
    void shouldReachTheTargetsOnASecondSeed() {
        assertTargets(measure(METERS, DAYS, 1_234));
    }

    private static void assertTargets(Measurement m) {
        assertThat(m.falsePer1000())
                .as("false flags per 1,000 normal meter-days")
                .isLessThanOrEqualTo(MAX_FALSE_PER_1000);
        m.scores()
                .forEach(
                        (rule, s) -> {
                            assertThat(s.tp() + s.fn())
                                    .as(rule + " labels")
                                    .isGreaterThanOrEqualTo(3);
                            assertThat(s.precision())
                                    .as(rule + " precision")
                                    .isGreaterThanOrEqualTo(MIN_PRECISION);
                            assertThat(s.recall())
                                    .as(rule + " recall")
                                    .isGreaterThanOrEqualTo(MIN_RECALL);
                        });
    }

    static Measurement measure(int meters, int days, long seed) {
        CollectingRecordSink sink = new CollectingRecordSink();
        GroundTruth truth = new Simulator(SimulationConfig.of(meters, days, seed)).run(sink);
        CityThroughLedgers city =
                new CityThroughLedgers(sink.records(), ValidationSettings.defaults());
        Map<String, Long> stepMs = new HashMap<>();
        for (Customer c : sink.values(Topics.CUSTOMERS, Customer.class)) {
            stepMs.put(c.getMeterId(), c.getReadIntervalMinutes() * 60_000L);
        }

        List<InjectedAnomaly> labels = truth.anomalies();
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
        boolean[] matched = new boolean[labels.size()];
        Map<String, int[]> counts = new TreeMap<>();
        for (AnomalyRule rule : AnomalyRule.values()) {
            counts.put(rule.name(), new int[3]);
        }
        Set<String> labelledMeters = new HashSet<>();
        labels.forEach(l -> labelledMeters.add(l.meterId()));
        int falseOnNormal = 0;
        Map<String, Integer> explained = new TreeMap<>();
        List<String> falseFlags = new ArrayList<>();
        for (ConsumptionAnomaly d : city.anomalies.values()) {
            long from = d.readTime().toEpochMilli();
            long to = d.closedAt() == null ? Long.MAX_VALUE : d.closedAt().toEpochMilli();
            long tolerance = stepMs.getOrDefault(d.meterId(), 15 * 60_000L);

            int hit = -1;
            for (int i = 0; i < labels.size() && hit < 0; i++) {
                InjectedAnomaly l = labels.get(i);
                if (!matched[i]
                        && l.meterId().equals(d.meterId())
                        && ruleOf(l.rule()).equals(d.rule())
                        && from <= l.until().toEpochMilli() + tolerance
                        && to >= l.eventTime().toEpochMilli() - tolerance) {
                    hit = i;
                }
            }
            String cause =
                    hit >= 0
                            ? null
                            : ValidationScore.outageCause(
                                    outages,
                                    new ValidationScore.Detection(
                                            d.meterId(),
                                            d.rule(),
                                            Instant.ofEpochMilli(from),
                                            Instant.ofEpochMilli(to)),
                                    Duration.ofMillis(tolerance));
            if (cause != null) {
                explained.merge(d.rule() + " in " + cause, 1, Integer::sum);
            } else if (hit >= 0) {
                matched[hit] = true;
                counts.get(d.rule())[0]++;
            } else {
                counts.get(d.rule())[1]++;
                if (!labelledMeters.contains(d.meterId())) {
                    falseOnNormal++;
                }
                if (falseFlags.size() < 15) {
                    falseFlags.add(
                            d.meterId() + " " + d.rule() + " " + d.readTime() + " " + d.evidence());
                }
            }
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!matched[i]) {
                counts.get(ruleOf(labels.get(i).rule()))[2]++;
                if (missed.size() < 15) {
                    InjectedAnomaly l = labels.get(i);
                    missed.add(
                            l.meterId() + " " + l.rule() + " " + l.eventTime() + " " + l.detail());
                }
            }
        }
        Map<String, Score> scores = new TreeMap<>();
        counts.forEach((rule, c) -> scores.put(rule, new Score(c[0], c[1], c[2])));

        long normalMeterDays = (long) (meters - labelledMeters.size()) * days;
        StringBuilder table =
                new StringBuilder(
                        String.format(
                                "%d meters x %d days, seed %d: %d labels, %d normal meter-days,"
                                        + " %d false flags on them, %.2f per 1,000 normal"
                                        + " meter-days%n",
                                meters,
                                days,
                                seed,
                                labels.size(),
                                normalMeterDays,
                                falseOnNormal,
                                falseOnNormal * 1000.0 / normalMeterDays));
        table.append("| rule | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|\n");
        scores.forEach(
                (rule, s) ->
                        table.append(
                                String.format(
                                        "| %s | %d | %d | %d | %.2f | %.2f |%n",
                                        rule, s.tp(), s.fp(), s.fn(), s.precision(), s.recall())));
        table.append("set aside, inside a labelled silence: ").append(explained).append('\n');
        table.append("false flags (first 15): ")
                .append(String.join("\n  ", falseFlags))
                .append('\n');
        table.append("missed (first 15): ").append(String.join("\n  ", missed)).append('\n');
        System.out.println(table);
        return new Measurement(scores, falseOnNormal, normalMeterDays, table.toString());
    }
}
