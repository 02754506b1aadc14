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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalCsvTest {

    private static final Path SAMPLE = Path.of("../testdata/interval-sample.csv");
    private static final String HEADER = "meter_id,interval_end,kwh,interval_minutes";

    @TempDir Path dir;
    private final List<String> problems = new ArrayList<>();

    @Test
    void shouldReadTheSampleWithItsOffsetsConvertedToUtc() throws IOException {
        IntervalEnergy energy = IntervalCsv.read(SAMPLE, null, problems::add);

        assertThat(problems).isEmpty();
        assertThat(energy.meterIds()).containsExactly("EXPI000001");
        IntervalEnergy.Meter m = energy.meters().get("EXPI000001");
        assertThat(m.size).isEqualTo(36 * 48);
        // 2024-12-15T00:30:00+10:00, 30 minutes
        assertThat(Instant.ofEpochMilli(m.end[0])).isEqualTo(Instant.parse("2024-12-14T14:30:00Z"));
        assertThat(Instant.ofEpochMilli(m.start[0]))
                .isEqualTo(Instant.parse("2024-12-14T14:00:00Z"));
        assertThat(m.line[0]).isEqualTo(2);
        assertThat(m.source(0)).isEqualTo(ReadSource.AMI);
    }

    @Test
    void shouldTakeCrlfBlankLinesQuotesAndColumnsInAnyOrder() throws IOException {
        Path csv = dir.resolve("crlf.csv");
        Files.writeString(
                csv,
                "\uFEFFkwh,interval_minutes,\"meter_id\",interval_end,source\r\n"
                        + "\r\n"
                        + "0.25,15,\"M,1\",2026-03-02T00:15:00Z,ESTIMATED\r\n"
                        + "   \r\n"
                        + "1.5,15,M2,2026-03-02 10:15:00+10:00,\r\n",
                StandardCharsets.UTF_8);

        IntervalEnergy energy = IntervalCsv.read(csv, null, problems::add);

        assertThat(problems).isEmpty();
        IntervalEnergy.Meter m1 = energy.meters().get("M,1");
        assertThat(m1.wh[0]).isEqualTo(250);
        assertThat(m1.line[0]).isEqualTo(3);
        assertThat(m1.source(0)).isEqualTo(ReadSource.ESTIMATED);
        assertThat(Instant.ofEpochMilli(m1.start[0]))
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        IntervalEnergy.Meter m2 = energy.meters().get("M2");
        assertThat(m2.wh[0]).isEqualTo(1500);
        assertThat(m2.line[0]).isEqualTo(5);
        assertThat(Instant.ofEpochMilli(m2.end[0]))
                .isEqualTo(Instant.parse("2026-03-02T00:15:00Z"));
    }

    @Test
    void shouldRefuseALocalTimeWithoutZoneAndConvertItWithOne() throws IOException {
        Path csv = write(HEADER, "M1,2026-07-01T10:30:00,0.100,30");

        IntervalCsv.read(csv, null, problems::add);
        IntervalEnergy energy = IntervalCsv.read(csv, ZoneId.of("Europe/Berlin"), p -> {});

        assertThat(problems)
                .containsExactly(
                        "line 2: interval_end '2026-07-01T10:30:00' has no offset: write it as"
                                + " 2026-03-02T00:15:00Z or 2026-03-02T10:15:00+10:00, or give the"
                                + " zone of the file's local times with --zone (e.g. --zone +10:00"
                                + " or --zone Australia/Brisbane)");
        // summer time in Berlin: UTC+2
        assertThat(Instant.ofEpochMilli(energy.meters().get("M1").end[0]))
                .isEqualTo(Instant.parse("2026-07-01T08:30:00Z"));
    }

    @Test
    void shouldReportEachBadRowWithLineColumnAndValue() throws IOException {
        Path csv =
                write(
                        HEADER,
                        "M1,2026-03-02T00:30:00Z,0.100,30",
                        "M1,2026-03-02T01:00:00Z,0.1234,30",
                        "M1,2026-03-02T01:30:00Z,-1,30",
                        "M1,2026-03-02T02:00:00Z,0.1,0",
                        "M1,2026-03-02T02:30:00Z,0.1,30,extra",
                        ",2026-03-02T03:00:00Z,0.1,30",
                        "M1,2026-02-30T03:30:00Z,0.1,30");

        IntervalCsv.read(csv, null, problems::add);

        assertThat(problems)
                .containsExactly(
                        "line 3: kwh '0.1234' is not a non-negative kWh value with at most 3"
                                + " decimals",
                        "line 4: kwh '-1' is not a non-negative kWh value with at most 3 decimals",
                        "line 5: interval_minutes '0' is not a whole number of minutes from 1 to"
                                + " 1440",
                        "line 6: expected 4 values as in the header, found 5",
                        "line 7: meter_id '' is empty",
                        "line 8: interval_end '2026-02-30T03:30:00Z' is not an ISO-8601 time like"
                                + " 2026-03-02T00:15:00Z or 2026-03-02T10:15:00+10:00");
    }

    @Test
    void shouldReportHeaderProblemsOnLineOne() throws IOException {
        IntervalCsv.read(write("meter_id,interval_end,kwh,minutes"), null, problems::add);

        assertThat(problems)
                .containsExactly(
                        "line 1: unknown column 'minutes', expected"
                                + " meter_id,interval_end,kwh,interval_minutes and optionally source",
                        "line 1: header has no column 'interval_minutes'");
    }

    private Path write(String... lines) throws IOException {
        Path csv = dir.resolve("intervals.csv");
        Files.write(csv, List.of(lines));
        return csv;
    }
}
