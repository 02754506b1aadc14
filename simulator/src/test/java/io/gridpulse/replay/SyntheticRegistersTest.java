package io.gridpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class SyntheticRegistersTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-01T14:00:00Z");
    private static final long HALF_HOUR = 30 * 60_000;

    private final IntervalEnergy energy = new IntervalEnergy(column -> "kwh");
    private final List<MeterRead> reads = new ArrayList<>();

    @Test
    void shouldStartAtABaselineReadSoTheFirstIntervalCountsToo() {
        interval("M1", 0, 120, ReadSource.AMI, 2);
        interval("M1", 1, 75, ReadSource.ESTIMATED, 3);

        var outcome = SyntheticRegisters.walk(energy, Map.of(), "reads", reads::add);

        assertThat(outcome.problems).isEmpty();
        assertThat(reads)
                .extracting(r -> r.getReadTime(), r -> r.getTotalKwh(), r -> r.getSource())
                .containsExactly(
                        read(0, "0.000", ReadSource.AMI),
                        read(1, "0.120", ReadSource.AMI),
                        read(2, "0.195", ReadSource.ESTIMATED));
        assertThat(outcome.intervals).isEqualTo(2);
        assertThat(outcome.startReads).isEqualTo(1);
    }

    @Test
    void shouldAccumulateExactlyInAnyOrderAndGiveAGapAZeroInterval() {
        // out of order, with a gap from interval 2 to 4
        interval("M1", 4, 333, ReadSource.AMI, 5);
        interval("M1", 0, 1, ReadSource.AMI, 2);
        interval("M1", 1, 999_999_999, ReadSource.AMI, 3);

        SyntheticRegisters.walk(energy, Map.of(), "reads", reads::add);

        assertThat(reads)
                .extracting(r -> r.getReadTime(), r -> r.getTotalKwh())
                .containsExactly(
                        tuple(at(0), kwh("0.000")),
                        tuple(at(1), kwh("0.001")),
                        tuple(at(2), kwh("1000000.000")),
                        tuple(at(4), kwh("1000000.000")),
                        tuple(at(5), kwh("1000000.333")));
    }

    @Test
    void shouldContinueTheNewestReadOnTheTopicAndSkipWhatItAlreadyHas() {
        // the topic has reads up to the end of interval 2, register 5.000
        var newest = Map.of("M1", new NewestReads.Newest(at(2).toEpochMilli(), 5000));
        interval("M1", 1, 700, ReadSource.AMI, 2);
        interval("M1", 2, 40, ReadSource.AMI, 3);
        interval("M1", 3, 60, ReadSource.AMI, 4);

        var outcome = SyntheticRegisters.walk(energy, newest, "reads", reads::add);

        assertThat(outcome.problems).isEmpty();
        assertThat(outcome.alreadySent).containsOnlyKeys("M1");
        assertThat(outcome.alreadySent.get("M1")).containsExactly(1, at(2).toEpochMilli());
        // the start read repeats the newest read (an identical duplicate), so that a job that
        // starts without state still has the baseline of interval 3
        assertThat(reads)
                .extracting(r -> r.getReadTime(), r -> r.getTotalKwh())
                .containsExactly(
                        tuple(at(2), kwh("5.000")),
                        tuple(at(3), kwh("5.040")),
                        tuple(at(4), kwh("5.100")));
    }

    @Test
    void shouldRefuseAnIntervalThatStraddlesTheNewestReadOnTheTopic() {
        var newest = Map.of("M1", new NewestReads.Newest(at(2).toEpochMilli() + 15 * 60_000, 5000));
        interval("M1", 2, 40, ReadSource.AMI, 7);

        var outcome = SyntheticRegisters.walk(energy, newest, "reads", reads::add);

        assertThat(outcome.problems)
                .containsExactly(
                        "line 7: kwh '0.040' is meter M1's interval 2026-03-01T15:00:00Z to"
                                + " 2026-03-01T15:30:00Z, which straddles its newest read already"
                                + " on topic reads (2026-03-01T15:15:00Z); a register read cannot"
                                + " split it");
    }

    @Test
    void shouldSendADuplicateOnceAndRefuseConflictsAndOverlaps() {
        interval("M1", 0, 100, ReadSource.AMI, 2);
        interval("M1", 0, 100, ReadSource.AMI, 3);
        interval("M1", 1, 100, ReadSource.AMI, 4);
        interval("M1", 1, 101, ReadSource.AMI, 5);
        long start = at(2).toEpochMilli() - 10 * 60_000;
        energy.add("M1", start, start + HALF_HOUR, 9, ReadSource.AMI, 6, 0);

        var outcome = SyntheticRegisters.walk(energy, Map.of(), "reads", r -> {});

        assertThat(outcome.duplicatesInFile).isEqualTo(1);
        assertThat(outcome.problems)
                .containsExactly(
                        "line 5: kwh '0.101' is meter M1's interval 2026-03-01T14:30:00Z to"
                                + " 2026-03-01T15:00:00Z, which line 4 already gives as"
                                + " 2026-03-01T14:30:00Z to 2026-03-01T15:00:00Z with 0.100 kWh",
                        "line 6: kwh '0.009' is meter M1's interval 2026-03-01T14:50:00Z to"
                                + " 2026-03-01T15:20:00Z, which overlaps 2026-03-01T14:30:00Z to"
                                + " 2026-03-01T15:00:00Z of line 4");
    }

    private void interval(String meter, int index, long wh, ReadSource source, int line) {
        energy.add(
                meter, at(index).toEpochMilli(), at(index + 1).toEpochMilli(), wh, source, line, 0);
    }

    private static Instant at(int halfHours) {
        return MIDNIGHT.plusMillis(halfHours * HALF_HOUR);
    }

    private static BigDecimal kwh(String value) {
        return new BigDecimal(value);
    }

    private static Tuple read(int halfHours, String kwh, ReadSource source) {
        return tuple(at(halfHours), kwh(kwh), source);
    }
}
