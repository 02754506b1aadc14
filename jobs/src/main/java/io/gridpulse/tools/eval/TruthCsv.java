package io.gridpulse.tools.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file of the simulator's ground truth (header line, RFC 4180 quoting as {@code
 * GroundTruthFiles} writes it) as one map of column to value per row.
 */
final class TruthCsv {

    private static final CsvMapper CSV = new CsvMapper();

    private TruthCsv() {}

    static List<Map<String, String>> rows(Path csv) throws IOException {
        try (MappingIterator<Map<String, String>> rows =
                CSV.readerForMapOf(String.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(csv.toFile())) {
            return rows.readAll();
        }
    }
}
