package io.gridpulse.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lines of a CSV file as rows of stripped strings with the line number each starts on (the
 * first line is line 1), read with jackson-dataformat-csv: quoted values, CRLF or LF, a UTF-8
 * byte-order mark; empty lines are skipped.
 */
final class CsvLines {

    private static final CsvFactory CSV =
            CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    /** Receives each row. */
    interface RowHandler {
        void row(int line, List<String> values);
    }

    private CsvLines() {}

    /**
     * Passes every row on; a line the CSV parser cannot read (an unclosed quote) is reported as a
     * problem and ends the file.
     */
    static void read(Path file, RowHandler rows, Consumer<String> onProblem) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                CsvParser csv = CSV.createParser(in)) {
            csv.setSchema(CsvSchema.emptySchema());
            while (csv.nextToken() == JsonToken.START_ARRAY) {
                // the row starts where its first value does (the array's own token is placed
                // earlier)
                int line = 0;
                List<String> values = new ArrayList<>();
                while (csv.nextToken() == JsonToken.VALUE_STRING) {
                    if (values.isEmpty()) {
                        line = csv.currentTokenLocation().getLineNr();
                    }
                    values.add(csv.getText().strip());
                }
                // a line of blanks only is as empty as an empty one
                if (!(values.size() == 1 && values.get(0).isEmpty())) {
                    rows.row(line, values);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            onProblem.accept(
                    "line " + (at == null ? 1 : at.getLineNr()) + ": " + e.getOriginalMessage());
        }
    }

    /** The first row of the file, or null when it has none. */
    static List<String> first(Path file) throws IOException {
        List<List<String>> first = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                CsvParser csv = CSV.createParser(in)) {
            csv.setSchema(CsvSchema.emptySchema());
            while (first.isEmpty() && csv.nextToken() == JsonToken.START_ARRAY) {
                List<String> values = new ArrayList<>();
                while (csv.nextToken() == JsonToken.VALUE_STRING) {
                    values.add(csv.getText().strip());
                }
                if (!(values.size() == 1 && values.get(0).isEmpty())) {
                    first.add(values);
                }
            }
        } catch (JsonProcessingException e) {
            return null;
        }
        return first.isEmpty() ? null : first.get(0);
    }

    /**
     * Maps a header's column names to their positions; reports unknown, repeated and missing
     * columns with the header's line number.
     */
    static boolean header(
            int line,
            List<String> names,
            List<String> required,
            List<String> optional,
            Map<String, Integer> columns,
            Consumer<String> onProblem) {
        boolean good = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!required.contains(name) && !optional.contains(name)) {
                onProblem.accept(
                        "line "
                                + line
                                + ": unknown column '"
                                + name
                                + "', expected "
                                + String.join(",", required)
                                + " and optionally "
                                + String.join(",", optional));
                good = false;
            } else if (columns.put(name, i) != null) {
                onProblem.accept("line " + line + ": column '" + name + "' appears twice");
                good = false;
            }
        }
        for (String column : required) {
            if (!columns.containsKey(column)) {
                onProblem.accept("line " + line + ": header has no column '" + column + "'");
                good = false;
            }
        }
        return good;
    }
}
