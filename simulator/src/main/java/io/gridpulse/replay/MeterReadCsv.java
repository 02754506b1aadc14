package io.gridpulse.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Meter reads a utility already has, as CSV: a header line naming the columns, then one read per
 * line. Required columns: {@code meter_id}, {@code read_time} (ISO-8601 with an offset such as
 * {@code 2026-03-02T00:15:00Z} or {@code 2026-03-02T10:15:00+10:00}, converted to UTC; a local time
 * without offset only with the file's zone), {@code total_kwh} and {@code source} (AMI, MANUAL or
 * ESTIMATED); optional: {@code peak_kwh}, {@code flat_kwh}, {@code valley_kwh} (all three or none
 * per line) and {@code reverse_kwh}. kWh values are non-negative decimals with at most three
 * decimals. Columns may come in any order; values may be quoted ({@code "a,b"}, {@code ""} for a
 * quote), blank lines are skipped and a UTF-8 byte-order mark is ignored. Line numbers count the
 * header as line 1.
 */
public final class MeterReadCsv {

    public static final List<String> REQUIRED =
            List.of("meter_id", "read_time", "total_kwh", "source");
    public static final List<String> OPTIONAL =
            List.of("peak_kwh", "flat_kwh", "valley_kwh", "reverse_kwh");

    // precision 15, scale 3 in the schema: at most 12 integer digits
    private static final Pattern KWH = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");
    private static final List<String> SOURCES = List.of("AMI", "MANUAL", "ESTIMATED");

    private static final CsvFactory CSV =
            CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private MeterReadCsv() {}

    /**
     * Checks every line of the file; returns one message per problem, none when all lines are good.
     */
    public static List<String> validate(Path file) throws IOException {
        return validate(file, null);
    }

    /**
     * As {@link #validate(Path)}, with the zone of read times written without an offset (null: such
     * times are refused).
     */
    public static List<String> validate(Path file, ZoneId zone) throws IOException {
        List<String> problems = new ArrayList<>();
        read(file, zone, read -> {}, problems::add);
        return problems;
    }

    /**
     * Passes every read of the file on, in file order.
     *
     * @return the number of reads
     * @throws CsvFormatException at the first bad line; {@link #validate} first to report them all
     */
    public static long forEach(Path file, Consumer<MeterRead> action)
            throws IOException, CsvFormatException {
        return forEach(file, null, action);
    }

    /** As {@link #forEach(Path, Consumer)}, with the zone of read times without an offset. */
    public static long forEach(Path file, ZoneId zone, Consumer<MeterRead> action)
            throws IOException, CsvFormatException {
        List<String> problems = new ArrayList<>();
        long[] count = {0};
        read(
                file,
                zone,
                read -> {
                    if (problems.isEmpty()) {
                        action.accept(read);
                        count[0]++;
                    }
                },
                problems::add);
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems.get(0));
        }
        return count[0];
    }

    private static void read(
            Path file, ZoneId zone, Consumer<MeterRead> onRead, Consumer<String> onProblem)
            throws IOException {
        // without column names each row is an array of strings: the header is checked here, so that
        // unknown, doubled and missing
        // columns are reported on line 1 in the replay's own words
        try (InputStream in = Files.newInputStream(file);
                CsvParser csv = CSV.createParser(in)) {
            csv.setSchema(CsvSchema.emptySchema());
            Row header = next(csv);
            if (header == null || header.values.stream().allMatch(String::isEmpty)) {
                onProblem.accept(
                        "line 1: missing header line, expected "
                                + String.join(",", REQUIRED)
                                + " and optionally "
                                + String.join(",", OPTIONAL));
                return;
            }
            Map<String, Integer> columns = new HashMap<>();
            if (!CsvLines.header(1, header.values, REQUIRED, OPTIONAL, columns, onProblem)) {
                return;
            }
            for (Row row = next(csv); row != null; row = next(csv)) {
                MeterRead read = row.toRead(columns, zone);
                if (row.problem == null) {
                    onRead.accept(read);
                } else {
                    onProblem.accept(row.problem);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            onProblem.accept(
                    "line " + (at == null ? 1 : at.getLineNr()) + ": " + e.getOriginalMessage());
        }
    }

    /** The next row with its line number (where it starts), or null at the end of the file. */
    private static Row next(CsvParser csv) throws IOException {
        if (csv.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        // the row starts where its first value does (the array's own token is placed earlier)
        int line = 0;
        List<String> values = new ArrayList<>();
        while (csv.nextToken() == JsonToken.VALUE_STRING) {
            if (values.isEmpty()) {
                line = csv.currentTokenLocation().getLineNr();
            }
            values.add(csv.getText().strip());
        }
        return new Row(line, values);
    }

    /** One data line; remembers the first problem found in it. */
    private static final class Row {

        private final int number;
        private final List<String> values;
        private Map<String, Integer> columns;
        private String problem;

        Row(int number, List<String> values) {
            this.number = number;
            this.values = values;
        }

        MeterRead toRead(Map<String, Integer> columns, ZoneId zone) {
            this.columns = columns;
            if (values.size() != columns.size()) {
                problem =
                        "line "
                                + number
                                + ": expected "
                                + columns.size()
                                + " values as in the header, found "
                                + values.size();
                return null;
            }
            String meterId = value("meter_id");
            if (meterId.isEmpty()) {
                fail("meter_id", meterId, "is empty");
            }
            Instant readTime = instant("read_time", zone);
            BigDecimal total = kwh("total_kwh", true);
            ReadSource source = source();
            BigDecimal peak = kwh("peak_kwh", false);
            BigDecimal flat = kwh("flat_kwh", false);
            BigDecimal valley = kwh("valley_kwh", false);
            BigDecimal reverse = kwh("reverse_kwh", false);
            checkTimeOfUseTogether(peak, flat, valley);
            if (problem != null) {
                return null;
            }
            return new MeterRead(
                    meterId, readTime, total, peak, flat, valley, reverse, source, List.of());
        }

        private String value(String column) {
            Integer index = columns.get(column);
            return index == null ? "" : values.get(index);
        }

        private Instant instant(String column, ZoneId zone) {
            String value = value(column);
            try {
                return Timestamps.parse(value, zone);
            } catch (Timestamps.BadValue e) {
                fail(column, value, e.getMessage());
                return null;
            }
        }

        private BigDecimal kwh(String column, boolean required) {
            String value = value(column);
            if (value.isEmpty() && !required) {
                return null;
            }
            if (!KWH.matcher(value).matches()) {
                fail(column, value, "is not a non-negative kWh value with at most 3 decimals");
                return null;
            }
            return new BigDecimal(value).setScale(3);
        }

        private ReadSource source() {
            String value = value("source");
            if (!SOURCES.contains(value)) {
                fail("source", value, "is not one of " + String.join(", ", SOURCES));
                return null;
            }
            return ReadSource.valueOf(value);
        }

        private void checkTimeOfUseTogether(BigDecimal peak, BigDecimal flat, BigDecimal valley) {
            if (problem != null
                    || (peak == null) == (flat == null) && (flat == null) == (valley == null)) {
                return;
            }
            String missing = peak == null ? "peak_kwh" : flat == null ? "flat_kwh" : "valley_kwh";
            fail(
                    missing,
                    value(missing),
                    "is empty, but peak_kwh, flat_kwh and valley_kwh go together");
        }

        private void fail(String column, String value, String reason) {
            if (problem == null) {
                problem = "line " + number + ": " + column + " '" + value + "' " + reason;
            }
        }
    }
}
