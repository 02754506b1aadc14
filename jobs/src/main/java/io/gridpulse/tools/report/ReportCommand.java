package io.gridpulse.tools.report;

import io.gridpulse.GridPulse;
import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.reconnect.ReconnectKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./gridpulse report month [YYYY-MM]} and {@code ./gridpulse report dispute <customer>}:
 * writes a self-contained HTML report and its PDF (headless Chromium) and prints the paths. Exit 2
 * for an unknown month or customer, before anything is written.
 *
 * <p>Arguments: {@code [--config FILE] [--out DIR] [--no-pdf] month [YYYY-MM] | dispute CUSTOMER}.
 */
public final class ReportCommand {

    private ReportCommand() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args), System.out, System.err);
        } catch (ConfigException e) {
            System.err.println("gridpulse: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("gridpulse: report failed: " + e);
            code = 1;
        }
        System.exit(code);
    }

    /** The files one report run wrote. */
    public record Written(Path html, Path pdf) {}

    static int run(List<String> arguments, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        List<String> rest = new ArrayList<>(arguments);
        Path config = option(rest, "--config");
        Path dir = option(rest, "--out");
        boolean pdf = !rest.remove("--no-pdf");
        GridPulseConfig settings = GridPulseConfig.load(config, GridPulse.keys());
        Written written =
                write(
                        settings,
                        dir == null ? Path.of(".local/reports") : dir,
                        rest,
                        pdf,
                        Instant.now());
        out.println(written.html().toAbsolutePath());
        if (written.pdf() != null) {
            out.println(written.pdf().toAbsolutePath());
        }
        return 0;
    }

    /**
     * Writes the report {@code command} asks for into {@code dir}; throws ConfigException for an
     * unknown month or customer.
     */
    public static Written write(
            GridPulseConfig config, Path dir, List<String> command, boolean pdf, Instant now)
            throws IOException, InterruptedException {
        if (command.isEmpty()) {
            throw new ConfigException("usage: report month [YYYY-MM] | report dispute <customer>");
        }
        String html;
        String name;
        try (var ch =
                ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-report")) {
            switch (command.get(0)) {
                case "month" -> {
                    List<YearMonth> months = MonthlyReport.months(ch);
                    if (months.isEmpty()) {
                        throw new ConfigException(
                                "no month has data yet: interval_consumption is empty");
                    }
                    YearMonth month =
                            command.size() > 1
                                    ? parseMonth(command.get(1))
                                    : months.get(months.size() - 1);
                    if (!months.contains(month)) {
                        throw new ConfigException(
                                "no data for month "
                                        + month
                                        + "; months with data: "
                                        + months.stream()
                                                .map(YearMonth::toString)
                                                .collect(Collectors.joining(", ")));
                    }
                    html =
                            MonthlyReport.render(
                                    ch, month, config.get(ReconnectKeys.RECONNECT_TARGET), now);
                    name = "gridpulse-month-" + month;
                }
                case "dispute" -> {
                    if (command.size() < 2) {
                        throw new ConfigException("usage: report dispute <customer>");
                    }
                    String customerId = command.get(1);
                    Map<String, String> customer =
                            DisputeReport.customer(ch, customerId)
                                    .orElseThrow(
                                            () ->
                                                    new ConfigException(
                                                            "unknown customer '"
                                                                    + customerId
                                                                    + "': not in customer_directory"));
                    html = DisputeReport.render(ch, customer, now);
                    name = "gridpulse-dispute-" + customerId.replaceAll("[^A-Za-z0-9_-]", "_");
                }
                default ->
                        throw new ConfigException(
                                "unknown report '" + command.get(0) + "' (month, dispute)");
            }
        }
        Files.createDirectories(dir);
        Path htmlFile = dir.resolve(name + ".html");
        Files.writeString(htmlFile, html, StandardCharsets.UTF_8);
        Path pdfFile = pdf ? Chromium.pdf(htmlFile, dir.resolve(name + ".pdf")) : null;
        return new Written(htmlFile, pdfFile);
    }

    private static YearMonth parseMonth(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigException("month '" + text + "' is not YYYY-MM");
        }
    }

    private static Path option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new ConfigException(name + " needs a value");
        }
        Path value = Path.of(args.remove(i + 1));
        args.remove(i);
        return value;
    }
}
