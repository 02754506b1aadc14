package io.gridpulse.tools.report;

import io.gridpulse.GridPulse;
import io.gridpulse.cli.Cli;
import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.reconnect.ReconnectKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./gridpulse report month [YYYY-MM]} and {@code ./gridpulse report dispute <customer>}:
 * writes a self-contained HTML report and its PDF (headless Chromium) and prints the paths. Exit 2
 * for an unknown month or customer, before anything is written.
 */
@Command(
        name = "report",
        description =
                "The monthly review or one customer's bill-dispute evidence, as self-contained HTML"
                        + " and PDF; prints the paths of the files written.",
        footer = {
            "",
            "Example:",
            "  ./gridpulse report month 2026-03",
            "  ./gridpulse report dispute C0000042"
        })
public final class ReportCommand {

    @Mixin private Cli.Help help;
    @Spec private CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = ".local/reports",
            description = "where the files go (default ${DEFAULT-VALUE})")
    private Path dir;

    @Option(names = "--no-pdf", description = "write the HTML only")
    private boolean noPdf;

    /** The files one report run wrote. */
    public record Written(Path html, Path pdf) {}

    @Command(
            name = "month",
            description = "The monthly review of a month (default: the last month with data).",
            footer = {"", "Example:", "  ./gridpulse report month 2026-03"})
    int month(
            @Mixin Cli.Help help,
            @Parameters(arity = "0..1", paramLabel = "YYYY-MM", description = "the month")
                    String month)
            throws IOException, InterruptedException {
        return print(month == null ? List.of("month") : List.of("month", month));
    }

    @Command(
            name = "dispute",
            description = "The evidence for one customer's bill dispute.",
            footer = {"", "Example:", "  ./gridpulse report dispute C0000042"})
    int dispute(
            @Mixin Cli.Help help,
            @Parameters(paramLabel = "CUSTOMER", description = "the customer id") String customer)
            throws IOException, InterruptedException {
        return print(List.of("dispute", customer));
    }

    private int print(List<String> command) throws IOException, InterruptedException {
        Written written = write(GridPulse.config(spec), dir, command, !noPdf, Instant.now());
        System.out.println(written.html().toAbsolutePath());
        if (written.pdf() != null) {
            System.out.println(written.pdf().toAbsolutePath());
        }
        return Cli.OK;
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
}
