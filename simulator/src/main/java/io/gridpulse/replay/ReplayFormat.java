package io.gridpulse.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The file formats {@code replay} reads, and how it tells them apart by their first line. */
enum ReplayFormat {
    /** Register reads: {@link MeterReadCsv}. */
    REGISTER,
    /** Energy per interval as CSV: {@link IntervalCsv}. */
    INTERVAL,
    /** AEMO NEM12 interval data: {@link Nem12}. */
    NEM12;

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of the file from its first non-blank line: a NEM12 record (100 or 200) or a CSV
     * header naming {@code interval_end} or {@code read_time}; null when it is none of them.
     */
    static ReplayFormat detect(Path file) throws IOException {
        List<String> first = CsvLines.first(file);
        if (first == null) {
            return null;
        }
        if (first.get(0).equals("100") || first.get(0).equals("200")) {
            return NEM12;
        }
        if (first.contains("interval_end")) {
            return INTERVAL;
        }
        if (first.contains("read_time")) {
            return REGISTER;
        }
        return null;
    }

    /** {@code --format register|interval|nem12}. */
    static final class Converter implements ITypeConverter<ReplayFormat> {
        @Override
        public ReplayFormat convert(String value) {
            return Arrays.stream(values())
                    .filter(f -> f.cliName().equalsIgnoreCase(value))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new TypeConversionException(
                                            "'"
                                                    + value
                                                    + "' is not one of register, interval, nem12"));
        }
    }

    /** The values for completion and help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(values()).map(ReplayFormat::cliName).iterator();
        }
    }
}
