package io.gridpulse.tools.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.consumption.rules.SwapProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Detection quality of the consumption job's rules against the simulator's labels: the one scorer
 * of {@code eval} and {@code RuleQualityTest}. A detection (a case of {@code
 * consumption_anomalies}) matches a label of the same meter and rule whose window it overlaps
 * within one read interval of the meter; each label is matched at most once. A case still open
 * overlaps everything after its opening. Detections on meters that carry no label at all are the
 * false flags of normal meters. Labels name the simulator's anomaly; {@link #ruleOf} maps them to
 * the rule that must find them (a re-sent read, LATE_READ, arrives within the lateness bound: a
 * DUPLICATE_READ).
 *
 * <p>A MISSING_READS or ZERO_CONSUMPTION case that matches no label but overlaps one of the
 * simulator's outages of its meter (an area's power outage, a collection failure, a meter fault:
 * {@code outages.csv}) is right, not a false positive: the meter did miss its reads. It is set
 * aside and counted per cause; whether the job tells a power outage from the others is scored by
 * {@code eval outages}.
 */
public final class ValidationScore {

    /** An injected anomaly: the window it spans (equal ends for a single read). */
    public record Label(String meterId, String rule, Instant from, Instant until, String detail) {

        public Label(String meterId, String rule, Instant from, Instant until) {
            this(meterId, rule, from, until, "");
        }

        /** Rule, window and what the simulator did, as the miss listings print it. */
        public String describe() {
            return rule + " " + from + ".." + until + " " + detail;
        }
    }

    /**
     * A case the job opened; {@code until} is its close, {@link Instant#MAX} while it is open
     * ({@link #OPEN}).
     */
    public record Detection(
            String meterId, String rule, Instant from, Instant until, String evidence) {

        public Detection(String meterId, String rule, Instant from, Instant until) {
            this(meterId, rule, from, until, "");
        }
    }

    /** The {@code until} of a case that is still open. */
    public static final Instant OPEN = Instant.MAX;

    /** A labelled outage: its cause and the meters it silenced between {@code from} and until. */
    public record Outage(String cause, Set<String> meterIds, Instant from, Instant until) {}

    /**
     * The row of METER_SWAP's profile check (a crossed meter, 串户): its cases are METER_SWAP cases
     * whose evidence is the check's, scored apart from the swaps themselves.
     */
    public static final String PROFILE_SHIFT = "METER_SWAP_PROFILE_SHIFT";

    /** The rule that must find a label of the simulator's anomaly {@code labelRule}. */
    public static String ruleOf(String labelRule) {
        return switch (labelRule) {
            case "LATE_READ" -> "DUPLICATE_READ";
            case "CROSSED_METER" -> PROFILE_SHIFT;
            default -> labelRule;
        };
    }

    /** The row a detection is scored on: its rule, or the profile check's own row. */
    public static String ruleOf(Detection d) {
        return d.rule().equals("METER_SWAP") && d.evidence().contains(SwapProfile.EVIDENCE)
                ? PROFILE_SHIFT
                : d.rule();
    }

    /** The rules whose cases an outage explains. */
    private static final Set<String> SILENCE_RULES = Set.of("MISSING_READS", "ZERO_CONSUMPTION");

    /** One rule's counts. */
    public record RuleScore(String rule, int tp, int fp, int fn) {

        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }
    }

    private final Map<String, RuleScore> rules;
    private final int meters;
    private final int days;
    private final long normalMeterDays;
    private final int falseFlagsOnNormalMeters;
    private final Map<String, Integer> setAside;
    private final List<String> falseCases = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();

    private ValidationScore(
            Map<String, RuleScore> rules,
            int meters,
            int days,
            long normalMeterDays,
            int falseFlagsOnNormalMeters,
            Map<String, Integer> setAside) {
        this.rules = rules;
        this.setAside = setAside;
        this.meters = meters;
        this.days = days;
        this.normalMeterDays = normalMeterDays;
        this.falseFlagsOnNormalMeters = falseFlagsOnNormalMeters;
    }

    /**
     * @param readInterval each meter's read interval, the matching tolerance
     * @param meters meters in the simulated city
     * @param days simulated days
     */
    public static ValidationScore of(
            List<Label> labels,
            List<Detection> detections,
            Map<String, Duration> readInterval,
            int meters,
            int days) {
        return of(labels, List.of(), detections, readInterval, meters, days);
    }

    /**
     * @param outages the simulator's outages, which explain MISSING_READS and ZERO_CONSUMPTION
     *     cases of their meters
     */
    public static ValidationScore of(
            List<Label> labels,
            List<Outage> outages,
            List<Detection> detections,
            Map<String, Duration> readInterval,
            int meters,
            int days) {
        Map<String, Integer> setAside = new TreeMap<>();
        Set<String> labelled = new HashSet<>();
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Label>> byMeterAndRule = new HashMap<>();
        List<Label> sorted = new ArrayList<>(labels);
        sorted.sort(Comparator.comparing(Label::from));
        for (Label l : sorted) {
            String rule = ruleOf(l.rule());
            labelled.add(l.meterId());
            counts.computeIfAbsent(rule, r -> new int[3]);
            byMeterAndRule.computeIfAbsent(l.meterId() + "/" + rule, k -> new ArrayList<>()).add(l);
        }
        // in a fixed order, so the score does not depend on the order the cases were read in
        List<Detection> ordered = new ArrayList<>(detections);
        ordered.sort(
                Comparator.comparing(Detection::meterId)
                        .thenComparing(Detection::rule)
                        .thenComparing(Detection::from)
                        .thenComparing(Detection::until));
        Set<Label> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> falseCases = new ArrayList<>();
        int falseFlags = 0;
        for (Detection d : ordered) {
            String rule = ruleOf(d);
            int[] c = counts.computeIfAbsent(rule, r -> new int[3]);
            Duration slack = readInterval.getOrDefault(d.meterId(), Duration.ofMinutes(15));
            Label hit = null;
            for (Label l : byMeterAndRule.getOrDefault(d.meterId() + "/" + rule, List.of())) {
                if (!matched.contains(l) && overlaps(d, l.from(), l.until(), slack)) {
                    hit = l;
                    break;
                }
            }
            String outage = hit == null ? outageCause(outages, d, slack) : null;
            if (hit != null) {
                matched.add(hit);
                c[0]++;
            } else if (outage != null) {
                setAside.merge(outage, 1, Integer::sum);
            } else {
                c[1]++;
                boolean normal = !labelled.contains(d.meterId());
                if (normal) {
                    falseFlags++;
                }
                falseCases.add(
                        d.meterId()
                                + " "
                                + rule
                                + " "
                                + d.from()
                                + ".."
                                + (d.until().equals(OPEN) ? "open" : d.until())
                                + (normal ? " (normal meter) " : " (labelled meter) ")
                                + d.evidence());
            }
        }
        List<String> misses = new ArrayList<>();
        for (Label l : sorted) {
            if (!matched.contains(l)) {
                counts.get(ruleOf(l.rule()))[2]++;
                misses.add(l.meterId() + " " + l.describe());
            }
        }
        Map<String, RuleScore> rules = new TreeMap<>();
        counts.forEach((rule, c) -> rules.put(rule, new RuleScore(rule, c[0], c[1], c[2])));
        long normalMeterDays = (long) (meters - labelled.size()) * days;
        ValidationScore score =
                new ValidationScore(rules, meters, days, normalMeterDays, falseFlags, setAside);
        score.falseCases.addAll(falseCases);
        score.misses.addAll(misses);
        return score;
    }

    private static boolean overlaps(Detection d, Instant from, Instant until, Duration slack) {
        return !d.from().isAfter(until.plus(slack)) && !d.until().isBefore(from.minus(slack));
    }

    /**
     * The cause of the labelled outage that explains {@code d}, a MISSING_READS or ZERO_CONSUMPTION
     * case overlapping an outage of its meter within {@code slack}; null when none does.
     */
    public static String outageCause(List<Outage> outages, Detection d, Duration slack) {
        if (!SILENCE_RULES.contains(d.rule())) {
            return null;
        }
        for (Outage o : outages) {
            if (o.meterIds().contains(d.meterId()) && overlaps(d, o.from(), o.until(), slack)) {
                return o.cause();
            }
        }
        return null;
    }

    /** The cases that matched no label and no outage: meter, rule, window, evidence. */
    public List<String> falseCases() {
        return List.copyOf(falseCases);
    }

    /** The labels no case matched: meter, label, window, what the simulator did. */
    public List<String> misses() {
        return List.copyOf(misses);
    }

    /** Cases explained by a labelled outage, per cause. */
    public Map<String, Integer> setAside() {
        return setAside;
    }

    public List<RuleScore> rules() {
        return new ArrayList<>(rules.values());
    }

    public RuleScore rule(String rule) {
        return rules.getOrDefault(rule, new RuleScore(rule, 0, 0, 0));
    }

    public long normalMeterDays() {
        return normalMeterDays;
    }

    public double falseFlagsPer1000MeterDays() {
        return normalMeterDays == 0 ? 0 : falseFlagsOnNormalMeters * 1000.0 / normalMeterDays;
    }

    /** The table an operator reads. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%-24s %6s %6s %6s %9s %7s%n",
                        "rule",
                        "TP",
                        "FP",
                        "FN",
                        "precision",
                        "recall"));
        for (RuleScore r : rules.values()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "%-24s %6d %6d %6d %9.3f %7.3f%n",
                            r.rule(),
                            r.tp(),
                            r.fp(),
                            r.fn(),
                            r.precision(),
                            r.recall()));
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "false flags on normal meters: %d in %,d meter-days = %.3f per 1,000%n",
                        falseFlagsOnNormalMeters,
                        normalMeterDays,
                        falseFlagsPer1000MeterDays()));
        if (!setAside.isEmpty()) {
            s.append(
                    "set aside, in an outage the simulator labelled (the meter did miss its reads): "
                            + setAside
                            + "\n");
        }
        return s.toString();
    }

    /** The JSON of {@code eval --json} (INTERFACES.md): numbers only, 0 where undefined. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("meters", meters);
        json.put("days", days);
        json.put("normal_meter_days", normalMeterDays);
        json.put("false_flags_per_1000_meter_days", falseFlagsPer1000MeterDays());
        List<Map<String, Object>> perRule = new ArrayList<>();
        for (RuleScore r : rules.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rule", r.rule());
            row.put("tp", r.tp());
            row.put("fp", r.fp());
            row.put("fn", r.fn());
            row.put("precision", r.precision());
            row.put("recall", r.recall());
            perRule.add(row);
        }
        json.put("rules", perRule);
        json.put("set_aside_in_outages", setAside);
        try {
            return new ObjectMapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
