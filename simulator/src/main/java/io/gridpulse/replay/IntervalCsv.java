package io.gridpulse.replay;

import io.gridpulse.schema.ReadSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Energy per interval as CSV: a header line, then one interval per line. Required columns: {@code
 * meter_id}, {@code interval_end} (ISO-8601 with an offset, e.g. {@code 2026-03-02T10:30:00+10:00};
 * a local time only with {@code --zone}), {@code kwh} (the energy of the interval: a non-negative
 * decimal with at most three decimals) and {@code interval_minutes} (1 to 1440); optional: {@code
 * source} (AMI, MANUAL or ESTIMATED; default AMI). Columns in any order, quoted values, CRLF, blank
 * lines and a byte-order mark are fine. Line numbers count the header as line 1.
 */
final class IntervalCsv {

    static final List<String> REQUIRED =
            List.of("meter_id", "interval_end", "kwh", "interval_minutes");
    static final List<String> OPTIONAL = List.of("source");

    private static final Pattern KWH = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");
    private static final Pattern MINUTES = Pattern.compile("\\d{1,4}");
    private static final List<String> SOURCES = List.of("AMI", "MANUAL", "ESTIMATED");
    private static final long MINUTE_MS = 60_000;

    private IntervalCsv() {}

    /** Reads the file; every bad line is reported to {@code onProblem}. */
    static IntervalEnergy read(Path file, ZoneId zone, Consumer<String> onProblem)
            throws IOException {
        IntervalEnergy energy = new IntervalEnergy(column -> "kwh");
        Map<String, Integer> columns = new HashMap<>();
        boolean[] header = {true, true};
        CsvLines.read(
                file,
                (line, values) -> {
                    if (header[0]) {
                        header[0] = false;
                        header[1] =
                                CsvLines.header(
                                        line, values, REQUIRED, OPTIONAL, columns, onProblem);
                    } else if (header[1]) {
                        row(line, values, columns, zone, energy, onProblem);
                    }
                },
                onProblem);
        if (header[0]) {
            onProblem.accept("line 1: missing header line, expected " + String.join(",", REQUIRED));
        }
        return energy;
    }

    private static void row(
            int line,
            List<String> values,
            Map<String, Integer> columns,
            ZoneId zone,
            IntervalEnergy energy,
            Consumer<String> onProblem) {
        if (values.size() != columns.size()) {
            onProblem.accept(
                    "line "
                            + line
                            + ": expected "
                            + columns.size()
                            + " values as in the header, found "
                            + values.size());
            return;
        }
        String meterId = values.get(columns.get("meter_id"));
        String end = values.get(columns.get("interval_end"));
        String kwh = values.get(columns.get("kwh"));
        String minutes = values.get(columns.get("interval_minutes"));
        String source = columns.containsKey("source") ? values.get(columns.get("source")) : "";
        if (meterId.isEmpty()) {
            onProblem.accept("line " + line + ": meter_id '' is empty");
            return;
        }
        Instant endTime;
        try {
            endTime = Timestamps.parse(end, zone);
        } catch (Timestamps.BadValue e) {
            onProblem.accept("line " + line + ": interval_end '" + end + "' " + e.getMessage());
            return;
        }
        if (!KWH.matcher(kwh).matches()) {
            onProblem.accept(
                    "line "
                            + line
                            + ": kwh '"
                            + kwh
                            + "' is not a non-negative kWh value with at most 3 decimals");
            return;
        }
        int length = MINUTES.matcher(minutes).matches() ? Integer.parseInt(minutes) : 0;
        if (length < 1 || length > 1440) {
            onProblem.accept(
                    "line "
                            + line
                            + ": interval_minutes '"
                            + minutes
                            + "' is not a whole number of minutes from 1 to 1440");
            return;
        }
        if (!source.isEmpty() && !SOURCES.contains(source)) {
            onProblem.accept(
                    "line "
                            + line
                            + ": source '"
                            + source
                            + "' is not one of "
                            + String.join(", ", SOURCES));
            return;
        }
        long endMs = endTime.toEpochMilli();
        energy.add(
                meterId,
                endMs - length * MINUTE_MS,
                endMs,
                new BigDecimal(kwh).movePointRight(3).longValueExact(),
                source.isEmpty() ? ReadSource.AMI : ReadSource.valueOf(source),
                line,
                0);
    }
}
