package io.gridpulse.tools.dashboards;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a panel's SQL the way Grafana and the ClickHouse plugin do before it reaches the server:
 * template variables ({@code ${var:singlequote}}) from given values, then the plugin's time macros
 * ({@code $__timeFilter(col)}, {@code $__dateFilter(col)}, {@code $__fromTime}, {@code $__toTime})
 * for a given range. {@code $__dateFilter} compares with the range's UTC dates, as the plugin's
 * back end does ({@code col >= toDate('2026-03-01') AND col <= toDate('2026-03-03')}).
 */
public final class GrafanaSql {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(?!__)(\\w+)");
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern DATE_FILTER = Pattern.compile("\\$__dateFilter\\(([^)]+)\\)");

    private GrafanaSql() {}

    public static String expand(
            String sql, Map<String, List<String>> variables, Instant from, Instant to) {
        Matcher v = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (v.find()) {
            String name = v.group(1) != null ? v.group(1) : v.group(3);
            List<String> values = variables.get(name);
            if (values == null) {
                throw new IllegalArgumentException(
                        "no value for variable $" + name + " in\n" + sql);
            }
            String format = v.group(2);
            String replacement =
                    "singlequote".equals(format) || format == null
                            ? values.stream()
                                    .map(GrafanaSql::quote)
                                    .collect(Collectors.joining(","))
                            : String.join(",", values);
            v.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        v.appendTail(out);
        String from_ = "toDateTime(" + from.getEpochSecond() + ")";
        String to_ = "toDateTime(" + to.getEpochSecond() + ")";
        String expanded =
                TIME_FILTER
                        .matcher(out.toString())
                        .replaceAll(
                                m ->
                                        Matcher.quoteReplacement(
                                                m.group(1)
                                                        + " >= "
                                                        + from_
                                                        + " AND "
                                                        + m.group(1)
                                                        + " <= "
                                                        + to_));
        String fromDate = "toDate('" + from.atZone(ZoneOffset.UTC).toLocalDate() + "')";
        String toDate = "toDate('" + to.atZone(ZoneOffset.UTC).toLocalDate() + "')";
        expanded =
                DATE_FILTER
                        .matcher(expanded)
                        .replaceAll(
                                m ->
                                        Matcher.quoteReplacement(
                                                m.group(1)
                                                        + " >= "
                                                        + fromDate
                                                        + " AND "
                                                        + m.group(1)
                                                        + " <= "
                                                        + toDate));
        expanded = expanded.replace("$__fromTime", from_).replace("$__toTime", to_);
        if (expanded.contains("$__")) {
            throw new IllegalArgumentException("a macro this test cannot expand in\n" + expanded);
        }
        return expanded;
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
