package io.gridpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ReadSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Nem12Test {

    private static final Path SAMPLE = Path.of("../testdata/nem12-sample.csv");
    private static final String DETAILS = "200,NMI0000001,E1,1,E1,N1,SER1,KWH,30,";

    @TempDir Path dir;
    private final List<String> problems = new ArrayList<>();

    @Test
    void shouldReadTheSampleAsUtilitiesShipIt() throws IOException {
        Nem12.Result result = Nem12.read(SAMPLE, null, problems::add);

        assertThat(problems).isEmpty();
        IntervalEnergy energy = result.energy();
        assertThat(energy.meterIds()).containsExactly("NCDE001234", "NCDE005678");
        // 17 days of 30-minute data less 6 intervals of null data (quality N, in 400 records)
        assertThat(energy.meters().get("NCDE001234").size).isEqualTo(17 * 48 - 6);
        // 3 days of 5-minute data
        assertThat(energy.meters().get("NCDE005678").size).isEqualTo(3 * 288);
        assertThat(result.notes())
                .containsExactly(
                        "skipped data stream NCDE001234 B1 (KWH): not consumption (a NMISuffix"
                                + " E.. in KWH, WH or MWH)",
                        "skipped data stream NCDE001234 Q1 (KVARH): not consumption (a NMISuffix"
                                + " E.. in KWH, WH or MWH)",
                        "1 records (the first on line 11) have an UpdateDateTime that is not"
                                + " yyyyMMddHHmmss; it is not used");
    }

    @Test
    void shouldPlaceIntervalsInNemTimeUnlessAZoneIsGiven() throws IOException {
        IntervalEnergy nem = Nem12.read(SAMPLE, null, problems::add).energy();
        IntervalEnergy perth = Nem12.read(SAMPLE, ZoneId.of("+08:00"), problems::add).energy();

        IntervalEnergy.Meter m = nem.meters().get("NCDE001234");
        // interval 1 of 2024-12-25 in UTC+10: 00:00 to 00:30 local
        assertThat(Instant.ofEpochMilli(m.start[0]))
                .isEqualTo(Instant.parse("2024-12-24T14:00:00Z"));
        assertThat(Instant.ofEpochMilli(m.end[0])).isEqualTo(Instant.parse("2024-12-24T14:30:00Z"));
        assertThat(m.wh[0]).isEqualTo(122);
        assertThat(m.line[0]).isEqualTo(2);
        assertThat(Instant.ofEpochMilli(perth.meters().get("NCDE001234").end[0]))
                .isEqualTo(Instant.parse("2024-12-24T16:30:00Z"));
        IntervalEnergy.Meter fiveMinutes = nem.meters().get("NCDE005678");
        assertThat(fiveMinutes.end[0] - fiveMinutes.start[0]).isEqualTo(5 * 60_000);
        assertThat(Instant.ofEpochMilli(fiveMinutes.end[287]))
                .isEqualTo(Instant.parse("2024-12-31T14:00:00Z"));
    }

    @Test
    void shouldMapQualityAToAmiAndEstimatesSubstitutesAndFinalsToEstimated() throws IOException {
        Path file =
                write(
                        DETAILS,
                        day("20250101", 0.5, "A", ""),
                        day("20250102", 0.5, "E52", ""),
                        day("20250103", 0.5, "S14", ""),
                        day("20250104", 0.5, "F14", ""),
                        day("20250105", 0.5, "N", ""),
                        day("20250106", 0.5, "V", ""),
                        "400,1,24,A,,",
                        "400,25,26,N,,",
                        "400,27,48,S53,54,Meter clock fault",
                        day("20250107", 0.5, "A", ""),
                        "400,1,2,E52,,");

        IntervalEnergy.Meter m =
                Nem12.read(file, null, problems::add).energy().meters().get("NMI0000001");

        assertThat(problems).isEmpty();
        assertThat(m.size).isEqualTo(5 * 48 + 46);
        assertThat(sources(m, 0, 48)).containsOnly(ReadSource.AMI);
        assertThat(sources(m, 48, 192)).containsOnly(ReadSource.ESTIMATED);
        assertThat(sources(m, 192, 216)).containsOnly(ReadSource.AMI);
        assertThat(sources(m, 216, 238)).containsOnly(ReadSource.ESTIMATED);
        // interval 27 of 2025-01-06 follows interval 24: 25 and 26 are null data
        assertThat(m.start[216] - m.end[215]).isEqualTo(2 * 30 * 60_000);
        // a 400 record after a day of quality A, as some MDPs send them, is taken over it
        assertThat(sources(m, 238, 240)).containsOnly(ReadSource.ESTIMATED);
        assertThat(sources(m, 240, 286)).containsOnly(ReadSource.AMI);
    }

    @Test
    void shouldTakeAFileWithHeaderEndB2bRecordsAndTrailingColumns() throws IOException {
        Path file = dir.resolve("full.csv");
        Files.writeString(
                file,
                "100,NEM12,202501071200,MDP1,RETAILER1\r\n"
                        + DETAILS
                        + "\r\n\r\n"
                        + day("20250101", 0.25, "A", ",20250102031500,20250102040000,,,,")
                        + "\r\n500,O,S01234567,20250101120000,\r\n"
                        + "900\r\n",
                StandardCharsets.UTF_8);

        IntervalEnergy energy = Nem12.read(file, null, problems::add).energy();

        assertThat(problems).isEmpty();
        IntervalEnergy.Meter m = energy.meters().get("NMI0000001");
        assertThat(m.size).isEqualTo(48);
        assertThat(m.line).startsWith(4);
        assertThat(java.util.Arrays.stream(m.wh, 0, 48).sum()).isEqualTo(48 * 250);
    }

    @Test
    void shouldConvertWattHoursAndNameOtherSuffixes() throws IOException {
        Path file =
                write(
                        "200,NMI0000001,E1E2,2,E2,N2,SER1,WH,30,",
                        day("20250101", 125, "A", ""),
                        "200,NMI0000001,E1E2,1,E1,N1,SER1,MWH,30,",
                        day("20250101", 0.000125, "A", ""));

        IntervalEnergy energy = Nem12.read(file, null, problems::add).energy();

        assertThat(problems).isEmpty();
        assertThat(energy.meters().get("NMI0000001-E2").wh[0]).isEqualTo(125);
        assertThat(energy.meters().get("NMI0000001").wh[0]).isEqualTo(125);
    }

    @Test
    void shouldLetTheLaterRecordOfADayCount() throws IOException {
        Path file = write(DETAILS, day("20250101", 0.1, "E52", ""), day("20250101", 0.2, "A", ""));

        Nem12.Result result = Nem12.read(file, null, problems::add);

        IntervalEnergy.Meter m = result.energy().meters().get("NMI0000001");
        assertThat(m.size).isEqualTo(48);
        assertThat(m.wh[0]).isEqualTo(200);
        assertThat(m.source(0)).isEqualTo(ReadSource.AMI);
        assertThat(result.notes())
                .containsExactly(
                        "line 3: IntervalDate '20250101' of NMI0000001 was given before on line 2;"
                                + " the later record counts");
    }

    @Test
    void shouldReportMalformedRecordsWithLineColumnAndValue() throws IOException {
        String[] values = day("20250102", 0.1, "A", "").split(",", -1);
        values[8] = "0.1x";
        Path file =
                write(
                        DETAILS,
                        day("2025-01-01", 0.1, "A", ""),
                        String.join(",", values),
                        day("20250103", 0.1, "A", "").replace(",A,", ",0.1,A,"),
                        day("20250104", 0.1, "X", ""),
                        day("20250105", 0.1, "V", ""),
                        "400,1,40,A,,",
                        "400,3,2,A,,",
                        "200,NMI0000002,E1,1,E1,N1,SER2,KWH,7,",
                        "301,20250101",
                        "100,NEM13,202501071200,MDP1,RETAILER1",
                        DETAILS,
                        "400,1,2,A,,");

        Nem12.read(file, null, problems::add);

        assertThat(problems)
                .containsExactly(
                        "line 2: IntervalDate '2025-01-01' is not a date yyyyMMdd",
                        "line 3: IntervalValue 7 '0.1x' is not a non-negative number of kWh that a"
                                + " register of 1 Wh can hold (IntervalLength 30: 48 values a day)",
                        "line 4: QualityMethod '0.1' is not a quality method (A, E, F, N, S or V,"
                                + " with its method number): IntervalLength 30 gives 48 interval"
                                + " values a day",
                        "line 5: QualityMethod 'X' is not a quality method (A, E, F, N, S or V,"
                                + " with its method number): IntervalLength 30 gives 48 interval"
                                + " values a day",
                        "line 8: EndInterval '2' is not an interval from 3 to 48",
                        "line 6: QualityMethod 'V' needs 400 records giving the quality of every"
                                + " interval; interval 41 has none",
                        "line 9: IntervalLength '7' is not an interval length in minutes that"
                                + " divides a day (5, 15, 30...)",
                        "line 10: RecordIndicator '301' is not a NEM12 record (100, 200, 300, 400,"
                                + " 500 or 900)",
                        "line 11: VersionHeader 'NEM13' is not NEM12 (NEM13 holds accumulated"
                                + " reads: replay them as a register file)",
                        "line 13: RecordIndicator '400' does not follow a 300 record");
    }

    @Test
    void shouldRefuseValuesFinerThanAWattHour() throws IOException {
        Path file = write(DETAILS, day("20250101", 0.0125, "A", ""));

        Nem12.read(file, null, problems::add);

        assertThat(problems)
                .containsExactly(
                        "line 2: IntervalValue 1 '0.0125' is not a non-negative number of kWh that"
                                + " a register of 1 Wh can hold (IntervalLength 30: 48 values a"
                                + " day)");
    }

    private static List<ReadSource> sources(IntervalEnergy.Meter m, int from, int to) {
        List<ReadSource> sources = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sources.add(m.source(i));
        }
        return sources;
    }

    /** A 300 record of 48 equal values; {@code rest} follows the QualityMethod. */
    private static String day(String date, double kwh, String quality, String rest) {
        String value = new java.math.BigDecimal(Double.toString(kwh)).toPlainString();
        return "300,"
                + date
                + ","
                + String.join(",", Collections.nCopies(48, value))
                + ","
                + quality
                + (rest.isEmpty() ? ",,,20250107120000,20250107130000" : rest);
    }

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("nem12.csv");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        return file;
    }
}
