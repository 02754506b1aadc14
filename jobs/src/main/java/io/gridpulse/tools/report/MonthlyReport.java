package io.gridpulse.tools.report;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monthly review for the management meeting: per grid, the complaint and service KPIs of the
 * service-KPI job ranked against each other and their targets, the trend over the previous months,
 * the worst grids' complaint mix, reconnect timeliness, notice-rule violations and high-bill alerts
 * ({@link MonthlyServiceSections}), then metering quality and contact data.
 */
final class MonthlyReport {

    static final double BINDING_TARGET = 90;
    static final double CONTACT_TARGET = 90;
    static final double COLLECTION_TARGET = 98;

    private MonthlyReport() {}

    /** Months with interval consumption, oldest first, as YYYY-MM. */
    static List<YearMonth> months(ClickHouseQueries ch) {
        return ch
                .rows(
                        "SELECT DISTINCT toString(toYYYYMM(interval_end)) AS m FROM interval_consumption FINAL WHERE superseded = 0 ORDER BY m")
                .stream()
                .map(
                        r ->
                                YearMonth.of(
                                        Integer.parseInt(r.get("m").substring(0, 4)),
                                        Integer.parseInt(r.get("m").substring(4))))
                .toList();
    }

    static String render(ClickHouseQueries ch, YearMonth month, Instant now) {
        return render(ch, month, Duration.ofHours(1), now);
    }

    /**
     * The report of {@code month}; {@code reconnectTarget} is the reconnect job's {@code
     * reconnect.target}, the line the reconnect times are held against.
     */
    static String render(
            ClickHouseQueries ch, YearMonth month, Duration reconnectTarget, Instant now) {
        String start = "toDateTime('" + month.atDay(1) + " 00:00:00', 'UTC')";
        String end = "toDateTime('" + month.plusMonths(1).atDay(1) + " 00:00:00', 'UTC')";
        String inMonth = "interval_end >= " + start + " AND interval_end < " + end;
        // the part of the month the data covers: a month still running, or history starting
        // mid-month
        Map<String, String> coverage =
                ch.rows(
                                "SELECT toString(min(interval_start)) AS first, toString(max(interval_end)) AS last,"
                                        + " toUInt32(max(interval_end)) - toUInt32(greatest(min(interval_start), "
                                        + start
                                        + ")) AS seconds,"
                                        + " count() AS intervals, sum(kwh) AS kwh, uniqExact(meter_id) AS meters"
                                        + " FROM interval_consumption FINAL WHERE superseded = 0 AND "
                                        + inMonth)
                        .get(0);
        long seconds = Math.max(Long.parseLong(coverage.get("seconds")), 1);
        long cases =
                Long.parseLong(
                        ch.value(
                                "SELECT count() FROM consumption_anomalies FINAL WHERE read_time >= "
                                        + start
                                        + " AND read_time < "
                                        + end));

        List<Map<String, String>> grids =
                ch.rows(
                        "SELECT grid_id, meters, bound_pct, contact_pct, expected, received, estimated, cases FROM ("
                                + " SELECT grid_id, meters, bound_pct, contact_pct, expected, received, estimated FROM ("
                                + "  SELECT grid_id, count() AS meters, round(100 * avg(sms OR wechat), 1) AS bound_pct,"
                                + "   round(100 * avg(verified), 1) AS contact_pct, sum("
                                + seconds
                                + " / 60 / cadence) AS expected"
                                + "  FROM (SELECT customer_id, argMax(grid_id, version) AS grid_id, argMax(active, version) AS active,"
                                + "   argMax(sms_bound, version) AS sms, argMax(wechat_bound, version) AS wechat,"
                                + "   argMax(contact_verified, version) AS verified, argMax(read_interval_minutes, version) AS cadence"
                                + "   FROM customer_directory WHERE updated_at < "
                                + end
                                + " GROUP BY customer_id)"
                                + "  WHERE active = 1 GROUP BY grid_id) AS planned"
                                + " ANY LEFT JOIN (SELECT grid_id, count() AS received, countIf(source = 'ESTIMATED') AS estimated"
                                + "  FROM interval_consumption FINAL WHERE superseded = 0 AND "
                                + inMonth
                                + " GROUP BY grid_id) AS measured USING grid_id) AS metering"
                                + " ANY LEFT JOIN (SELECT grid_id, count() AS cases FROM consumption_anomalies FINAL"
                                + "  WHERE read_time >= "
                                + start
                                + " AND read_time < "
                                + end
                                + " GROUP BY grid_id) AS anomalies USING grid_id"
                                + " ORDER BY grid_id");

        Html html =
                new Html(
                        "GridPulse monthly review " + month,
                        "Service-quality KPIs per service grid, ranked against each other and against the targets. Data from "
                                + coverage.get("first")
                                + " to "
                                + coverage.get("last")
                                + " UTC.");
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("meters reporting", Svg.number(Double.parseDouble(coverage.get("meters"))));
        figures.put("interval reads", Svg.number(Double.parseDouble(coverage.get("intervals"))));
        figures.put("energy measured (kWh)", Svg.number(Double.parseDouble(coverage.get("kwh"))));
        figures.put("consumption cases", Svg.number(cases));
        figures.put("grids", Svg.number(grids.size()));
        html.heading("The month in figures").figures(figures);

        // the service-KPI, reconnect and highbill jobs' tables
        MonthlyServiceSections.complaints(html, ch, month);
        MonthlyServiceSections.ranking(html, ch, month);
        MonthlyServiceSections.trend(html, ch, month);
        MonthlyServiceSections.complaintMix(html, ch, month);
        MonthlyServiceSections.reconnects(html, ch, month, reconnectTarget);
        MonthlyServiceSections.noticeRule(html, ch, month);
        MonthlyServiceSections.highBills(html, ch, month);
        MonthlyServiceSections.disputesOfAlerted(html, ch, month);

        List<GridKpis> kpis = grids.stream().map(GridKpis::of).toList();
        html.heading("Grid ranking: metering quality and contact data");
        html.note(
                "Rank 1 is best. Collection rate = interval reads received / reads the meters' cadences schedule over the covered period (target "
                        + Svg.number(COLLECTION_TARGET)
                        + " %). Binding = customers reachable by SMS or WeChat (target 90 %). Red: misses the target.");
        List<List<String>> rows = new ArrayList<>();
        for (GridKpis g : kpis) {
            rows.add(
                    List.of(
                            g.grid(),
                            Svg.number(g.meters()),
                            mark(
                                    g.collectionPct() < COLLECTION_TARGET,
                                    Svg.number(g.collectionPct()) + " %"),
                            "#" + rank(kpis, g, GridKpis::collectionPct, true),
                            Svg.number(g.estimatedPct()) + " %",
                            "#" + rank(kpis, g, GridKpis::estimatedPct, false),
                            Svg.number(g.casesPer1000()),
                            "#" + rank(kpis, g, GridKpis::casesPer1000, false),
                            mark(g.boundPct() < BINDING_TARGET, Svg.number(g.boundPct()) + " %"),
                            "#" + rank(kpis, g, GridKpis::boundPct, true),
                            mark(
                                    g.contactPct() < CONTACT_TARGET,
                                    Svg.number(g.contactPct()) + " %"),
                            "#" + rank(kpis, g, GridKpis::contactPct, true)));
        }
        html.table(
                List.of(
                        "grid",
                        "meters",
                        "collection",
                        "rank",
                        "estimated reads",
                        "rank",
                        "cases / 1,000 meters",
                        "rank",
                        "SMS/WeChat bound",
                        "rank",
                        "contact verified",
                        "rank"),
                rows);

        html.heading("SMS / WeChat binding per grid against the 90 % target");
        html.svg(
                Svg.bars(
                        kpis.stream().map(g -> new Svg.Bar(g.grid(), g.boundPct())).toList(),
                        " %",
                        BINDING_TARGET,
                        true));
        html.heading("Collection success rate per grid");
        html.svg(
                Svg.bars(
                        kpis.stream().map(g -> new Svg.Bar(g.grid(), g.collectionPct())).toList(),
                        " %",
                        COLLECTION_TARGET,
                        true));
        html.heading("Consumption cases per 1,000 meters");
        html.svg(
                Svg.bars(
                        kpis.stream().map(g -> new Svg.Bar(g.grid(), g.casesPer1000())).toList(),
                        "",
                        null,
                        false));

        html.heading("Cases by rule");
        List<Map<String, String>> byRule =
                ch.rows(
                        "SELECT rule, count() AS cases FROM consumption_anomalies FINAL WHERE read_time >= "
                                + start
                                + " AND read_time < "
                                + end
                                + " GROUP BY rule ORDER BY cases DESC, rule");
        html.svg(
                Svg.bars(
                        byRule.stream()
                                .map(
                                        r ->
                                                new Svg.Bar(
                                                        r.get("rule"),
                                                        Double.parseDouble(r.get("cases"))))
                                .toList(),
                        "",
                        null,
                        false));

        html.heading("Energy and estimated reads: this month against the previous five");
        String trendStart = "toDateTime('" + month.minusMonths(5).atDay(1) + " 00:00:00', 'UTC')";
        List<Map<String, String>> trend =
                ch.rows(
                        "SELECT toString(toYYYYMM(interval_end)) AS m, sum(kwh) AS kwh, round(100 * countIf(source = 'ESTIMATED') / count(), 3) AS estimated_pct"
                                + " FROM interval_consumption FINAL WHERE superseded = 0 AND interval_end >= "
                                + trendStart
                                + " AND interval_end < "
                                + end
                                + " GROUP BY m ORDER BY m");
        html.svg(
                Svg.columns(
                        trend.stream()
                                .map(r -> new Svg.Bar(r.get("m"), Double.parseDouble(r.get("kwh"))))
                                .toList(),
                        " kWh",
                        null,
                        null));
        html.table(
                List.of("month", "energy (kWh)", "estimated reads"),
                trend.stream()
                        .map(
                                r ->
                                        List.of(
                                                r.get("m"),
                                                Svg.number(Double.parseDouble(r.get("kwh"))),
                                                r.get("estimated_pct") + " %"))
                        .toList());
        return html.render(now);
    }

    /** 202603 -> 2026-03 */
    private static String monthLabel(String yyyymm) {
        return yyyymm.substring(0, 4) + "-" + yyyymm.substring(4);
    }

    private static String mark(boolean bad, String text) {
        return bad ? "!" + text : text;
    }

    private static int rank(
            List<GridKpis> all,
            GridKpis g,
            java.util.function.ToDoubleFunction<GridKpis> kpi,
            boolean higherIsBetter) {
        double v = kpi.applyAsDouble(g);
        return 1
                + (int)
                        all.stream()
                                .filter(
                                        o ->
                                                higherIsBetter
                                                        ? kpi.applyAsDouble(o) > v
                                                        : kpi.applyAsDouble(o) < v)
                                .count();
    }

    /** One grid's KPIs for the month. */
    record GridKpis(
            String grid,
            long meters,
            double collectionPct,
            double estimatedPct,
            double casesPer1000,
            double boundPct,
            double contactPct) {
        static GridKpis of(Map<String, String> r) {
            long meters = Long.parseLong(r.get("meters"));
            double expected = Double.parseDouble(r.get("expected"));
            long received = Long.parseLong(r.get("received"));
            return new GridKpis(
                    r.get("grid_id"),
                    meters,
                    round(expected <= 0 ? 0 : Math.min(100, 100.0 * received / expected)),
                    round(
                            received == 0
                                    ? 0
                                    : 100.0 * Long.parseLong(r.get("estimated")) / received),
                    round(meters == 0 ? 0 : 1000.0 * Long.parseLong(r.get("cases")) / meters),
                    Double.parseDouble(r.get("bound_pct")),
                    Double.parseDouble(r.get("contact_pct")));
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }
}
