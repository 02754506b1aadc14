package io.gridpulse.tools.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.common.config.ConfigException;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly review and the dispute evidence, rendered by headless Chromium from a simulated
 * city's results: the PDF's text holds the figures ClickHouse holds, the screenshot is not blank,
 * the HTML fetches nothing, and an unknown month or customer is refused.
 */
@Timeout(300)
class ReportITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    @TempDir static Path tmp;
    private static TestStack stack;

    @BeforeAll
    static void cityThroughTheJobs() throws Exception {
        stack = TestStack.fresh("reports", tmp.resolve("checkpoints"), Map.of());
        SimulatedCity.feed(stack, 150, 2);
        JobRuns.untilIdle(stack.config(), DirectoryJob.JOB);
        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);
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
                            "SELECT uniqExact(meter_id) FROM interval_consumption FINAL WHERE toYYYYMM(interval_end) = 202603");
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
    }

    @Test
    void shouldPrintTheCustomersEvidenceIntoThePdf() throws Exception {
        String customer;
        String kwh;
        try (var ch = stack.clickHouse()) {
            customer =
                    ch.value(
                            "SELECT customer_id FROM consumption_anomalies FINAL WHERE customer_id != '' GROUP BY customer_id ORDER BY count() DESC, customer_id LIMIT 1");
            kwh =
                    ch.value(
                            "SELECT toString(sum(kwh)) FROM interval_consumption FINAL WHERE customer_id = '"
                                    + customer
                                    + "'");
        }
        Path out = tmp.resolve("dispute");
        var written =
                ReportCommand.write(
                        stack.config(), out, List.of("dispute", customer), true, Instant.now());
        String text = pdfText(written.pdf());
        assertThat(text)
                .contains("Bill dispute evidence: customer " + customer)
                .contains(Svg.number(Double.parseDouble(kwh)))
                .contains("Anomaly cases");
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
