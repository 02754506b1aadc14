package io.gridpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeterReadCsvTest {

    private static final Path SAMPLE = Path.of("../testdata/meter-reads-sample.csv");
    private static final String HEADER =
            "meter_id,read_time,total_kwh,source,peak_kwh,flat_kwh,valley_kwh,reverse_kwh";

    @TempDir Path dir;

    @Test
    void theSampleFileIsValid() throws Exception {
        List<MeterRead> reads = new ArrayList<>();

        assertThat(MeterReadCsv.validate(SAMPLE)).isEmpty();
        assertThat(MeterReadCsv.forEach(SAMPLE, reads::add)).isEqualTo(200);
        assertThat(reads)
                .extracting(MeterRead::getMeterId)
                .contains("EXP0000001", "EXP0000002", "EXP0000003", "EXP9900001");
    }

    @Test
    void readsEveryColumnWithTheSchemaScale() throws Exception {
        Path csv =
                write(
                        HEADER,
                        "M1,2026-03-02T00:15:00Z,100.5,AMI,40,30.25,30.25,1.000",
                        "M2,2026-03-02T01:00:00Z,7,ESTIMATED,,,,");
        List<MeterRead> reads = new ArrayList<>();

        MeterReadCsv.forEach(csv, reads::add);

        assertThat(reads).hasSize(2);
        MeterRead first = reads.get(0);
        assertThat(first.getReadTime()).isEqualTo(Instant.parse("2026-03-02T00:15:00Z"));
        assertThat(first.getTotalKwh()).isEqualTo(new BigDecimal("100.500"));
        assertThat(first.getPeakKwh()).isEqualTo(new BigDecimal("40.000"));
        assertThat(first.getReverseKwh()).isEqualTo(new BigDecimal("1.000"));
        assertThat(first.getSource()).isEqualTo(ReadSource.AMI);
        assertThat(first.getQualityFlags()).isEmpty();
        assertThat(reads.get(1).getPeakKwh()).isNull();
        assertThat(reads.get(1).getReverseKwh()).isNull();
    }

    @Test
    void acceptsColumnsInAnyOrderQuotesAndBlankLines() throws Exception {
        Path csv =
                write(
                        "\uFEFFsource,total_kwh,read_time,meter_id",
                        "\"AMI\",\"12.125\",2026-03-02T00:15:00Z,M1",
                        "");
        List<MeterRead> reads = new ArrayList<>();

        assertThat(MeterReadCsv.validate(csv)).isEmpty();
        MeterReadCsv.forEach(csv, reads::add);

        assertThat(reads)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getMeterId()).isEqualTo("M1");
                            assertThat(r.getTotalKwh()).isEqualTo(new BigDecimal("12.125"));
                        });
    }

    @Test
    void aQuotedFieldMayHoldCommasAndQuotes() throws Exception {
        Path csv =
                write(
                        "meter_id,read_time,total_kwh,source",
                        "\"M1, building \"\"B\"\"\",2026-03-02T00:15:00Z,\"1,5\",AMI");

        assertThat(MeterReadCsv.validate(csv))
                .containsExactly(
                        "line 2: total_kwh '1,5' is not a non-negative kWh value with at most 3 decimals");

        Path good =
                write(
                        "meter_id,read_time,total_kwh,source",
                        "\"M1, building \"\"B\"\"\",2026-03-02T00:15:00Z,1.5,AMI");
        List<MeterRead> reads = new ArrayList<>();
        MeterReadCsv.forEach(good, reads::add);
        assertThat(reads).extracting(MeterRead::getMeterId).containsExactly("M1, building \"B\"");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        Path csv = dir.resolve("excel-export.csv");
        Files.write(
                csv,
                ("\uFEFFmeter_id,read_time,total_kwh,source\r\n"
                                + "M1,2026-03-02T00:15:00Z,1.000,AMI\r\n"
                                + "M1,2026-03-02T00:30:00Z,x,AMI\r\n")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(MeterReadCsv.validate(csv))
                .containsExactly(
                        "line 3: total_kwh 'x' is not a non-negative kWh value with at most 3 decimals");
    }

    @Test
    void lineNumbersCountBlankLinesAndTheHeader() throws IOException {
        Path csv =
                write(
                        "meter_id,read_time,total_kwh,source",
                        "",
                        "M1,2026-03-02T00:15:00Z,1.000,AMI",
                        "",
                        "M1,2026-03-02T00:30:00Z,1.000,SMART");

        assertThat(MeterReadCsv.validate(csv))
                .containsExactly("line 5: source 'SMART' is not one of AMI, MANUAL, ESTIMATED");
    }

    @Test
    void anUnclosedQuoteIsReportedWhereTheFileEnds() throws IOException {
        Path csv =
                write(
                        "meter_id,read_time,total_kwh,source",
                        "M1,2026-03-02T00:15:00Z,1.000,AMI",
                        "\"M1,2026-03-02T00:30:00Z,1.000,AMI");

        assertThat(MeterReadCsv.validate(csv))
                .containsExactly("line 4: Missing closing quote for value");
    }

    @Test
    void badRowsAreReportedWithLineColumnAndValue() throws IOException {
        Path csv =
                write(
                        HEADER,
                        "M1,2026-03-02T00:15:00Z,100.000,AMI,40,30,30,0",
                        "M1,2026-13-01,100.000,AMI,40,30,30,0",
                        "M1,2026-03-02T08:30:00,100.000,AMI,40,30,30,0",
                        "M1,2026-03-02T00:45:00Z,12.3456,AMI,40,30,30,0",
                        "M1,2026-03-02T01:00:00Z,-1,AMI,40,30,30,0",
                        "M1,2026-03-02T01:15:00Z,100.000,SMART,40,30,30,0",
                        ",2026-03-02T01:30:00Z,100.000,AMI,40,30,30,0",
                        "M1,2026-03-02T01:45:00Z,100.000,AMI,40,,30,0",
                        "M1,2026-03-02T02:00:00Z,100.000,AMI,40,30",
                        "M1,2026-03-02T02:15:00Z,1e3,AMI,40,30,30,0");

        assertThat(MeterReadCsv.validate(csv))
                .containsExactly(
                        "line 3: read_time '2026-13-01' is not an ISO-8601 time like 2026-03-02T00:15:00Z or 2026-03-02T10:15:00+10:00",
                        "line 4: read_time '2026-03-02T08:30:00' has no offset: write it as 2026-03-02T00:15:00Z or 2026-03-02T10:15:00+10:00, or give the zone of the file's local times with --zone (e.g. --zone +10:00 or --zone Australia/Brisbane)",
                        "line 5: total_kwh '12.3456' is not a non-negative kWh value with at most 3 decimals",
                        "line 6: total_kwh '-1' is not a non-negative kWh value with at most 3 decimals",
                        "line 7: source 'SMART' is not one of AMI, MANUAL, ESTIMATED",
                        "line 8: meter_id '' is empty",
                        "line 9: flat_kwh '' is empty, but peak_kwh, flat_kwh and valley_kwh go together",
                        "line 10: expected 8 values as in the header, found 6",
                        "line 11: total_kwh '1e3' is not a non-negative kWh value with at most 3 decimals");
    }

    @Test
    void forEachStopsAtTheFirstBadLine() throws IOException {
        Path csv = write(HEADER, "M1,2026-03-02T00:15:00Z,1,AMI,,,,", "M1,yesterday,1,AMI,,,,");

        assertThatThrownBy(() -> MeterReadCsv.forEach(csv, read -> {}))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage(
                        "line 3: read_time 'yesterday' is not an ISO-8601 time like 2026-03-02T00:15:00Z or 2026-03-02T10:15:00+10:00");
    }

    @Test
    void headerProblemsAreReportedOnLineOne() throws IOException {
        assertThat(MeterReadCsv.validate(write("meter_id,read_time,kwh,source")))
                .containsExactly(
                        "line 1: unknown column 'kwh', expected meter_id,read_time,total_kwh,source and optionally "
                                + "peak_kwh,flat_kwh,valley_kwh,reverse_kwh",
                        "line 1: header has no column 'total_kwh'");
        assertThat(MeterReadCsv.validate(write("")))
                .singleElement()
                .asString()
                .startsWith("line 1: missing header line");
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "reads", ".csv");
        Files.write(file, List.of(lines));
        return file;
    }
}
