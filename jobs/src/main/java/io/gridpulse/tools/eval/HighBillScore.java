package io.gridpulse.tools.eval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * High-bill alerts scored against the simulator's labels. The universe is every billing period
 * wholly inside the run; an alert for one of them is a true positive when the period's bill is
 * labelled high, else a false positive; a high period without an alert is a miss. Alerts decided
 * but withheld (opt-out, no binding) count as alerts: the detection is what is scored. Duplicates
 * are HIGH_BILL messages on the topic beyond the first per customer and period. Lead time is from
 * the alert's send time to the issue of the period's bill.
 */
public record HighBillScore(
        int periods,
        int high,
        int alerts,
        int truePositives,
        int falsePositives,
        int falseNegatives,
        double precision,
        double recall,
        long duplicates,
        double leadDaysP50,
        double leadDaysMin) {

    /** A labelled billing period. */
    public record Label(String customerId, String period, LocalDate periodEnd, boolean high) {}

    /** An alert the job decided. */
    public record Alert(String customerId, String period, Instant createdAt) {}

    /** A HIGH_BILL message on the topic. */
    public record Message(String customerId, String period) {}

    public static HighBillScore of(
            Collection<Label> labels,
            Collection<Alert> alerts,
            Collection<Message> messages,
            Map<String, Instant> billIssuedAt,
            ZoneId zone) {
        Map<String, Label> byKey = new HashMap<>();
        labels.forEach(l -> byKey.put(key(l.customerId(), l.period()), l));
        int tp = 0;
        int fp = 0;
        Set<String> alerted = new HashSet<>();
        List<Double> leads = new ArrayList<>();
        for (Alert alert : alerts) {
            String key = key(alert.customerId(), alert.period());
            Label label = byKey.get(key);
            if (label == null || !alerted.add(key)) {
                continue; // a period partly outside the run: not scored
            }
            if (label.high()) {
                tp++;
                Instant issued =
                        billIssuedAt.getOrDefault(
                                key,
                                label.periodEnd()
                                        .atTime(LocalTime.MIDNIGHT)
                                        .atZone(zone)
                                        .toInstant());
                leads.add(Duration.between(alert.createdAt(), issued).toMinutes() / 1440.0);
            } else {
                fp++;
            }
        }
        int high = (int) labels.stream().filter(Label::high).count();
        int fn = high - tp;
        Map<String, Integer> perPeriod = new HashMap<>();
        messages.forEach(m -> perPeriod.merge(key(m.customerId(), m.period()), 1, Integer::sum));
        long duplicates = perPeriod.values().stream().mapToLong(n -> n - 1).sum();
        Collections.sort(leads);
        return new HighBillScore(
                labels.size(),
                high,
                tp + fp,
                tp,
                fp,
                fn,
                tp + fp == 0 ? 0 : tp / (double) (tp + fp),
                high == 0 ? 0 : tp / (double) high,
                duplicates,
                median(leads),
                leads.isEmpty() ? 0 : leads.get(0));
    }

    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"precision\": %.4f, \"recall\": %.4f, \"duplicates\": %d, \"lead_days_p50\": %.2f,"
                        + " \"periods\": %d, \"high\": %d, \"alerts\": %d, \"tp\": %d, \"fp\": %d,"
                        + " \"fn\": %d, \"lead_days_min\": %.2f}",
                precision,
                recall,
                duplicates,
                leadDaysP50,
                periods,
                high,
                alerts,
                truePositives,
                falsePositives,
                falseNegatives,
                leadDaysMin);
    }

    private static double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String key(String customer, String period) {
        return customer + "/" + period;
    }
}
