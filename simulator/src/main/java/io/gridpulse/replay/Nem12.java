package io.gridpulse.replay;

import io.gridpulse.schema.ReadSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * NEM12 interval data (AEMO's Meter Data File Format) as utilities really ship it: the 100 header
 * and 900 end records may be missing, CRLF line ends, blank lines, 400 (interval quality) and 500
 * (B2B) records, trailing empty columns, update times that are not {@code yyyyMMddHHmmss}.
 *
 * <p>Records read: {@code 200} (NMI, NMIConfiguration, RegisterID, NMISuffix,
 * MDMDataStreamIdentifier, MeterSerialNumber, UOM, IntervalLength, NextScheduledReadDate), {@code
 * 300} (IntervalDate, IntervalValue 1..N with N = 1440 / IntervalLength, QualityMethod, ReasonCode,
 * ReasonDescription, UpdateDateTime, MSATSLoadDateTime) and {@code 400} (StartInterval,
 * EndInterval, QualityMethod, ReasonCode, ReasonDescription: the quality of a range of intervals of
 * the 300 record before it; required for every interval when its QualityMethod is {@code V}, and
 * taken over the 300's own quality when some MDP sends them for other days too). Only consumption
 * is taken: data streams whose NMISuffix starts with {@code E} in KWH, WH or MWH; others (B export,
 * Q/K reactive...) are listed as skipped. The meter id is the NMI for suffix E1, {@code
 * <NMI>-<suffix>} for others.
 *
 * <p>Quality: A is an actual (AMI) read; E, S and F (estimated, substituted, final substituted) are
 * ESTIMATED; N (null data) intervals have no value and are left out. IntervalDate is a day of NEM
 * time (UTC+10, no daylight saving) unless another zone is given; interval k of a day ends k ×
 * IntervalLength after its midnight. A day given twice for a stream: the later record counts.
 */
final class Nem12 {

    /** UTC+10, the market's time. */
    static final ZoneId NEM_TIME = ZoneOffset.ofHours(10);

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern VALUE = Pattern.compile("\\d{1,15}(\\.\\d{1,15})?");
    private static final Pattern QUALITY = Pattern.compile("[AEFNSV]\\d{0,2}");
    private static final Pattern UPDATE_TIME = Pattern.compile("\\d{14}");
    private static final Pattern INDEX = Pattern.compile("\\d{1,4}");
    private static final Map<String, Integer> WH_SHIFT = Map.of("KWH", 3, "WH", 0, "MWH", 6);
    private static final long MINUTE_MS = 60_000;
    private static final byte NULL_DATA = -2;
    private static final byte UNSET = -1;

    /** The energy of a file and what was left out of it (skipped streams, days read twice...). */
    record Result(IntervalEnergy energy, List<String> notes) {}

    private final ZoneId zone;
    private final Consumer<String> onProblem;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, TreeMap<LocalDate, Day>> days = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new LinkedHashMap<>();
    private Stream stream;
    private boolean streamBroken;
    private Day variable;
    private Day lastDay;
    private boolean dayBroken;
    private int badUpdateTimes;
    private int firstBadUpdateTime;

    private Nem12(ZoneId zone, Consumer<String> onProblem) {
        this.zone = zone;
        this.onProblem = onProblem;
    }

    /**
     * @param zone the zone of IntervalDate; null for NEM time
     */
    static Result read(Path file, ZoneId zone, Consumer<String> onProblem) throws IOException {
        Nem12 nem12 = new Nem12(zone == null ? NEM_TIME : zone, onProblem);
        CsvLines.read(file, nem12::record, onProblem);
        nem12.endVariableDay();
        return nem12.result();
    }

    private void record(int line, List<String> f) {
        String indicator = f.get(0);
        if (!indicator.equals("400")) {
            endVariableDay();
        }
        switch (indicator) {
            case "100" -> header(line, f);
            case "200" -> details(line, f);
            case "300" -> intervals(line, f);
            case "400" -> event(line, f);
            case "500", "900" -> {
                // B2B details and the end record say nothing about energy
            }
            default ->
                    problem(
                            line,
                            "RecordIndicator",
                            indicator,
                            "is not a NEM12 record (100, 200, 300, 400, 500 or 900)");
        }
    }

    private void header(int line, List<String> f) {
        String version = field(f, 1);
        if (!version.equalsIgnoreCase("NEM12")) {
            problem(
                    line,
                    "VersionHeader",
                    version,
                    "is not NEM12 (NEM13 holds accumulated reads: replay them as a register file)");
        }
    }

    private void details(int line, List<String> f) {
        stream = null;
        lastDay = null;
        streamBroken = true;
        String nmi = field(f, 1);
        String suffix = field(f, 4).toUpperCase(Locale.ROOT);
        String uom = field(f, 7).toUpperCase(Locale.ROOT);
        String length = field(f, 8);
        if (nmi.isEmpty()) {
            problem(line, "NMI", nmi, "is empty");
            return;
        }
        if (suffix.isEmpty()) {
            problem(line, "NMISuffix", suffix, "is empty");
            return;
        }
        int minutes = INDEX.matcher(length).matches() ? Integer.parseInt(length) : 0;
        if (minutes < 1 || minutes > 30 || 1440 % minutes != 0) {
            problem(
                    line,
                    "IntervalLength",
                    length,
                    "is not an interval length in minutes that divides a day (5, 15, 30...)");
            return;
        }
        streamBroken = false;
        boolean consumption = suffix.startsWith("E") && WH_SHIFT.containsKey(uom);
        String meterId = suffix.equals("E1") ? nmi : nmi + "-" + suffix;
        if (!consumption) {
            skipped.merge(nmi + " " + suffix + " (" + field(f, 7) + ")", 1, Integer::sum);
        }
        stream = new Stream(meterId, minutes, consumption ? WH_SHIFT.get(uom) : 3, consumption);
    }

    private void intervals(int line, List<String> f) {
        lastDay = null;
        dayBroken = true;
        if (stream == null) {
            if (!streamBroken) {
                problem(line, "RecordIndicator", "300", "comes before any 200 record");
            }
            return;
        }
        int n = 1440 / stream.minutes;
        String dateText = field(f, 1);
        LocalDate date;
        try {
            date = LocalDate.parse(dateText, DATE);
        } catch (DateTimeParseException e) {
            problem(line, "IntervalDate", dateText, "is not a date yyyyMMdd");
            return;
        }
        Day day = new Day(line, stream.minutes, n);
        for (int k = 1; k <= n; k++) {
            String value = field(f, 1 + k);
            Long wh = wh(value);
            if (wh == null) {
                problem(
                        line,
                        "IntervalValue " + k,
                        value,
                        "is not a non-negative number of "
                                + stream.shiftName()
                                + " that a register of 1 Wh can hold (IntervalLength "
                                + stream.minutes
                                + ": "
                                + n
                                + " values a day)");
                return;
            }
            day.wh[k - 1] = wh;
        }
        String quality = field(f, 2 + n);
        if (!QUALITY.matcher(quality).matches()) {
            problem(
                    line,
                    "QualityMethod",
                    quality,
                    "is not a quality method (A, E, F, N, S or V, with its method number):"
                            + " IntervalLength "
                            + stream.minutes
                            + " gives "
                            + n
                            + " interval values a day");
            return;
        }
        String updated = field(f, 5 + n);
        if (!updated.isEmpty() && !UPDATE_TIME.matcher(updated).matches()) {
            if (badUpdateTimes++ == 0) {
                firstBadUpdateTime = line;
            }
        }
        lastDay = day;
        dayBroken = false;
        if (quality.charAt(0) == 'V') {
            Arrays.fill(day.quality, UNSET);
            variable = day;
        } else {
            Arrays.fill(day.quality, quality(quality.charAt(0)));
        }
        if (stream.consumption) {
            TreeMap<LocalDate, Day> ofStream =
                    days.computeIfAbsent(stream.meterId, id -> new TreeMap<>());
            Day before = ofStream.put(date, day);
            if (before != null) {
                notes.add(
                        "line "
                                + line
                                + ": IntervalDate '"
                                + dateText
                                + "' of "
                                + stream.meterId
                                + " was given before on line "
                                + before.line
                                + "; the later record counts");
            }
        }
    }

    private void event(int line, List<String> f) {
        if (lastDay == null) {
            // after a bad 200 or 300 record, already reported
            if (!streamBroken && !dayBroken) {
                problem(line, "RecordIndicator", "400", "does not follow a 300 record");
            }
            return;
        }
        String from = field(f, 1);
        String to = field(f, 2);
        String quality = field(f, 3);
        int n = lastDay.quality.length;
        int start = INDEX.matcher(from).matches() ? Integer.parseInt(from) : 0;
        int end = INDEX.matcher(to).matches() ? Integer.parseInt(to) : 0;
        if (start < 1 || start > n) {
            problem(line, "StartInterval", from, "is not an interval from 1 to " + n);
        } else if (end < start || end > n) {
            problem(line, "EndInterval", to, "is not an interval from " + start + " to " + n);
        } else if (!QUALITY.matcher(quality).matches() || quality.charAt(0) == 'V') {
            problem(
                    line,
                    "QualityMethod",
                    quality,
                    "is not A, E, F, N or S with its method number");
        } else {
            Arrays.fill(lastDay.quality, start - 1, end, quality(quality.charAt(0)));
        }
    }

    /** A 300 record of quality V must have every interval's quality from its 400 records. */
    private void endVariableDay() {
        if (variable == null) {
            return;
        }
        for (int k = 0; k < variable.quality.length; k++) {
            if (variable.quality[k] == UNSET) {
                problem(
                        variable.line,
                        "QualityMethod",
                        "V",
                        "needs 400 records giving the quality of every interval; interval "
                                + (k + 1)
                                + " has none");
                // the day is not used: the file is refused anyway
                break;
            }
        }
        variable = null;
    }

    private Result result() {
        IntervalEnergy energy =
                new IntervalEnergy(
                        column -> column == 0 ? "IntervalValue" : "IntervalValue " + column);
        for (var ofMeter : days.entrySet()) {
            for (var ofDay : ofMeter.getValue().entrySet()) {
                Day day = ofDay.getValue();
                long midnight = ofDay.getKey().atStartOfDay(zone).toInstant().toEpochMilli();
                long length = day.minutes * MINUTE_MS;
                for (int k = 0; k < day.wh.length; k++) {
                    if (day.quality[k] == NULL_DATA || day.quality[k] == UNSET) {
                        continue;
                    }
                    energy.add(
                            ofMeter.getKey(),
                            midnight + k * length,
                            midnight + (k + 1) * length,
                            day.wh[k],
                            ReadSource.values()[day.quality[k]],
                            day.line,
                            k + 1);
                }
            }
        }
        skipped.forEach(
                (streamName, count) ->
                        notes.add(
                                "skipped data stream "
                                        + streamName
                                        + ": not consumption (a NMISuffix E.. in KWH, WH or MWH)"));
        if (badUpdateTimes > 0) {
            notes.add(
                    badUpdateTimes
                            + " records (the first on line "
                            + firstBadUpdateTime
                            + ") have an UpdateDateTime that is not yyyyMMddHHmmss; it is not"
                            + " used");
        }
        return new Result(energy, notes);
    }

    private Long wh(String value) {
        if (!VALUE.matcher(value).matches()) {
            return null;
        }
        BigDecimal wh = new BigDecimal(value).movePointRight(stream.whShift).stripTrailingZeros();
        if (wh.scale() > 0 || wh.precision() - wh.scale() > 15) {
            return null;
        }
        return wh.longValueExact();
    }

    private static byte quality(char flag) {
        return switch (flag) {
            case 'A' -> (byte) ReadSource.AMI.ordinal();
            case 'N' -> NULL_DATA;
            default -> (byte) ReadSource.ESTIMATED.ordinal();
        };
    }

    private void problem(int line, String column, String value, String reason) {
        onProblem.accept("line " + line + ": " + column + " '" + value + "' " + reason);
    }

    private static String field(List<String> f, int index) {
        return index < f.size() ? f.get(index) : "";
    }

    private record Stream(String meterId, int minutes, int whShift, boolean consumption) {
        String shiftName() {
            return whShift == 0 ? "Wh" : whShift == 3 ? "kWh" : "MWh";
        }
    }

    /** One 300 record of a consumption stream. */
    private static final class Day {
        final int line;
        final int minutes;
        final long[] wh;
        final byte[] quality;

        Day(int line, int minutes, int n) {
            this.line = line;
            this.minutes = minutes;
            this.wh = new long[n];
            this.quality = new byte[n];
        }
    }
}
