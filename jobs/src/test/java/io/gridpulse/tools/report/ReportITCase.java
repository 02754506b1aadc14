package io.gridpulse.tools.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.TicketCategory;
import io.gridpulse.schema.TicketKind;
import io.gridpulse.servicekpi.ServiceKpiJob;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly review and the dispute evidence, rendered by headless Chromium from a simulated
 * city's results (directory, consumption, reconnect and service-KPI jobs): the PDF's text holds the
 * figures ClickHouse holds, section by section, the screenshot is not blank, the HTML fetches
 * nothing, and an unknown month or customer is refused.
 */
@Timeout(600)
class ReportITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    @TempDir static Path tmp;
    private static TestStack stack;

    @BeforeAll
    static void cityThroughTheJobs() throws Exception {
        stack = TestStack.fresh("reports", tmp.resolve("checkpoints"), Map.of());
        // a city with complaints, cleared arrears cases and notice violations in March (with the
        // simulated outages, 200 meters over 2 days no longer had a complaint)
        SimulatedCity.feed(stack, 300, 3);
        for (var job :
                List.of(
                        DirectoryJob.JOB,
                        ConsumptionJob.JOB,
                        ReconnectJob.JOB,
                        ServiceKpiJob.JOB)) {
            JobRuns.untilIdle(stack.config(), job);
        }
        // two days have no high bill yet: three alerts of one grid, one written twice (the newer
        // version sent it), as a replay would, so the section must count 3 alerts, 2 sent
        try (var ch = stack.clickHouse()) {
            ch.execute(
                    "INSERT INTO high_bill_alerts (notification_id, customer_id, grid_id, segment, period,"
                            + " period_start, period_end, projected_bill, base_bill, base_source, projected_kwh,"
                            + " reason, channel, sent, decided_at, created_at, version) VALUES"
                            + " ('HB-T1-2026-03', 'T1', 'G-HB-TEST', 'RESIDENT', '2026-03', '2026-03-01', '2026-04-01',"
                            + "  260, 200, 'LAST_YEAR', 500, 'test', 'NONE', 0, '2026-03-03 08:00:00', '2026-03-03 09:00:00', 1),"
                            + " ('HB-T2-2026-03', 'T2', 'G-HB-TEST', 'RESIDENT', '2026-03', '2026-03-01', '2026-04-01',"
                            + "  300, 200, 'LAST_YEAR', 600, 'test', 'SMS', 1, '2026-03-03 08:00:00', '2026-03-03 09:00:00', 1),"
                            + " ('HB-T3-2026-03', 'T3', 'G-HB-TEST', 'RESIDENT', '2026-03', '2026-03-01', '2026-04-01',"
                            + "  280, 200, 'SEGMENT', 550, 'test', 'NONE', 0, '2026-03-03 08:00:00', '2026-03-03 09:00:00', 1)");
            ch.execute(
                    "INSERT INTO high_bill_alerts (notification_id, customer_id, grid_id, segment, period,"
                            + " period_start, period_end, projected_bill, base_bill, base_source, projected_kwh,"
                            + " reason, channel, sent, decided_at, created_at, version) VALUES"
                            + " ('HB-T1-2026-03', 'T1', 'G-HB-TEST', 'RESIDENT', '2026-03', '2026-03-01', '2026-04-01',"
                            + "  260, 200, 'LAST_YEAR', 500, 'test', 'WECHAT', 1, '2026-03-03 08:00:00', '2026-03-03 09:00:00', 2)");
            // bill disputes of alerted and not alerted customers, on top of the city's own tickets:
            // T4 was sent an alert for February (its bill the newest in March), T5's was withheld,
            // T6's February period ends only on 10 March, T7 had none
            ch.execute(
                    "INSERT INTO high_bill_alerts (notification_id, customer_id, grid_id, segment, period,"
                            + " period_start, period_end, projected_bill, base_bill, base_source, projected_kwh,"
                            + " reason, channel, sent, decided_at, created_at, version) VALUES"
                            + " ('HB-T4-2026-02', 'T4', 'G-HB-TEST', 'RESIDENT', '2026-02', '2026-02-01', '2026-03-01',"
                            + "  300, 200, 'LAST_YEAR', 600, 'test', 'SMS', 1, '2026-02-15 08:00:00', '2026-02-15 08:00:00', 1),"
                            + " ('HB-T5-2026-02', 'T5', 'G-HB-TEST', 'RESIDENT', '2026-02', '2026-02-01', '2026-03-01',"
                            + "  300, 200, 'LAST_YEAR', 600, 'test', 'NONE', 0, '2026-02-15 08:00:00', '2026-02-15 08:00:00', 1),"
                            + " ('HB-T6-2026-02', 'T6', 'G-HB-TEST', 'RESIDENT', '2026-02', '2026-02-10', '2026-03-10',"
                            + "  300, 200, 'LAST_YEAR', 600, 'test', 'SMS', 1, '2026-02-20 08:00:00', '2026-02-20 08:00:00', 1)");
            // K1 twice (dispatched in its newer revision); K6 is a consultation, K7 not about
            // billing
            ch.execute(
                    "INSERT INTO service_tickets (ticket_id, revision, customer_id, grid_id, channel, kind,"
                            + " category, opened_at, resolved, updated_at) VALUES"
                            + " ('K1', 0, 'T4', 'UNASSIGNED', 'HOTLINE_95598', 'COMPLAINT', 'BILLING', '2026-03-02 02:00:00', 0, '2026-03-02 02:00:00'),"
                            + " ('K1', 1, 'T4', 'G-HB-TEST', 'HOTLINE_95598', 'COMPLAINT', 'BILLING', '2026-03-02 02:00:00', 0, '2026-03-02 03:00:00'),"
                            + " ('K2', 0, 'T4', 'G-HB-TEST', 'APP', 'REPORT', 'BILLING', '2026-03-02 04:00:00', 0, '2026-03-02 04:00:00'),"
                            + " ('K3', 0, 'T5', 'G-HB-TEST', 'HOTLINE_95598', 'COMPLAINT', 'BILLING', '2026-03-02 04:00:00', 0, '2026-03-02 04:00:00'),"
                            + " ('K4', 0, 'T6', 'G-HB-TEST', 'HOTLINE_95598', 'COMPLAINT', 'BILLING', '2026-03-02 04:00:00', 0, '2026-03-02 04:00:00'),"
                            + " ('K5', 0, 'T7', 'G-HB-TEST', 'GRID_PHONE', 'COMPLAINT', 'BILLING', '2026-03-02 04:00:00', 0, '2026-03-02 04:00:00'),"
                            + " ('K6', 0, 'T4', 'G-HB-TEST', 'HOTLINE_95598', 'CONSULTATION', 'BILLING', '2026-03-02 04:00:00', 0, '2026-03-02 04:00:00'),"
                            + " ('K7', 0, 'T4', 'G-HB-TEST', 'HOTLINE_95598', 'COMPLAINT', 'METERING', '2026-03-02 04:00:00', 0, '2026-03-02 04:00:00')");
        }
    }

    /**
     * The March bill disputes per grid, computed here from the service-orders the city sent (latest
     * revision of each ticket; none of its customers was alerted) plus the hand-made tickets: T4's
     * two complaints are alerted, T5's (withheld alert), T6's (its alerted period not billed yet)
     * and T7's are not. Cells: complaints, from alerted, from not alerted, alerted complainants,
     * other complainants.
     */
    private static Map<String, List<String>> expectedMarchDisputes() throws Exception {
        AvroCodec<ServiceOrder> codec = AvroCodec.of(ServiceOrder.class);
        Map<String, ServiceOrder> latest = new HashMap<>();
        for (var record : stack.readAll(Topics.SERVICE_ORDERS)) {
            ServiceOrder o = codec.decode(record.value());
            latest.merge(o.getTicketId(), o, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Map<String, List<ServiceOrder>> byGrid = new TreeMap<>();
        for (ServiceOrder o : latest.values()) {
            boolean dispute =
                    o.getCategory() == TicketCategory.BILLING
                            && (o.getKind() == TicketKind.COMPLAINT
                                    || o.getKind() == TicketKind.REPORT);
            if (dispute
                    && YearMonth.from(o.getOpenedAt().atZone(shanghai))
                            .equals(YearMonth.of(2026, 3))) {
                byGrid.computeIfAbsent(
                                o.getGridId() == null ? "UNASSIGNED" : o.getGridId(),
                                g -> new ArrayList<>())
                        .add(o);
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        byGrid.forEach(
                (grid, tickets) ->
                        expected.put(
                                grid,
                                List.of(
                                        String.valueOf(tickets.size()),
                                        "0",
                                        String.valueOf(tickets.size()),
                                        "0",
                                        String.valueOf(
                                                tickets.stream()
                                                        .map(ServiceOrder::getCustomerId)
                                                        .filter(c -> c != null)
                                                        .distinct()
                                                        .count()))));
        expected.put("G-HB-TEST", List.of("5", "2", "3", "1", "3"));
        return expected;
    }

    @Test
    void shouldSplitTheBillDisputesByWhetherTheCustomerWasAlerted() throws Exception {
        Map<String, List<String>> computed = new TreeMap<>();
        try (var ch = stack.clickHouse()) {
            for (Map<String, String> r :
                    ch.rows(SqlResources.query("high_bill_dispute_complaints"))) {
                if (r.get("month").equals("2026-03-01")) {
                    computed.put(
                            r.get("grid"),
                            List.of(
                                    r.get("billing_complaints"),
                                    r.get("from_alerted"),
                                    r.get("from_not_alerted"),
                                    r.get("alerted_complainants"),
                                    r.get("not_alerted_complainants")));
                }
            }
        }
        Map<String, List<String>> expected = expectedMarchDisputes();
        System.out.println("bill disputes in March per grid: " + expected);
        assertThat(computed).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void shouldPrintTheMonthsFiguresIntoThePdf() throws Exception {
        Path out = tmp.resolve("month");
        var written =
                ReportCommand.write(stack.config(), out, List.of("month"), true, Instant.now());
        String cases;
        String meters;
        try (var ch = stack.clickHouse()) {
            cases =
                    ch.value(
                            "SELECT count() FROM consumption_anomalies FINAL WHERE toYYYYMM(read_time) = 202603");
            meters =
                    ch.value(
                            "SELECT uniqExact(meter_id) FROM interval_consumption FINAL WHERE superseded = 0 AND toYYYYMM(interval_end) = 202603");
        }
        assertThat(written.html().getFileName().toString())
                .isEqualTo("gridpulse-month-2026-03.html");
        String text = pdfText(written.pdf());
        assertThat(text)
                .contains("GridPulse monthly review 2026-03")
                .contains(String.format(Locale.ROOT, "%,d", Long.parseLong(cases)))
                .contains(String.format(Locale.ROOT, "%,d", Long.parseLong(meters)))
                .contains("Grid ranking")
                .contains("target 90 %");
        assertSelfContained(written.html());
        assertNotBlank(Chromium.screenshot(written.html(), out.resolve("month.png"), 1200, 1600));
        assertServiceSections(text, Files.readString(written.html(), StandardCharsets.UTF_8));
    }

    /**
     * The sections over the service-KPI and reconnect jobs' tables and the high-bill alerts: their
     * rows in the PDF hold what ClickHouse holds, computed here independently of the report.
     */
    private static void assertServiceSections(String pdf, String html) {
        assertThat(pdf)
                .contains("Complaint KPIs per grid")
                .contains("Grid ranking per KPI, with targets")
                .contains("Trend: complaint and service KPIs")
                .contains("Complaint mix of the 3 worst grids")
                .contains("Reconnect timeliness")
                .contains("Notice-rule violations")
                .contains("High-bill alerts");
        try (var ch = stack.clickHouse()) {
            String kpis =
                    " FROM grid_kpi_monthly FINAL WHERE period_start = toDate('2026-03-01')"
                            + " AND level = 'GRID' AND unit_id != 'UNASSIGNED'";
            // the grid with the most complaints per 10k customers: its row, its complaint count
            Map<String, String> worst =
                    ch.rows(
                                    "SELECT unit_id AS grid, value"
                                            + kpis
                                            + " AND kpi = 'complaints_per_10k' ORDER BY value DESC, grid LIMIT 1")
                            .get(0);
            String complaints =
                    ch.value(
                            "SELECT toString(value)"
                                    + kpis
                                    + " AND kpi = 'complaints' AND unit_id = '"
                                    + worst.get("grid")
                                    + "'");
            assertThat(Double.parseDouble(worst.get("value"))).isPositive();
            assertLine(
                    pdf,
                    worst.get("grid"),
                    Svg.number(Double.parseDouble(complaints)),
                    Svg.number(round2(Double.parseDouble(worst.get("value")))));
            // the month's trend row: all grids' complaints
            String total =
                    ch.value("SELECT toString(sum(value))" + kpis + " AND kpi = 'complaints'");
            assertLine(pdf, "2026-03", Svg.number(Double.parseDouble(total)));
            // the ranking: the best grid of contact_verified_rate and how many miss the 90 %
            Map<String, String> best =
                    ch.rows(
                                    "SELECT grid_id, value FROM grid_kpi_ranking WHERE period_start = toDate('2026-03-01')"
                                            + " AND kpi = 'contact_verified_rate' AND rank = 1")
                            .get(0);
            String missing =
                    ch.value(
                            "SELECT toString(countIf(value < assumeNotNull(target))) || ' of ' || toString(count())"
                                    + kpis
                                    + " AND kpi = 'contact_verified_rate'");
            assertLine(
                    pdf,
                    "contact_verified_rate",
                    "90 %",
                    best.get("grid_id"),
                    MonthlyServiceSections.format(
                            "contact_verified_rate", Double.parseDouble(best.get("value"))),
                    missing);
            // the worst grid's largest complaint category, as a segment of the stacked chart
            Map<String, String> category =
                    ch.rows(
                                    "SELECT replaceRegexpOne(kpi, '^complaints_', '') AS category, toString(value) AS n"
                                            + kpis
                                            + " AND better = 'NONE' AND kpi LIKE 'complaints_%' AND unit_id = '"
                                            + worst.get("grid")
                                            + "' ORDER BY value DESC, kpi LIMIT 1")
                            .get(0);
            assertThat(html)
                    .contains(
                            "<title>"
                                    + worst.get("grid")
                                    + ", "
                                    + category.get("category")
                                    + ": "
                                    + Svg.number(Double.parseDouble(category.get("n")))
                                    + "</title>");

            // reconnects: per grid, cases cleared in March and back on power, and the median
            List<Map<String, String>> reconnects =
                    ch.rows(
                            "SELECT grid_id, toString(count()) AS cleared, toString(countIf(reconnected_ms >= 0)) AS back,"
                                    + " toString(quantileExactIf(0.5)(intDiv(reconnected_ms - cleared_ms, 60000), reconnected_ms >= 0)) AS p50"
                                    + " FROM (SELECT customer_id, cleared_ms, reconnected_ms FROM reconnect_cases FINAL"
                                    + "  WHERE auto_reconnect = 1 AND cleared_ms >= 0 AND toYYYYMM(assumeNotNull(cleared_at)) = 202603) AS c"
                                    + " ANY LEFT JOIN (SELECT customer_id, grid_id FROM customer_directory FINAL) AS g"
                                    + " USING customer_id GROUP BY grid_id");
            assertThat(reconnects).as("cleared arrears cases in the test city").isNotEmpty();
            for (Map<String, String> r : reconnects) {
                if (Long.parseLong(r.get("back")) > 0) {
                    assertLine(
                            pdf,
                            r.get("grid_id"),
                            r.get("cleared"),
                            r.get("back"),
                            Svg.number(Double.parseDouble(r.get("p50"))));
                }
            }
            // notice-rule violations still standing, per grid: all, at the order, at the execution
            List<Map<String, String>> violations =
                    ch.rows(
                            "SELECT grid_id, toString(count()) AS n, toString(countIf(stage = 'ORDERED')) AS ordered,"
                                    + " toString(countIf(stage = 'EXECUTED')) AS executed"
                                    + " FROM (SELECT customer_id, stage FROM notice_rule_violations FINAL"
                                    + "  WHERE withdrawn = 0 AND toYYYYMM(checked_at) = 202603) AS v"
                                    + " ANY LEFT JOIN (SELECT customer_id, grid_id FROM customer_directory FINAL) AS g"
                                    + " USING customer_id GROUP BY grid_id");
            assertThat(violations).as("notice-rule violations in the test city").isNotEmpty();
            for (Map<String, String> v : violations) {
                assertLine(pdf, v.get("grid_id"), v.get("n"), v.get("ordered"), v.get("executed"));
            }
        }
        // the alerts written twice count once: 3 alerts, 2 sent, 1 withheld
        assertLine(pdf, "G-HB-TEST", "3", "2", "1");
        assertThat(pdf).contains("Bill-dispute complaints: alerted vs not alerted customers");
        try {
            expectedMarchDisputes()
                    .forEach(
                            (grid, cells) -> {
                                List<String> line = new ArrayList<>(List.of(grid));
                                line.addAll(cells);
                                assertLine(pdf, line.toArray(String[]::new));
                            });
        } catch (Exception e) {
            throw new AssertionError("cannot read the city's service orders", e);
        }
    }

    /** Some line of the PDF text holds these cells in this order (other cells may be between). */
    private static void assertLine(String pdf, String... cells) {
        StringBuilder regex = new StringBuilder("(?m)^.*");
        for (int i = 0; i < cells.length; i++) {
            regex.append(i == 0 ? "" : "\\s(?:.*\\s)?").append(Pattern.quote(cells[i]));
        }
        regex.append("(\\s.*)?$");
        assertThat(Pattern.compile(regex.toString()).matcher(pdf).find())
                .as("a line with " + List.of(cells) + " in the PDF text:\n" + pdf)
                .isTrue();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @Test
    void shouldPrintTheCustomersEvidenceIntoThePdf() throws Exception {
        String customer;
        String kwh;
        List<Map<String, String>> switches;
        try (var ch = stack.clickHouse()) {
            customer =
                    ch.value(
                            "SELECT customer_id FROM consumption_anomalies FINAL WHERE customer_id != '' GROUP BY customer_id"
                                    + " ORDER BY customer_id IN (SELECT customer_id FROM switch_events FINAL) DESC,"
                                    + " count() DESC, customer_id LIMIT 1");
            kwh =
                    ch.value(
                            "SELECT toString(sum(kwh)) FROM interval_consumption FINAL WHERE superseded = 0 AND customer_id = '"
                                    + customer
                                    + "'");
            switches =
                    ch.rows(
                            "SELECT toString(event_time) AS t, action, stage, reason FROM switch_events FINAL"
                                    + " WHERE customer_id = '"
                                    + customer
                                    + "' ORDER BY event_time");
        }
        Path out = tmp.resolve("dispute");
        var written =
                ReportCommand.write(
                        stack.config(), out, List.of("dispute", customer), true, Instant.now());
        String text = pdfText(written.pdf());
        assertThat(text)
                .contains("Bill dispute evidence: customer " + customer)
                .contains(Svg.number(Double.parseDouble(kwh)))
                .contains("Anomaly cases")
                .contains("Switch history")
                .contains("Payments");
        // the customer picked was cut off: every switch step is a row of the switch history
        assertThat(switches).isNotEmpty();
        for (Map<String, String> step : switches) {
            assertLine(
                    text, step.get("t"), step.get("action"), step.get("stage"), step.get("reason"));
        }
        assertSelfContained(written.html());
        assertNotBlank(Chromium.screenshot(written.html(), out.resolve("dispute.png"), 1200, 1600));
    }

    @Test
    void shouldRefuseAnUnknownMonthOrCustomer() {
        assertThatThrownBy(
                        () ->
                                ReportCommand.write(
                                        stack.config(),
                                        tmp.resolve("x"),
                                        List.of("month", "2031-01"),
                                        false,
                                        Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no data for month 2031-01")
                .hasMessageContaining("2026-03");
        assertThatThrownBy(
                        () ->
                                ReportCommand.write(
                                        stack.config(),
                                        tmp.resolve("x"),
                                        List.of("dispute", "NOBODY"),
                                        false,
                                        Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown customer 'NOBODY'");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    private static void assertSelfContained(Path html) throws Exception {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<svg")
                .doesNotContain("<script", "<link", "src=\"http", "url(http", "@import");
    }

    /** Some ink on the page: not a blank white screenshot. */
    private static void assertNotBlank(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    ink++;
                }
            }
        }
        assertThat(ink)
                .as("non-white pixels in " + png)
                .isGreaterThan((long) image.getWidth() * image.getHeight() / 4 / 100);
    }

    private static String pdfText(Path pdf) throws Exception {
        Process p =
                new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-")
                        .redirectErrorStream(true)
                        .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
