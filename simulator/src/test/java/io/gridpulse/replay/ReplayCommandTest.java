package io.gridpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.simulator.CollectingRecordSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                        "line 3: read_time '2026-13-01' is not an ISO-8601 UTC instant",
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
        assertThat(run("--csv", "../testdata/meter-reads-sample.csv", "--format", "nem13"))
                .isEqualTo(2);
        assertThat(sink.records()).isEmpty();
        assertThat(text(err)).contains("Unknown option: '--format'", "Usage: replay");
    }

    @Test
    void aMissingFileOrFlagIsAUsageError() {
        assertThat(run("--csv", "no/such/file.csv")).isEqualTo(2);
        assertThat(run("--topic", "x")).isEqualTo(2);
        assertThat(text(err))
                .contains("--csv: cannot read no/such/file.csv", "--csv is required", "Usage:");
    }

    private int run(String... args) {
        return ReplayCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                servers -> sink);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
