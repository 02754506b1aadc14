package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The statements of {@link OwnerCorrection} (run on ClickHouse 18.16 by {@code
 * OwnerCorrectionITCase}) and its checkpoint form.
 */
class OwnerCorrectionTest {

    private static final Path CHECKED =
            Path.of("../schemas/clickhouse/statements/owner_corrections.sql");

    private static final OwnerCorrection LATE =
            new OwnerCorrection("M-1", "C-1", "G-1", "SHOP", 1_772_409_600_000_001L);

    @Test
    void shouldWriteEveryColumnOfBothTablesAgainWithTheOwnerAndTheCorrectionsVersion() {
        List<String> sql = OwnerCorrection.statements(List.of(LATE));

        assertThat(sql).hasSize(2);
        assertThat(sql.get(0))
                .startsWith(
                        "INSERT INTO interval_consumption (meter_id, customer_id, grid_id, segment,"
                                + " interval_start, interval_end, interval_minutes, kwh, source,"
                                + " version, superseded)\n")
                .contains("transform(meter_id, ['M-1'], ['C-1'], customer_id)")
                .contains("transform(meter_id, ['M-1'], ['G-1'], grid_id)")
                .contains("transform(meter_id, ['M-1'], ['SHOP'], segment)")
                .contains(
                        "FROM (SELECT * FROM interval_consumption FINAL WHERE meter_id IN ('M-1'))")
                .endsWith(
                        "WHERE customer_id = '' AND version < toUInt64(transform(meter_id,"
                                + " ['M-1'], ['1772409600000001'], '0'))");
        assertThat(sql.get(1))
                .startsWith("INSERT INTO consumption_anomalies (meter_id, customer_id, grid_id,")
                .contains("outage_id)\n");
    }

    @Test
    void shouldQuoteTheOwnersValuesAndKeepAMetersNewestCorrection() {
        OwnerCorrection older = new OwnerCorrection("M-2", "C-old", "G-1", "RESIDENT", 5);
        OwnerCorrection quoted = new OwnerCorrection("M-2", "C-O'Brien\\", "G-1", "RESIDENT", 6);

        String sql = OwnerCorrection.statements(List.of(quoted, older, LATE)).get(0);

        assertThat(sql)
                .contains("['M-2', 'M-1'], ['C-O\\'Brien\\\\', 'C-1'], customer_id)")
                .doesNotContain("C-old");
    }

    @Test
    void shouldSplitManyMetersIntoStatementsOfAFewHundredEach() {
        List<OwnerCorrection> many =
                IntStream.range(0, OwnerCorrection.METERS_PER_STATEMENT + 1)
                        .mapToObj(i -> new OwnerCorrection("M-" + i, "C-" + i, "G-1", "SHOP", 9))
                        .toList();

        List<String> sql = OwnerCorrection.statements(many);

        assertThat(sql).hasSize(4);
        assertThat(sql.get(2)).contains("IN ('M-" + OwnerCorrection.METERS_PER_STATEMENT + "')");
    }

    /**
     * The chdb check runs {@code schemas/clickhouse/statements/owner_corrections.sql} on a current
     * ClickHouse: it must be what the code makes (meter {@code x} is a seeded row's).
     */
    @Test
    void shouldMakeTheStatementsTheChdbCheckRuns() throws Exception {
        List<OwnerCorrection> corrections =
                List.of(
                        new OwnerCorrection("x", "C-1", "G-1", "SHOP", 5),
                        new OwnerCorrection("M-2", "C-O'Brien", "G-2", "RESIDENT", 6));
        String made = String.join(";\n\n", OwnerCorrection.statements(corrections)) + ";\n";

        assertThat(made)
                .as("statements/owner_corrections.sql: write this into it")
                .isEqualTo(Files.readString(CHECKED));
    }

    @Test
    void shouldComeBackFromACheckpointAsItWent() throws Exception {
        var serializer = new OwnerCorrection.Serializer();

        assertThat(serializer.deserialize(1, serializer.serialize(LATE))).isEqualTo(LATE);
    }
}
