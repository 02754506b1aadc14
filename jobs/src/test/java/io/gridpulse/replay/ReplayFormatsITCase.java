package io.gridpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real exports through {@code replay}, the real broker, the consumption job and ClickHouse: an
 * interval CSV and a NEM12 file of other meters over the same turn of the year, replayed one after
 * the other, then a later interval file of the first meter (a day of it already sent); the job runs
 * until idle once after all three, or once before and once after the later file (the second run
 * starts without the first run's state). Every meter's energy in {@code interval_consumption} must
 * equal the files' own sums exactly (each interval once), computed here with a plain reading of the
 * files.
 */
@Timeout(300)
class ReplayFormatsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final Path INTERVALS = Path.of("../testdata/interval-sample.csv");
    private static final Path CONTINUATION = Path.of("../testdata/interval-continuation.csv");
    private static final Path NEM12 = Path.of("../testdata/nem12-sample.csv");

    @TempDir Path checkpoints;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The job sees the three files in one run: the later file's register must continue. */
    @Test
    void shouldStoreExactlyEveryIntervalOfThreeFilesReplayedBeforeOneJobRun() throws Exception {
        TestStack stack = TestStack.fresh("replayformats1", checkpoints, Map.of());

        assertThat(replay(stack, INTERVALS)).as(text(err)).isZero();
        assertThat(replay(stack, NEM12)).as(text(err)).isZero();
        assertThat(replay(stack, CONTINUATION)).as(text(err)).isZero();
        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);

        assertEveryIntervalExactlyOnce(stack);
    }

    /** The second run starts without the first one's state: the later file needs its start read. */
    @Test
    void shouldStoreExactlyEveryIntervalWhenTheJobRunsBetweenTheFiles() throws Exception {
        TestStack stack = TestStack.fresh("replayformats2", checkpoints, Map.of());

        assertThat(replay(stack, INTERVALS)).as(text(err)).isZero();
        assertThat(replay(stack, NEM12)).as(text(err)).isZero();
        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);
        assertThat(replay(stack, CONTINUATION)).as(text(err)).isZero();
        JobRuns.untilIdle(stack.config(), ConsumptionJob.JOB);

        assertEveryIntervalExactlyOnce(stack);
    }

    private void assertEveryIntervalExactlyOnce(TestStack stack) throws IOException {
        System.out.print(text(err) + text(out));

        Map<String, TreeMap<Instant, Interval>> files = new TreeMap<>();
        intervalCsv(INTERVALS, files);
        intervalCsv(CONTINUATION, files);
        nem12(NEM12, files);
        Map<String, BigDecimal> expectedKwh = new TreeMap<>();
        Map<String, Integer> expectedRows = new TreeMap<>();
        files.forEach(
                (meter, intervals) -> {
                    expectedKwh.put(
                            meter,
                            intervals.values().stream()
                                    .map(Interval::kwh)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                                    .setScale(3));
                    expectedRows.put(meter, intervals.size() + gaps(intervals));
                });
        assertThat(expectedRows)
                .as("the files: a day of EXPI000001 in both of its files; 6 null intervals")
                .containsEntry("EXPI000001", 36 * 48 + 17 * 48 - 48)
                .containsEntry("NCDE001234", 17 * 48 - 6 + 1)
                .containsEntry("NCDE005678", 3 * 288);

        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(expectedKwh);
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(expectedRows);
        try (var ch = stack.clickHouse()) {
            System.out.println(
                    "cases: "
                            + ch.rows(
                                    "SELECT meter_id, rule, count() AS cases FROM"
                                            + " consumption_anomalies FINAL GROUP BY meter_id, rule"
                                            + " ORDER BY meter_id, rule"));
            assertThat(
                            ch.value(
                                    "SELECT count() FROM consumption_anomalies FINAL"
                                            + " WHERE rule = 'NEGATIVE_DELTA'"))
                    .as("an overlap is a duplicate, never a register going back")
                    .isEqualTo("0");
        }
    }

    private int replay(TestStack stack, Path file) {
        return ReplayCommand.run(
                new String[] {
                    file.toString(),
                    "--bootstrap-servers",
                    stack.kafka().bootstrapServers(),
                    "--topic",
                    stack.topic(Topics.METER_READS)
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** One interval of a file. */
    private record Interval(Instant start, BigDecimal kwh) {}

    /** The rows of a meter beyond its intervals: one zero-energy row per gap. */
    private static int gaps(TreeMap<Instant, Interval> intervals) {
        int gaps = 0;
        Instant previousEnd = null;
        for (var e : intervals.entrySet()) {
            if (previousEnd != null && !e.getValue().start().equals(previousEnd)) {
                gaps++;
            }
            previousEnd = e.getKey();
        }
        return gaps;
    }

    /** meter_id,interval_end,kwh,interval_minutes; an interval already read counts once. */
    private static void intervalCsv(Path file, Map<String, TreeMap<Instant, Interval>> files)
            throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Instant end = OffsetDateTime.parse(f[1]).toInstant();
            files.computeIfAbsent(f[0], m -> new TreeMap<>())
                    .putIfAbsent(
                            end,
                            new Interval(
                                    end.minusSeconds(60L * Integer.parseInt(f[3])),
                                    new BigDecimal(f[2])));
        }
    }

    /**
     * The E1 streams in kWh of a NEM12 file, days in UTC+10: each 300 record's values, less the
     * intervals its 400 records mark N (null data).
     */
    private static void nem12(Path file, Map<String, TreeMap<Instant, Interval>> files)
            throws IOException {
        String meter = null;
        int minutes = 0;
        Instant midnight = null;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.strip().split(",", -1);
            switch (f[0]) {
                case "200" -> {
                    meter = f[4].equals("E1") && f[7].equals("KWH") ? f[1] : null;
                    minutes = Integer.parseInt(f[8]);
                }
                case "300" -> {
                    if (meter == null) {
                        continue;
                    }
                    midnight =
                            LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE)
                                    .atStartOfDay(ZoneOffset.ofHours(10))
                                    .toInstant();
                    for (int k = 1; k <= 1440 / minutes; k++) {
                        Instant end = midnight.plusSeconds(60L * minutes * k);
                        files.computeIfAbsent(meter, m -> new TreeMap<>())
                                .put(
                                        end,
                                        new Interval(
                                                end.minusSeconds(60L * minutes),
                                                new BigDecimal(f[1 + k])));
                    }
                }
                case "400" -> {
                    if (meter != null && f[3].startsWith("N")) {
                        for (int k = Integer.parseInt(f[1]); k <= Integer.parseInt(f[2]); k++) {
                            files.get(meter).remove(midnight.plusSeconds(60L * minutes * k));
                        }
                    }
                }
                default -> {
                    // 100, 500, 900 and blank lines hold no energy
                }
            }
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
