package io.gridpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.simulator.CollectingRecordSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CollectingRecordSink sink = new CollectingRecordSink();

    @Test
    void sendsEveryReadKeyedByMeterAndStampedWithTheReadTime() {
        int code =
                run("--csv", "../testdata/meter-reads-sample.csv", "--topic", "fresh-meter-reads");

        assertThat(code).isZero();
        assertThat(sink.records())
                .hasSize(200)
                .allSatisfy(
                        r -> {
                            MeterRead read = (MeterRead) r.value();
                            assertThat(r.topic()).isEqualTo("fresh-meter-reads");
                            assertThat(r.key()).isEqualTo(read.getMeterId());
                            assertThat(r.timestampMillis())
                                    .isEqualTo(read.getReadTime().toEpochMilli());
                        });
        assertThat(text(out)).contains("sent 200 meter reads");
    }

    @Test
    void aBadLineMeansNothingIsSent(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reads.csv");
        Files.write(
                csv,
                List.of(
                        "meter_id,read_time,total_kwh,source",
                        "M1,2026-03-02T00:15:00Z,1.000,AMI",
                        "M1,2026-13-01,1.100,AMI"));

        int code = run("--csv", csv.toString());

        assertThat(code).isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err))
                .contains(
                        "line 3: read_time '2026-13-01' is not an ISO-8601 time like",
                        "nothing sent");
    }

    @Test
    void aRegisterFileWhoseReadsKeepFallingIsRefusedBeforeAnythingIsSent(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("interval-energy.csv");
        List<String> lines =
                new java.util.ArrayList<>(List.of("meter_id,read_time,total_kwh,source"));
        double[] energy = {0.3, 0.1, 0.4, 0.2, 0.2, 0.5, 0.1, 0.3};
        for (int i = 0; i < energy.length; i++) {
            lines.add(String.format("M1,2026-03-02T%02d:30:00Z,%.3f,AMI", i, energy[i]));
            lines.add(String.format("M2,2026-03-02T%02d:30:00Z,%.3f,AMI", i, 10 + i * 0.5));
        }
        Files.write(csv, lines);

        int code = run("--csv", csv.toString());

        assertThat(code).isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err))
                .contains(
                        "meter M1: total_kwh falls in 3 of its 7",
                        "--format interval",
                        "nothing sent")
                .doesNotContain("meter M2");
    }

    @Test
    void theFileMayBeGivenAsTheArgument() {
        int code = run("../testdata/meter-reads-sample.csv");

        assertThat(code).isZero();
        assertThat(sink.records()).hasSize(200);
        assertThat(sink.records()).allSatisfy(r -> assertThat(r.topic()).isEqualTo("meter-reads"));
    }

    @Test
    void helpPrintsTheOptionsAndAnExample() {
        assertThat(run("--help")).isZero();
        assertThat(text(out))
                .contains("Usage: replay", "FILE", "--bootstrap-servers", "--topic")
                .contains("Example:", "./gridpulse replay testdata/meter-reads-sample.csv");
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        assertThat(run("--csv", "../testdata/meter-reads-sample.csv", "--speed", "2")).isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err)).contains("Unknown option: '--speed'", "Usage: replay");
    }

    @Test
    void anUnknownFormatOrZoneIsAUsageErrorNamingIt() {
        assertThat(run("../testdata/meter-reads-sample.csv", "--format", "nem13")).isEqualTo(2);
        assertThat(run("../testdata/meter-reads-sample.csv", "--zone", "Mars/Olympus"))
                .isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err))
                .contains(
                        "Invalid value for option '--format': 'nem13' is not one of register,"
                                + " interval, nem12",
                        "Invalid value for option '--zone': 'Mars/Olympus' is not a zone");
    }

    @Test
    void aMissingFileOrFlagIsAUsageError() {
        assertThat(run("--csv", "no/such/file.csv")).isEqualTo(2);
        assertThat(run("--topic", "x")).isEqualTo(2);
        assertThat(text(err))
                .contains("cannot read no/such/file.csv", "FILE is required", "Usage:");
    }

    @Test
    void detectsEachFormatFromTheFirstLine() {
        assertThat(run("../testdata/meter-reads-sample.csv")).isZero();
        assertThat(run("../testdata/interval-sample.csv")).isZero();
        assertThat(run("../testdata/nem12-sample.csv")).isZero();

        assertThat(text(err))
                .contains(
                        "meter-reads-sample.csv as register (detected)",
                        "interval-sample.csv as interval (detected)",
                        "nem12-sample.csv as nem12 (detected)");
    }

    @Test
    void aFileOfNoKnownFormatIsRefused(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("other.csv");
        Files.write(csv, List.of("id,time,value", "M1,2026-03-02T00:15:00Z,1"));

        assertThat(run(csv.toString())).isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err))
                .contains("cannot tell the format of", "--format register|interval|nem12");
    }

    @Test
    void anIntervalFileBecomesRegistersWhoseDeltasAreItsEnergyFirstIntervalIncluded()
            throws IOException {
        Path file = Path.of("../testdata/interval-sample.csv");

        assertThat(run(file.toString())).isZero();

        List<MeterRead> reads = sink.values("meter-reads", MeterRead.class);
        assertThat(reads).hasSize(36 * 48 + 1);
        assertThat(reads.get(0).getReadTime()).isEqualTo(Instant.parse("2024-12-14T14:00:00Z"));
        assertThat(reads.get(0).getTotalKwh()).isEqualByComparingTo("0");
        assertThat(registerRise(reads)).isEqualTo(sumOfColumn(file, 2));
        assertThat(text(out))
                .contains(
                        "sent 1,729 meter reads (1,728 intervals of 1 meters as registers, 1 start reads)");
    }

    @Test
    void aLaterFileContinuesTheRegisterAndSkipsWhatWasSentBefore() throws IOException {
        Path first = Path.of("../testdata/interval-sample.csv");
        Path later = Path.of("../testdata/interval-continuation.csv");

        assertThat(run(first.toString())).isZero();
        assertThat(run(later.toString())).isZero();

        List<MeterRead> reads = sink.values("meter-reads", MeterRead.class);
        // the day both files hold (48 intervals) is sent once; the later file starts with the
        // newest read again
        assertThat(reads).hasSize(1729 + 816 - 48 + 1);
        for (int i = 1; i < reads.size(); i++) {
            assertThat(reads.get(i).getReadTime()).isAfterOrEqualTo(reads.get(i - 1).getReadTime());
            assertThat(reads.get(i).getTotalKwh())
                    .isGreaterThanOrEqualTo(reads.get(i - 1).getTotalKwh());
        }
        BigDecimal overlap =
                sumOfColumn(later, 2).subtract(registerRise(reads.subList(1729, reads.size())));
        assertThat(registerRise(reads))
                .isEqualTo(sumOfColumn(first, 2).add(sumOfColumn(later, 2)).subtract(overlap));
        assertThat(overlap).isPositive();
        assertThat(text(err))
                .contains(
                        "1 of the file's 1 meters have reads on topic meter-reads already",
                        "meter EXPI000001: 48 intervals end at or before its newest read on the"
                                + " topic (2025-01-19T14:00:00Z): duplicates, skipped");
    }

    @Test
    void aNem12FileSendsItsConsumptionWithEstimatesMarked() {
        assertThat(run("--format", "NEM12", "../testdata/nem12-sample.csv")).isZero();

        List<MeterRead> reads = sink.values("meter-reads", MeterRead.class);
        assertThat(reads)
                .extracting(MeterRead::getMeterId)
                .containsOnly("NCDE001234", "NCDE005678");
        // an estimated day (48), 10 substituted intervals
        assertThat(reads).filteredOn(r -> r.getSource() == ReadSource.ESTIMATED).hasSize(58);
        assertThat(text(err))
                .contains("skipped data stream NCDE001234 B1 (KWH)", "UpdateDateTime that is not");
        // 810 + 864 intervals; start reads: one per meter and one after the null-data gap
        assertThat(text(out)).contains("sent 1,677 meter reads (1,674 intervals of 2 meters");
    }

    @Test
    void aBadIntervalLineIsReportedExactlyAndNothingIsSent(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("intervals.csv");
        Files.write(
                csv,
                List.of(
                        "meter_id,interval_end,kwh,interval_minutes",
                        "M1,2026-03-02T00:30:00+10:00,0.100,30",
                        "M1,2026-03-02T01:00:00+10:00,0.1O0,30"));

        assertThat(run(csv.toString())).isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err))
                .contains(
                        "line 3: kwh '0.1O0' is not a non-negative kWh value with at most 3 decimals",
                        "replay: 1 bad lines in " + csv + ", nothing sent");
    }

    @Test
    void registerTimesWithAnOffsetAreConvertedAndLocalOnesNeedAZone(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("reads.csv");
        Files.write(
                csv,
                List.of(
                        "meter_id,read_time,total_kwh,source",
                        "M1,2026-03-02T10:15:00+10:00,1.000,AMI",
                        "M1,2026-03-02T10:30:00,1.100,AMI"));

        assertThat(run(csv.toString())).isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err)).contains("line 3: read_time '2026-03-02T10:30:00' has no offset");

        assertThat(run(csv.toString(), "--zone", "Australia/Brisbane")).isZero();
        assertThat(sink.values("meter-reads", MeterRead.class))
                .extracting(MeterRead::getReadTime)
                .containsExactly(
                        Instant.parse("2026-03-02T00:15:00Z"),
                        Instant.parse("2026-03-02T00:30:00Z"));
    }

    @Test
    void helpListsTheFormatsWithExamples() {
        assertThat(run("--help")).isZero();
        assertThat(text(out))
                .contains("--format", "register, interval or nem12", "--zone")
                .contains("meter_id,interval_end,kwh,interval_minutes", "NEM time", "(UTC+10)")
                .contains(
                        "./gridpulse replay testdata/interval-sample.csv",
                        "./gridpulse replay testdata/nem12-sample.csv",
                        "--format interval --zone Europe/Berlin");
    }

    /** The register's rise over the reads of one meter, in time order. */
    private static BigDecimal registerRise(List<MeterRead> reads) {
        return reads.get(reads.size() - 1).getTotalKwh().subtract(reads.get(0).getTotalKwh());
    }

    /** The sum of a column of a CSV file with a header, read here with a plain split. */
    private static BigDecimal sumOfColumn(Path file, int column) throws IOException {
        return Files.readAllLines(file).stream()
                .skip(1)
                .map(line -> new BigDecimal(line.split(",")[column]))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(3);
    }

    private int run(String... args) {
        return ReplayCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                servers -> sink,
                this::newestSent);
    }

    /** What the collecting sink holds, standing for the topic. */
    private Map<String, NewestReads.Newest> newestSent(String topic, Set<String> meters) {
        Map<String, NewestReads.Newest> newest = new HashMap<>();
        for (var r : sink.records()) {
            MeterRead read = (MeterRead) r.value();
            long time = read.getReadTime().toEpochMilli();
            if (r.topic().equals(topic)
                    && meters.contains(r.key())
                    && (!newest.containsKey(r.key()) || newest.get(r.key()).timeMs() < time)) {
                newest.put(
                        r.key(),
                        new NewestReads.Newest(
                                time, read.getTotalKwh().movePointRight(3).longValueExact()));
            }
        }
        return newest;
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
