package io.gridpulse.tools.report;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.SqlResources;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The monthly review's sections over the other jobs' tables: complaint KPIs and the ranking per KPI
 * from the service-KPI job ({@code grid_kpi_monthly FINAL}, {@code grid_kpi_ranking}), the trend
 * against the previous months, the worst grids' complaint mix, reconnect timeliness and notice-rule
 * violations from the reconnect job, and the high-bill alerts. Every table is read the
 * dedup-correct way (FINAL; the ranking is a view over FINAL).
 *
 * <p>KPI months are the company's calendar months ({@code period_start}, written by the job in
 * {@code company.zone}); the reconnect, notice and alert times are grouped by UTC month, like the
 * rest of the report.
 */
final class MonthlyServiceSections {

    /** Grids whose complaint mix is shown: the worst by complaints per 10,000 customers. */
    static final int WORST_GRIDS = 3;

    /** Months of the trend: this one and the five before. */
    static final int TREND_MONTHS = 6;

    /** The ranking table lists these KPIs first, then the other ranked ones. */
    private static final List<String> HEADLINE_KPIS =
            List.of(
                    "complaints_per_10k",
                    "verified_rate",
                    "resolution_p50_s",
                    "overdue_complaints",
                    "contact_verified_rate",
                    "sms_binding_rate",
                    "wechat_binding_rate",
                    "remote_dunning_share",
                    "electronic_payment_share",
                    "payment_channels_in_use",
                    "collection_success_rate");

    private MonthlyServiceSections() {}

    // ------------------------------------------------------------------ complaints

    /** Complaint KPIs per grid against last month, ranked; the figures the test reads back. */
    static void complaints(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("Complaint KPIs per grid (service-KPI job)");
        List<Map<String, String>> now = gridKpis(ch, month);
        Map<String, Map<String, String>> before = new TreeMap<>();
        gridKpis(ch, month.minusMonths(1)).forEach(r -> before.put(r.get("grid"), r));
        if (now.isEmpty()) {
            html.note("grid_kpi_monthly holds no KPIs for " + month + ".");
            return;
        }
        double complaints = sum(now, "complaints");
        double customers = sum(now, "customers");
        double verified = sum(now, "verified");
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("complaints", Svg.number(complaints));
        figures.put(
                "complaints per 10,000 customers",
                Svg.number(round2(customers <= 0 ? 0 : 10_000 * complaints / customers)));
        figures.put(
                "verified rate",
                Svg.number(round2(complaints <= 0 ? 0 : 100 * verified / complaints)) + " %");
        figures.put("overdue complaints", Svg.number(sum(now, "overdue")));
        html.figures(figures);
        html.note(
                "Per grid, from grid_kpi_monthly FINAL (a ticket verified or resolved later corrects"
                        + " its month, never counts twice). Rank 1 is best (fewest complaints per"
                        + " 10,000 customers, lowest verified rate). The job writes no targets for"
                        + " complaint KPIs; the ranking below compares the grids with each other."
                        + " Hours are from opening to first response / resolution (median).");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> g : now) {
            Map<String, String> prev = before.get(g.get("grid"));
            double per10k = d(g, "per_10k");
            String trend =
                    prev == null
                            ? "–"
                            : signed(round2(per10k - d(prev, "per_10k")))
                                    + " (was "
                                    + Svg.number(round2(d(prev, "per_10k")))
                                    + ")";
            rows.add(
                    List.of(
                            g.get("grid"),
                            Svg.number(d(g, "customers")),
                            Svg.number(d(g, "complaints")),
                            Svg.number(round2(per10k)),
                            trend,
                            "#" + rank(now, g, "per_10k"),
                            Svg.number(round2(100 * d(g, "verified_rate"))) + " %",
                            "#" + rank(now, g, "verified_rate"),
                            Svg.number(round2(d(g, "first_response_p50_s") / 3600)),
                            Svg.number(round2(d(g, "resolution_p50_s") / 3600)),
                            Svg.number(d(g, "overdue"))));
        }
        html.table(
                List.of(
                        "grid",
                        "customers",
                        "complaints",
                        "per 10k",
                        "vs last month",
                        "rank",
                        "verified",
                        "rank",
                        "first response p50 (h)",
                        "resolution p50 (h)",
                        "overdue"),
                rows);
        html.svg(
                Svg.bars(
                        now.stream()
                                .map(g -> new Svg.Bar(g.get("grid"), round2(d(g, "per_10k"))))
                                .toList(),
                        " per 10k",
                        null,
                        false));
    }

    private static List<Map<String, String>> gridKpis(ClickHouseQueries ch, YearMonth month) {
        return ch.rows(
                "SELECT unit_id AS grid,"
                        + " maxIf(value, kpi = 'active_customers') AS customers,"
                        + " maxIf(value, kpi = 'complaints') AS complaints,"
                        + " maxIf(value, kpi = 'complaints_per_10k') AS per_10k,"
                        + " maxIf(value, kpi = 'complaints_verified') AS verified,"
                        + " maxIf(value, kpi = 'verified_rate') AS verified_rate,"
                        + " maxIf(value, kpi = 'first_response_p50_s') AS first_response_p50_s,"
                        + " maxIf(value, kpi = 'resolution_p50_s') AS resolution_p50_s,"
                        + " maxIf(value, kpi = 'overdue_complaints') AS overdue"
                        + " FROM grid_kpi_monthly FINAL"
                        + " WHERE period_start = "
                        + date(month)
                        + " AND level = 'GRID' AND unit_id != 'UNASSIGNED'"
                        + " GROUP BY grid ORDER BY grid");
    }

    // ------------------------------------------------------------------ ranking

    /** Every ranked KPI: the grids best first, the target and who misses it. */
    static void ranking(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("Grid ranking per KPI, with targets");
        List<Map<String, String>> ranked =
                ch.rows(
                        "SELECT kpi, better, grid_id, value, rank FROM grid_kpi_ranking"
                                + " WHERE period_start = "
                                + date(month)
                                + " ORDER BY kpi, rank");
        if (ranked.isEmpty()) {
            html.note("grid_kpi_ranking holds no ranking for " + month + ".");
            return;
        }
        // targets may differ per grid (payment channels: 5, or 4 where most customers are rural)
        Map<String, Map<String, Double>> targets = new TreeMap<>();
        for (Map<String, String> t :
                ch.rows(
                        "SELECT kpi, unit_id, assumeNotNull(target) AS target_value FROM grid_kpi_monthly FINAL"
                                + " WHERE period_start = "
                                + date(month)
                                + " AND level = 'GRID' AND isNotNull(target)")) {
            targets.computeIfAbsent(t.get("kpi"), k -> new TreeMap<>())
                    .put(t.get("unit_id"), Double.parseDouble(t.get("target_value")));
        }
        Map<String, List<Map<String, String>>> byKpi = new LinkedHashMap<>();
        ranked.forEach(r -> byKpi.computeIfAbsent(r.get("kpi"), k -> new ArrayList<>()).add(r));
        List<String> order = new ArrayList<>(HEADLINE_KPIS);
        order.retainAll(byKpi.keySet());
        byKpi.keySet().stream().filter(k -> !order.contains(k)).sorted().forEach(order::add);

        html.note(
                "From grid_kpi_ranking (a view over grid_kpi_monthly FINAL): rank 1 is the best grid,"
                        + " ties go to the lower grid id. Rates and shares in %, times in hours."
                        + " Target: the job's target column (contact and binding 90 %, payment"
                        + " channels 5, or 4 where most customers are rural); the service-KPI job"
                        + " sets none for the other KPIs.");
        List<List<String>> rows = new ArrayList<>();
        // grid -> kpi -> "#rank", marked when the grid misses the KPI's target
        Map<String, Map<String, String>> matrix = new TreeMap<>();
        Map<String, Double> rankSum = new TreeMap<>();
        for (String kpi : order) {
            List<Map<String, String>> grids = byKpi.get(kpi);
            Map<String, Double> kpiTargets = targets.getOrDefault(kpi, Map.of());
            boolean higher = "HIGHER".equals(grids.get(0).get("better"));
            int missing = 0;
            for (Map<String, String> g : grids) {
                Double t = kpiTargets.get(g.get("grid_id"));
                double v = d(g, "value");
                boolean misses = t != null && (higher ? v < t : v > t);
                missing += misses ? 1 : 0;
                if (HEADLINE_KPIS.contains(kpi)) {
                    matrix.computeIfAbsent(g.get("grid_id"), k -> new LinkedHashMap<>())
                            .put(kpi, (misses ? "!#" : "#") + g.get("rank"));
                    rankSum.merge(g.get("grid_id"), d(g, "rank"), Double::sum);
                }
            }
            TreeSet<String> distinctTargets =
                    kpiTargets.values().stream()
                            .map(t -> format(kpi, t))
                            .collect(Collectors.toCollection(TreeSet::new));
            Map<String, String> best = grids.get(0);
            Map<String, String> worst = grids.get(grids.size() - 1);
            rows.add(
                    List.of(
                            kpi,
                            higher ? "higher" : "lower",
                            distinctTargets.isEmpty() ? "–" : String.join(" / ", distinctTargets),
                            best.get("grid_id") + "  " + format(kpi, d(best, "value")),
                            worst.get("grid_id") + "  " + format(kpi, d(worst, "value")),
                            kpiTargets.isEmpty()
                                    ? "–"
                                    : (missing > 0 ? "!" : "") + missing + " of " + grids.size()));
        }
        html.table(
                List.of(
                        "KPI",
                        "better",
                        "target",
                        "best (#1)",
                        "worst",
                        "grids missing the target"),
                rows);

        // the rank of every grid in the headline KPIs, best overall first
        List<String> columns = order.stream().filter(HEADLINE_KPIS::contains).toList();
        List<String> header = new ArrayList<>(List.of("grid"));
        columns.forEach(k -> header.add(k.replace('_', ' ')));
        header.add("mean rank");
        List<List<String>> rankRows = new ArrayList<>();
        matrix.entrySet().stream()
                .sorted(
                        java.util.Comparator.comparingDouble(
                                        (Map.Entry<String, Map<String, String>> e) ->
                                                rankSum.get(e.getKey()))
                                .thenComparing(Map.Entry::getKey))
                .forEach(
                        e -> {
                            List<String> row = new ArrayList<>(List.of(e.getKey()));
                            columns.forEach(k -> row.add(e.getValue().getOrDefault(k, "–")));
                            row.add(Svg.number(round2(rankSum.get(e.getKey()) / columns.size())));
                            rankRows.add(row);
                        });
        html.note(
                "Rank of each grid per KPI (red: misses the KPI's target); best mean rank first.");
        html.table(header, rankRows);
    }

    // ------------------------------------------------------------------ trend

    /** Company-wide KPIs of this month and the previous ones, and complaints per grid per month. */
    static void trend(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("Trend: complaint and service KPIs over the last " + TREND_MONTHS + " months");
        YearMonth first = month.minusMonths(TREND_MONTHS - 1);
        // company-wide: a rate is the sum of the grids' numerators over the sum of denominators
        List<Map<String, String>> months =
                ch.rows(
                        "SELECT toString(period_start) AS month,"
                                + " sumIf(value, kpi = 'complaints') AS complaints,"
                                + " sumIf(value, kpi = 'active_customers') AS customers,"
                                + " sumIf(numerator, kpi = 'verified_rate') AS verified,"
                                + " sumIf(numerator, kpi = 'remote_dunning_share') AS remote_n,"
                                + " sumIf(denominator, kpi = 'remote_dunning_share') AS remote_d,"
                                + " sumIf(numerator, kpi = 'sms_binding_rate') AS sms_n,"
                                + " sumIf(denominator, kpi = 'sms_binding_rate') AS sms_d,"
                                + " sumIf(numerator, kpi = 'electronic_payment_share') AS epay_n,"
                                + " sumIf(denominator, kpi = 'electronic_payment_share') AS epay_d"
                                + " FROM grid_kpi_monthly FINAL"
                                + " WHERE period_start >= "
                                + date(first)
                                + " AND period_start <= "
                                + date(month)
                                + " AND level = 'GRID' AND unit_id != 'UNASSIGNED'"
                                + " GROUP BY month ORDER BY month");
        if (months.isEmpty()) {
            html.note("No KPI months from " + first + " to " + month + ".");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Bar> per10k = new ArrayList<>();
        for (Map<String, String> m : months) {
            double complaints = d(m, "complaints");
            double customers = d(m, "customers");
            double rate = round2(customers <= 0 ? 0 : 10_000 * complaints / customers);
            per10k.add(new Svg.Bar(m.get("month").substring(0, 7), rate));
            rows.add(
                    List.of(
                            m.get("month").substring(0, 7),
                            Svg.number(complaints),
                            Svg.number(rate),
                            pct(d(m, "verified"), complaints),
                            pct(d(m, "remote_n"), d(m, "remote_d")),
                            pct(d(m, "sms_n"), d(m, "sms_d")),
                            pct(d(m, "epay_n"), d(m, "epay_d"))));
        }
        html.note(
                "All grids together (rates = the grids' numerators over their denominators); months"
                        + " without KPI rows are left out.");
        html.svg(Svg.columns(per10k, " per 10k", null, null));
        html.table(
                List.of(
                        "month",
                        "complaints",
                        "per 10k customers",
                        "verified rate",
                        "remote dunning",
                        "SMS binding",
                        "electronic payments"),
                rows);

        // per grid: complaints per 10k customers month by month
        List<Map<String, String>> perGrid =
                ch.rows(
                        "SELECT unit_id AS grid, toString(period_start) AS month, value"
                                + " FROM grid_kpi_monthly FINAL"
                                + " WHERE period_start >= "
                                + date(first)
                                + " AND period_start <= "
                                + date(month)
                                + " AND level = 'GRID' AND unit_id != 'UNASSIGNED'"
                                + " AND kpi = 'complaints_per_10k' ORDER BY grid, month");
        List<String> monthLabels = months.stream().map(m -> m.get("month")).toList();
        Map<String, Map<String, Double>> grid = new TreeMap<>();
        perGrid.forEach(
                r ->
                        grid.computeIfAbsent(r.get("grid"), g -> new TreeMap<>())
                                .put(r.get("month"), d(r, "value")));
        List<String> header = new ArrayList<>(List.of("complaints per 10k: grid"));
        monthLabels.forEach(m -> header.add(m.substring(0, 7)));
        List<List<String>> gridRows = new ArrayList<>();
        grid.forEach(
                (g, values) -> {
                    List<String> row = new ArrayList<>(List.of(g));
                    monthLabels.forEach(
                            m ->
                                    row.add(
                                            values.containsKey(m)
                                                    ? Svg.number(round2(values.get(m)))
                                                    : "–"));
                    gridRows.add(row);
                });
        html.table(header, gridRows);
    }

    // ------------------------------------------------------------------ complaint mix

    /** The categories of the complaints of the grids with the most complaints per 10k customers. */
    static void complaintMix(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("Complaint mix of the " + WORST_GRIDS + " worst grids");
        List<String> worst =
                ch
                        .rows(
                                "SELECT unit_id AS grid FROM grid_kpi_monthly FINAL"
                                        + " WHERE period_start = "
                                        + date(month)
                                        + " AND level = 'GRID' AND unit_id != 'UNASSIGNED'"
                                        + " AND kpi = 'complaints_per_10k' AND value > 0"
                                        + " ORDER BY value DESC, grid LIMIT "
                                        + WORST_GRIDS)
                        .stream()
                        .map(r -> r.get("grid"))
                        .toList();
        if (worst.isEmpty()) {
            html.note("No grid had a complaint in " + month + ".");
            return;
        }
        List<Map<String, String>> mix =
                ch.rows(
                        "SELECT unit_id AS grid, replaceRegexpOne(kpi, '^complaints_', '') AS category, value"
                                + " FROM grid_kpi_monthly FINAL"
                                + " WHERE period_start = "
                                + date(month)
                                + " AND level = 'GRID' AND better = 'NONE'"
                                + " AND kpi LIKE 'complaints_%' AND value > 0 AND unit_id IN ("
                                + worst.stream()
                                        .map(ClickHouseQueries::literal)
                                        .collect(Collectors.joining(", "))
                                + ") ORDER BY category");
        List<String> categories =
                mix.stream().map(r -> r.get("category")).distinct().sorted().toList();
        double[][] values = new double[worst.size()][categories.size()];
        for (Map<String, String> r : mix) {
            values[worst.indexOf(r.get("grid"))][categories.indexOf(r.get("category"))] =
                    d(r, "value");
        }
        html.note(
                "Worst = most complaints per 10,000 customers in "
                        + month
                        + " (complaints_<category> of grid_kpi_monthly).");
        html.svg(Svg.stacked(worst, categories, values, ""));
        List<String> header = new ArrayList<>(List.of("grid"));
        header.addAll(categories);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < worst.size(); i++) {
            List<String> row = new ArrayList<>(List.of(worst.get(i)));
            for (double v : values[i]) {
                row.add(Svg.number(v));
            }
            rows.add(row);
        }
        html.table(header, rows);
    }

    // ------------------------------------------------------------------ reconnects

    /** Arrears cases cleared in the month: how fast power came back, against reconnect.target. */
    static void reconnects(Html html, ClickHouseQueries ch, YearMonth month, Duration target) {
        html.heading("Reconnect timeliness (reconnect job)");
        String cutOffs =
                ch.value(
                        "SELECT count() FROM reconnect_cases FINAL WHERE auto_reconnect = 1"
                                + " AND disconnected_at >= "
                                + start(month)
                                + " AND disconnected_at < "
                                + start(month.plusMonths(1)));
        List<Map<String, String>> grids =
                ch.rows(
                        "SELECT grid_id AS grid, count() AS cleared, countIf(reconnected_ms >= 0) AS reconnected,"
                                + " countIf(reconnected_ms >= 0 AND overdue = 0) AS within_target,"
                                + " countIf(reconnected_ms < 0) AS waiting, countIf(overdue = 1) AS overdue_cases,"
                                + " countIf(status = 'RECONNECT_FAILED') AS failed,"
                                + " quantileExactIf(0.5)(minutes, reconnected_ms >= 0) AS p50_min,"
                                + " quantileExactIf(0.9)(minutes, reconnected_ms >= 0) AS p90_min"
                                + " FROM (SELECT customer_id, status, reconnected_ms, overdue,"
                                + "  intDiv(reconnected_ms - cleared_ms, 60000) AS minutes"
                                + "  FROM reconnect_cases FINAL WHERE auto_reconnect = 1 AND cleared_ms >= 0"
                                + "  AND cleared_at >= "
                                + start(month)
                                + " AND cleared_at < "
                                + start(month.plusMonths(1))
                                + ") AS cases"
                                + " ANY LEFT JOIN (SELECT customer_id, grid_id FROM customer_directory FINAL)"
                                + " AS grids USING customer_id"
                                + " GROUP BY grid ORDER BY grid");
        double cleared = sum(grids, "cleared");
        double within = sum(grids, "within_target");
        long targetMinutes = target.toMinutes();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("arrears cut-offs", Svg.number(Double.parseDouble(cutOffs)));
        figures.put("cleared (paid or agreement)", Svg.number(cleared));
        figures.put("back on power", Svg.number(sum(grids, "reconnected")));
        figures.put(
                "within " + targetMinutes + " min of clearing",
                cleared <= 0 ? "–" : Svg.number(round2(100 * within / cleared)) + " %");
        figures.put("still waiting for power", Svg.number(sum(grids, "waiting")));
        figures.put("reconnect failed", Svg.number(sum(grids, "failed")));
        html.figures(figures);
        html.note(
                "Arrears cases cleared in "
                        + month
                        + " (UTC), per grid: minutes from the clearing payment or agreement to the"
                        + " executed reconnect (exact p50 / p90 of the cases back on power), against"
                        + " reconnect.target = "
                        + targetMinutes
                        + " min. From reconnect_cases FINAL.");
        if (grids.isEmpty()) {
            html.note("No arrears case was cleared in " + month + ".");
            return;
        }
        html.table(
                List.of(
                        "grid",
                        "cleared",
                        "back on power",
                        "within target",
                        "overdue",
                        "still waiting",
                        "p50 (min)",
                        "p90 (min)"),
                grids.stream()
                        .map(
                                g ->
                                        List.of(
                                                g.get("grid"),
                                                Svg.number(d(g, "cleared")),
                                                Svg.number(d(g, "reconnected")),
                                                Svg.number(d(g, "within_target")),
                                                mark(
                                                        d(g, "overdue_cases") > 0,
                                                        Svg.number(d(g, "overdue_cases"))),
                                                Svg.number(d(g, "waiting")),
                                                d(g, "reconnected") > 0
                                                        ? Svg.number(d(g, "p50_min"))
                                                        : "–",
                                                d(g, "reconnected") > 0
                                                        ? Svg.number(d(g, "p90_min"))
                                                        : "–"))
                        .toList());
        html.svg(
                Svg.bars(
                        grids.stream()
                                .filter(g -> d(g, "reconnected") > 0)
                                .map(g -> new Svg.Bar(g.get("grid"), d(g, "p90_min")))
                                .toList(),
                        " min",
                        (double) targetMinutes,
                        false));
    }

    // ------------------------------------------------------------------ notice rule

    /** Arrears cut-offs that broke the notice rule, per grid, and the newest ones with evidence. */
    static void noticeRule(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("Notice-rule violations (reconnect job)");
        String violations =
                "SELECT customer_id, switch_event_id, checked_at, stage, rule, evidence"
                        + " FROM notice_rule_violations FINAL WHERE withdrawn = 0"
                        + " AND checked_at >= "
                        + start(month)
                        + " AND checked_at < "
                        + start(month.plusMonths(1));
        List<Map<String, String>> grids =
                ch.rows(
                        "SELECT grid_id AS grid, count() AS violations, countIf(stage = 'ORDERED') AS at_order,"
                                + " countIf(stage = 'EXECUTED') AS at_execution, uniqExact(customer_id) AS customers,"
                                + " countIf(rule = 'NO_NOTICE') AS no_notice, countIf(rule = 'NOT_DELIVERED') AS not_delivered,"
                                + " countIf(rule = 'TOO_SOON') AS too_soon, countIf(rule = 'NOTICE_TOO_OLD') AS too_old"
                                + " FROM ("
                                + violations
                                + ") AS v ANY LEFT JOIN (SELECT customer_id, grid_id FROM customer_directory FINAL)"
                                + " AS grids USING customer_id GROUP BY grid ORDER BY violations DESC, grid");
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("notice-rule violations", Svg.number(sum(grids, "violations")));
        figures.put("caught at the order", Svg.number(sum(grids, "at_order")));
        figures.put("found at the execution", Svg.number(sum(grids, "at_execution")));
        figures.put("customers affected", Svg.number(sum(grids, "customers")));
        html.figures(figures);
        html.note(
                "A cut-off for arrears needs a disconnection notice delivered at least 30 minutes"
                        + " (reconnect.notice.min.lead) and at most 7 days before. Checked when the"
                        + " cut-off is ordered (it can still be stopped) and when it is executed;"
                        + " verdicts withdrawn by a notice that arrived late are left out"
                        + " (notice_rule_violations FINAL, UTC month).");
        if (grids.isEmpty()) {
            html.note("No cut-off broke the notice rule in " + month + ".");
            return;
        }
        html.table(
                List.of(
                        "grid",
                        "violations",
                        "at the order",
                        "at the execution",
                        "customers",
                        "no notice",
                        "not delivered",
                        "too soon",
                        "notice too old"),
                grids.stream()
                        .map(
                                g ->
                                        List.of(
                                                g.get("grid"),
                                                Svg.number(d(g, "violations")),
                                                Svg.number(d(g, "at_order")),
                                                Svg.number(d(g, "at_execution")),
                                                Svg.number(d(g, "customers")),
                                                Svg.number(d(g, "no_notice")),
                                                Svg.number(d(g, "not_delivered")),
                                                Svg.number(d(g, "too_soon")),
                                                Svg.number(d(g, "too_old"))))
                        .toList());
        html.svg(
                Svg.bars(
                        grids.stream()
                                .map(g -> new Svg.Bar(g.get("grid"), d(g, "violations")))
                                .toList(),
                        "",
                        null,
                        false));
        List<Map<String, String>> newest =
                ch.rows(
                        "SELECT toString(checked_at) AS at, stage, customer_id, rule, evidence FROM ("
                                + violations
                                + ") AS v ORDER BY checked_at DESC, customer_id LIMIT 15");
        html.table(
                List.of("checked at (UTC)", "stage", "customer", "rule", "evidence"),
                newest.stream()
                        .map(
                                r ->
                                        List.of(
                                                r.get("at"),
                                                r.get("stage"),
                                                r.get("customer_id"),
                                                r.get("rule"),
                                                r.get("evidence")))
                        .toList());
    }

    // ------------------------------------------------------------------ high bills

    /** High-bill alerts decided in the month, sent and withheld, per grid. */
    static void highBills(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("High-bill alerts (highbill job)");
        List<Map<String, String>> grids =
                ch.rows(
                        "SELECT grid_id AS grid, count() AS alerts, sum(sent) AS sent_alerts,"
                                + " count() - sum(sent) AS withheld,"
                                + " round(avg(toFloat64(projected_bill) / greatest(toFloat64(base_bill), 0.01) - 1) * 100, 1) AS mean_rise_pct"
                                + " FROM high_bill_alerts FINAL"
                                + " WHERE created_at >= "
                                + start(month)
                                + " AND created_at < "
                                + start(month.plusMonths(1))
                                + " GROUP BY grid ORDER BY alerts DESC, grid");
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("high-bill alerts", Svg.number(sum(grids, "alerts")));
        figures.put("sent by SMS / WeChat", Svg.number(sum(grids, "sent_alerts")));
        figures.put("withheld (opted out, no binding)", Svg.number(sum(grids, "withheld")));
        html.figures(figures);
        html.note(
                "Alerts created in "
                        + month
                        + " (UTC), one per customer and billing period: the projected bill of the"
                        + " running period against the same period last year or the segment's typical"
                        + " bill (high_bill_alerts FINAL).");
        if (grids.isEmpty()) {
            html.note("No high-bill alert was created in " + month + ".");
            return;
        }
        html.table(
                List.of("grid", "alerts", "sent", "withheld", "mean projected rise"),
                grids.stream()
                        .map(
                                g ->
                                        List.of(
                                                g.get("grid"),
                                                Svg.number(d(g, "alerts")),
                                                Svg.number(d(g, "sent_alerts")),
                                                Svg.number(d(g, "withheld")),
                                                Svg.number(d(g, "mean_rise_pct")) + " %"))
                        .toList());
        html.svg(
                Svg.bars(
                        grids.stream()
                                .map(g -> new Svg.Bar(g.get("grid"), d(g, "sent_alerts")))
                                .toList(),
                        " sent",
                        null,
                        true));
    }

    /**
     * Bill-dispute complaints opened in the month per grid, from customers who were sent a
     * high-bill alert for the bill in dispute and from those who were not (query {@code
     * high_bill_dispute_complaints}).
     */
    static void disputesOfAlerted(Html html, ClickHouseQueries ch, YearMonth month) {
        html.heading("Bill-dispute complaints: alerted vs not alerted customers");
        List<Map<String, String>> grids =
                ch.rows(
                        "SELECT * FROM ("
                                + SqlResources.query("high_bill_dispute_complaints")
                                + ") WHERE month = "
                                + date(month)
                                + " ORDER BY billing_complaints DESC, grid");
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("bill-dispute complaints", Svg.number(sum(grids, "billing_complaints")));
        figures.put("from alerted customers", Svg.number(sum(grids, "from_alerted")));
        figures.put("from customers not alerted", Svg.number(sum(grids, "from_not_alerted")));
        html.figures(figures);
        html.note(
                "BILLING complaints and reports opened in "
                        + month
                        + " (local time), by the grid they were dispatched to. Alerted: the customer"
                        + " was sent a high-bill alert for the billing period whose bill was the"
                        + " newest when the complaint was opened; withheld alerts reached nobody and"
                        + " count as not alerted.");
        if (grids.isEmpty()) {
            html.note("No bill-dispute complaint was opened in " + month + ".");
            return;
        }
        html.table(
                List.of(
                        "grid",
                        "complaints",
                        "from alerted",
                        "from not alerted",
                        "alerted complainants",
                        "other complainants"),
                grids.stream()
                        .map(
                                g ->
                                        List.of(
                                                g.get("grid"),
                                                Svg.number(d(g, "billing_complaints")),
                                                Svg.number(d(g, "from_alerted")),
                                                Svg.number(d(g, "from_not_alerted")),
                                                Svg.number(d(g, "alerted_complainants")),
                                                Svg.number(d(g, "not_alerted_complainants"))))
                        .toList());
    }

    // ------------------------------------------------------------------ helpers

    static String date(YearMonth month) {
        return "toDate('" + month.atDay(1) + "')";
    }

    private static String start(YearMonth month) {
        return "toDateTime('" + month.atDay(1) + " 00:00:00', 'UTC')";
    }

    private static double d(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isEmpty() || "null".equals(v) || "nan".equalsIgnoreCase(v)
                ? 0
                : Double.parseDouble(v);
    }

    private static double sum(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToDouble(r -> d(r, column)).sum();
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String pct(double numerator, double denominator) {
        return denominator <= 0 ? "–" : Svg.number(round2(100 * numerator / denominator)) + " %";
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + Svg.number(v);
    }

    private static String mark(boolean bad, String text) {
        return bad ? "!" + text : text;
    }

    /** Rank among the grids, lower values first (1 = fewest), ties sharing the better rank. */
    private static int rank(List<Map<String, String>> all, Map<String, String> g, String column) {
        double v = d(g, column);
        return 1 + (int) all.stream().filter(o -> d(o, column) < v).count();
    }

    /** A KPI's value for a person: rates and shares in %, seconds in hours. */
    static String format(String kpi, double value) {
        if (kpi.endsWith("_rate") || kpi.endsWith("_share")) {
            return Svg.number(round2(100 * value)) + " %";
        }
        if (kpi.endsWith("_s")) {
            return Svg.number(round2(value / 3600)) + " h";
        }
        return Svg.number(round2(value));
    }
}
