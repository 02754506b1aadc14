package io.gridpulse.tools.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores inferred outages, their notifications and the consumption cases inside them against the
 * simulator's outages.csv. Pure: the eval command and the tests feed it.
 *
 * <p>An inferred outage matches a label of the same transformer area whose silence overlaps its
 * window (last read before, first read after, widened by the longest watched read interval). Power
 * outage precision: inferred outages classified POWER_OUTAGE that match a power label; recall: the
 * power labels the reads can show (outages.csv {@code observable}) matched by one. Delay: from the
 * label's start to the detection tick, in read intervals of 15 minutes (the cadence of most meters,
 * and the tick).
 */
public final class OutageScore {

    static final long READ_INTERVAL_MS = 15 * 60_000L;
    static final long SLACK_MS = 60 * 60_000L;

    /** One row of outages.csv. */
    public record Label(
            String id,
            String cause,
            String scope,
            String area,
            long fromMs,
            long untilMs,
            int customers,
            boolean observable,
            Set<String> meterIds) {}

    /** The current row of one inferred outage. */
    public record Inferred(
            String outageId,
            String area,
            long openedMs,
            long detectedMs,
            long closedMs,
            String status,
            String cause) {}

    /** One message on customer-notifications about an outage. */
    public record Notice(
            String notificationId,
            String customerId,
            String kind,
            String outageId,
            long createdMs) {}

    /** The current row of a MISSING_READS case. */
    public record Case(String meterId, long fromMs, long untilMs, String outageId) {}

    private final Map<String, Object> figures = new LinkedHashMap<>();

    private OutageScore() {}

    public static OutageScore of(
            List<Label> labels, List<Inferred> inferred, List<Notice> notices, List<Case> cases) {
        OutageScore s = new OutageScore();
        Map<String, Label> matchOf = new HashMap<>();
        for (Inferred o : inferred) {
            long until = o.closedMs() > 0 ? o.closedMs() : Math.max(o.detectedMs(), o.openedMs());
            Label best = null;
            for (Label l : labels) {
                if (l.area().equals(o.area())
                        && l.fromMs() <= until + SLACK_MS
                        && l.untilMs() >= o.openedMs() - SLACK_MS
                        && (best == null || overlap(l, o, until) > overlap(best, o, until))) {
                    best = l;
                }
            }
            if (best != null) {
                matchOf.put(o.outageId(), best);
            }
        }
        int powerInferred = 0;
        int powerTrue = 0;
        Map<String, int[]> perCause = new LinkedHashMap<>(); // inferred, correct, labels, found
        for (String c : List.of("POWER_OUTAGE", "COLLECTION_FAILURE")) {
            perCause.put(c, new int[4]);
        }
        Set<String> foundLabels = new HashSet<>();
        List<Double> delays = new ArrayList<>();
        int open = 0;
        for (Inferred o : inferred) {
            Label l = matchOf.get(o.outageId());
            if (!o.status().equals("CLASSIFIED")) {
                open++;
                continue;
            }
            int[] c = perCause.get(o.cause());
            if (c != null) {
                c[0]++;
                if (l != null && l.cause().equals(o.cause())) {
                    c[1]++;
                    if (foundLabels.add(l.id()) && o.cause().equals("POWER_OUTAGE")) {
                        delays.add((o.detectedMs() - l.fromMs()) / (double) READ_INTERVAL_MS);
                    }
                    if (!o.cause().equals("POWER_OUTAGE")) {
                        foundLabels.add(l.id());
                    }
                }
            }
            if (o.cause().equals("POWER_OUTAGE")) {
                powerInferred++;
                if (l != null && l.cause().equals("POWER_OUTAGE")) {
                    powerTrue++;
                }
            }
        }
        int observable = 0;
        int observableFound = 0;
        int powerLabels = 0;
        for (Label l : labels) {
            int[] c = perCause.get(l.cause());
            boolean expected =
                    l.cause().equals("POWER_OUTAGE")
                            ? l.observable()
                            : l.scope().equals("CONCENTRATOR");
            if (c != null && expected) {
                c[2]++;
                if (foundLabels.contains(l.id())) {
                    c[3]++;
                }
            }
            if (l.cause().equals("POWER_OUTAGE")) {
                powerLabels++;
                if (l.observable()) {
                    observable++;
                    observableFound += foundLabels.contains(l.id()) ? 1 : 0;
                }
            }
        }
        // notifications
        Map<String, Inferred> byId = new HashMap<>();
        inferred.forEach(o -> byId.put(o.outageId(), o));
        Map<String, Integer> perLabelCustomerKind = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int repeatedIds = 0;
        int forCollection = 0;
        int forNoOutage = 0;
        Map<String, int[]> perLabel = new HashMap<>(); // started, restored
        Map<String, Long> firstStarted = new HashMap<>();
        for (Notice n : notices) {
            if (!ids.add(n.notificationId())) {
                repeatedIds++; // the same message again (at-least-once): the gateway drops it
                continue;
            }
            Label l = matchOf.get(n.outageId());
            if (l == null) {
                forNoOutage++;
                continue;
            }
            if (!l.cause().equals("POWER_OUTAGE")) {
                forCollection++;
                continue;
            }
            perLabelCustomerKind.merge(
                    l.id() + "/" + n.customerId() + "/" + n.kind(), 1, Integer::sum);
            if (n.kind().equals("OUTAGE_STARTED")) {
                firstStarted.merge(l.id(), n.createdMs() - l.fromMs(), Math::min);
            }
            int[] k = perLabel.computeIfAbsent(l.id(), x -> new int[2]);
            k[n.kind().equals("OUTAGE_STARTED") ? 0 : 1]++;
        }
        int duplicates = 0;
        for (int count : perLabelCustomerKind.values()) {
            duplicates += count - 1;
        }
        long affected = 0;
        long started = 0;
        long restored = 0;
        for (Label l : labels) {
            if (l.cause().equals("POWER_OUTAGE") && foundLabels.contains(l.id())) {
                affected += l.customers();
                int[] k = perLabel.getOrDefault(l.id(), new int[2]);
                started += k[0];
                restored += k[1];
            }
        }
        // consumption cases inside power outages
        int inside = 0;
        int noted = 0;
        for (Case c : cases) {
            for (Label l : labels) {
                if (l.cause().equals("POWER_OUTAGE")
                        && l.meterIds().contains(c.meterId())
                        && c.fromMs() <= l.untilMs() + SLACK_MS
                        && c.untilMs() >= l.fromMs() - SLACK_MS) {
                    inside++;
                    noted += c.outageId().isEmpty() ? 0 : 1;
                    break;
                }
            }
        }
        int notedOutside = 0;
        for (Case c : cases) {
            if (!c.outageId().isEmpty()) {
                Inferred o = byId.get(c.outageId());
                Label l = o == null ? null : matchOf.get(o.outageId());
                notedOutside += l == null || !l.cause().equals("POWER_OUTAGE") ? 1 : 0;
            }
        }

        s.figures.put("precision", ratio(powerTrue, powerInferred));
        s.figures.put("recall", ratio(observableFound, observable));
        s.figures.put("delay_p50_intervals", quantile(delays, 0.5));
        s.figures.put("delay_p90_intervals", quantile(delays, 0.9));
        List<Double> noticeDelays = new ArrayList<>();
        firstStarted.values().forEach(d -> noticeDelays.add(d / (double) READ_INTERVAL_MS));
        s.figures.put("started_notice_delay_p50_intervals", quantile(noticeDelays, 0.5));
        s.figures.put("started_notice_delay_p90_intervals", quantile(noticeDelays, 0.9));
        s.figures.put("duplicate_notifications", duplicates);
        s.figures.put("notifications_for_collection_failures", forCollection);
        s.figures.put("notifications_without_an_outage", forNoOutage);
        s.figures.put("repeated_notification_ids", repeatedIds);
        s.figures.put("power_outages_labelled", powerLabels);
        s.figures.put("power_outages_observable", observable);
        s.figures.put("power_outages_found", observableFound);
        s.figures.put("power_outages_inferred", powerInferred);
        s.figures.put("outages_not_yet_classified", open);
        s.figures.put("affected_customers", affected);
        s.figures.put("started_per_affected_customer", ratio(started, affected));
        s.figures.put("restored_per_affected_customer", ratio(restored, affected));
        s.figures.put("missing_reads_cases_inside_power_outages", inside);
        s.figures.put("missing_reads_cases_noted_with_outage", noted);
        s.figures.put("cases_noted_outside_a_power_outage", notedOutside);
        List<Map<String, Object>> causes = new ArrayList<>();
        perCause.forEach(
                (cause, c) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("cause", cause);
                    m.put("inferred", c[0]);
                    m.put("correct", c[1]);
                    m.put("labelled", c[2]);
                    m.put("found", c[3]);
                    m.put("precision", ratio(c[1], c[0]));
                    m.put("recall", ratio(c[3], c[2]));
                    causes.add(m);
                });
        s.figures.put("causes", causes);
        return s;
    }

    private static long overlap(Label l, Inferred o, long until) {
        return Math.min(l.untilMs(), until) - Math.max(l.fromMs(), o.openedMs());
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : Math.round(a * 10000.0 / b) / 10000.0;
    }

    private static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int at = (int) Math.ceil(q * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, at)) * 100) / 100.0;
    }

    public Map<String, Object> figures() {
        return figures;
    }

    public double figure(String key) {
        return ((Number) figures.get(key)).doubleValue();
    }

    /** The figures as JSON: numbers only, the per-cause list as objects. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        figures.forEach(
                (k, v) -> {
                    if (b.length() > 1) {
                        b.append(", ");
                    }
                    b.append('"').append(k).append("\": ").append(json(v));
                });
        return b.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String json(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : list) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(json(o));
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            ((Map<String, Object>) map)
                    .forEach(
                            (k, x) -> {
                                if (b.length() > 1) {
                                    b.append(", ");
                                }
                                b.append('"').append(k).append("\": ").append(json(x));
                            });
            return b.append('}').toString();
        }
        if (v instanceof String str) {
            return '"' + str + '"';
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d.isNaN() ? 0 : d);
        }
        return String.valueOf(v);
    }

    /** A readable summary for stdout. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "  power outages: %s labelled, %s observable, %s found, %s inferred%n",
                        figures.get("power_outages_labelled"),
                        figures.get("power_outages_observable"),
                        figures.get("power_outages_found"),
                        figures.get("power_outages_inferred")));
        b.append(
                String.format(
                        Locale.ROOT,
                        "  precision %.3f  recall %.3f  detection delay p50 %.2f p90 %.2f read intervals"
                                + " (15 min); OUTAGE_STARTED sent after p50 %.2f p90 %.2f%n",
                        figure("precision"),
                        figure("recall"),
                        figure("delay_p50_intervals"),
                        figure("delay_p90_intervals"),
                        figure("started_notice_delay_p50_intervals"),
                        figure("started_notice_delay_p90_intervals")));
        for (Object o : (List<?>) figures.get("causes")) {
            Map<?, ?> m = (Map<?, ?>) o;
            b.append(
                    String.format(
                            Locale.ROOT,
                            "  %-18s inferred %s correct %s | labelled %s found %s | precision %.3f recall %.3f%n",
                            m.get("cause"),
                            m.get("inferred"),
                            m.get("correct"),
                            m.get("labelled"),
                            m.get("found"),
                            ((Number) m.get("precision")).doubleValue(),
                            ((Number) m.get("recall")).doubleValue()));
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        "  notifications: duplicates %s, for collection failures %s, without an outage %s,"
                                + " repeated ids %s; per affected customer: started %.3f restored %.3f (%s customers)%n",
                        figures.get("duplicate_notifications"),
                        figures.get("notifications_for_collection_failures"),
                        figures.get("notifications_without_an_outage"),
                        figures.get("repeated_notification_ids"),
                        figure("started_per_affected_customer"),
                        figure("restored_per_affected_customer"),
                        figures.get("affected_customers")));
        b.append(
                String.format(
                        Locale.ROOT,
                        "  MISSING_READS cases inside power outages %s, noted with the outage %s;"
                                + " noted outside one %s; outages not yet classified %s%n",
                        figures.get("missing_reads_cases_inside_power_outages"),
                        figures.get("missing_reads_cases_noted_with_outage"),
                        figures.get("cases_noted_outside_a_power_outage"),
                        figures.get("outages_not_yet_classified")));
        return b.toString();
    }
}
