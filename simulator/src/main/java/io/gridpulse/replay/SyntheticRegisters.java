package io.gridpulse.replay;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.ReadSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns energy per interval into the register reads the consumption job consumes: per meter, a
 * register that accumulates each interval's energy exactly (whole Wh, no floating point). A read at
 * the start of an interval that does not begin where the previous read was (the first interval, or
 * one after a gap) carries the register unchanged, so every interval's energy lands in {@code
 * interval_consumption}, the first one included; a gap becomes a zero-energy interval (flagged
 * MISSING_READS by the job).
 *
 * <p>The register continues the meter's newest read already on the topic (from {@link NewestReads};
 * 0 kWh for a meter with none). Intervals that end at or before that read were sent before: they
 * are duplicates, skipped (the energy sent first counts), never a register going back. The first
 * new interval gets its start read even when that equals the newest read on the topic (an identical
 * duplicate read): a job run that starts without the earlier run's state then still has the
 * baseline of that interval.
 */
final class SyntheticRegisters {

    /** What a file gives: reads sent, skipped duplicates, and problems that refuse the file. */
    static final class Outcome {
        long reads;
        long intervals;
        long startReads;
        long duplicatesInFile;
        final Map<String, long[]> alreadySent = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
    }

    private SyntheticRegisters() {}

    /**
     * Walks every meter's intervals (sorted here by end) in time order and passes the reads on,
     * meter after meter. Call it once with a no-op consumer to see the problems before sending.
     */
    static Outcome walk(
            IntervalEnergy energy,
            Map<String, NewestReads.Newest> newest,
            String topic,
            Consumer<MeterRead> reads) {
        Outcome outcome = new Outcome();
        for (var entry : energy.meters().entrySet()) {
            String meterId = entry.getKey();
            IntervalEnergy.Meter m = entry.getValue();
            m.sortByEnd();
            NewestReads.Newest sent = newest.get(meterId);
            long register = sent == null ? 0 : sent.totalWh();
            long cursor = sent == null ? Long.MIN_VALUE : sent.timeMs();
            boolean emitted = false;
            int previous = -1;
            for (int i = 0; i < m.size; i++) {
                if (previous >= 0 && m.end[i] == m.end[previous]) {
                    if (m.start[i] == m.start[previous] && m.wh[i] == m.wh[previous]) {
                        outcome.duplicatesInFile++;
                    } else {
                        outcome.problems.add(
                                problem(energy, m, i)
                                        + " is meter "
                                        + meterId
                                        + "'s interval "
                                        + span(m, i)
                                        + ", which line "
                                        + m.line[previous]
                                        + " already gives as "
                                        + span(m, previous)
                                        + " with "
                                        + IntervalEnergy.kwh(m.wh[previous])
                                        + " kWh");
                    }
                    continue;
                }
                if (previous >= 0 && m.start[i] < m.end[previous]) {
                    outcome.problems.add(
                            problem(energy, m, i)
                                    + " is meter "
                                    + meterId
                                    + "'s interval "
                                    + span(m, i)
                                    + ", which overlaps "
                                    + span(m, previous)
                                    + " of line "
                                    + m.line[previous]);
                    continue;
                }
                previous = i;
                if (m.end[i] <= cursor && !emitted) {
                    outcome.alreadySent
                            .computeIfAbsent(meterId, id -> new long[] {0, sent.timeMs()})[0]++;
                    continue;
                }
                if (m.start[i] < cursor && !emitted) {
                    outcome.problems.add(
                            problem(energy, m, i)
                                    + " is meter "
                                    + meterId
                                    + "'s interval "
                                    + span(m, i)
                                    + ", which straddles its newest read already on topic "
                                    + topic
                                    + " ("
                                    + Instant.ofEpochMilli(cursor)
                                    + "); a register read cannot split it");
                    continue;
                }
                if (!emitted || m.start[i] != cursor) {
                    reads.accept(read(meterId, m.start[i], register, ReadSource.AMI));
                    outcome.startReads++;
                    outcome.reads++;
                }
                register += m.wh[i];
                reads.accept(read(meterId, m.end[i], register, m.source(i)));
                outcome.intervals++;
                outcome.reads++;
                cursor = m.end[i];
                emitted = true;
            }
        }
        return outcome;
    }

    private static MeterRead read(String meterId, long timeMs, long wh, ReadSource source) {
        return new MeterRead(
                meterId,
                Instant.ofEpochMilli(timeMs),
                BigDecimal.valueOf(wh, 3),
                null,
                null,
                null,
                null,
                source,
                List.of());
    }

    private static String problem(IntervalEnergy energy, IntervalEnergy.Meter m, int i) {
        return "line "
                + m.line[i]
                + ": "
                + energy.energyColumn(m.column[i])
                + " '"
                + IntervalEnergy.kwh(m.wh[i])
                + "'";
    }

    private static String span(IntervalEnergy.Meter m, int i) {
        return Instant.ofEpochMilli(m.start[i]) + " to " + Instant.ofEpochMilli(m.end[i]);
    }
}
