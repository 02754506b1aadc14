package io.gridpulse.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionAnomaly;
import io.gridpulse.consumption.MeterProfile;
import io.gridpulse.consumption.RegisterRead;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A meter's customer record (which gives its transformer area) and its reads come from two topics
 * with no order between them. Whether the record comes first, during the area's power outage, or a
 * day after the meter's MISSING_READS case was written, the outage, its affected meters, the
 * messages and the noted cases come out the same: validation and outage watch wired as in the job.
 */
class LateCustomerRecordTest {

    private static final String AREA = "TA-1";
    private static final int METERS = 6;
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Instant POWER_OFF = Instant.parse("2026-03-03T10:05:00Z");
    private static final Instant POWER_ON = Instant.parse("2026-03-03T12:05:00Z");
    private static final Instant DURING_THE_OUTAGE = Instant.parse("2026-03-03T11:00:00Z");
    private static final Instant AFTER_THE_CASE = Instant.parse("2026-03-04T14:00:00Z");
    private static final Instant END = Instant.parse("2026-03-04T18:00:00Z");
    private static final String LATE_METER = "M-3";

    /** What the run wrote, as ClickHouse and the topic would hold it. */
    private record Outcome(
            List<String> outages, List<String> notices, Map<String, String> missingReads) {}

    private static MeterProfile owner(int i) {
        MeterProfile p = new MeterProfile("M-" + i, "C-" + i, "G-1", "RESIDENT");
        p.readIntervalMinutes = 15;
        p.transformerArea = AREA;
        p.channel = "WECHAT";
        return p;
    }

    /** Runs the area; the late meter's customer record comes at {@code lateAt} (null: first). */
    private static Outcome run(Instant lateAt) throws Exception {
        try (AreaPipelineHarness h =
                new AreaPipelineHarness(OutageSettings.defaults(Duration.ofDays(1)))) {
            for (int i = 0; i < METERS; i++) {
                if (lateAt == null || !("M-" + i).equals(LATE_METER)) {
                    h.owner(owner(i));
                }
            }
            long[] wh = new long[METERS];
            for (Instant at = START; !at.isAfter(END); at = at.plus(QUARTER)) {
                if (lateAt != null && at.equals(lateAt)) {
                    h.owner(owner(3));
                }
                Instant slotStart = at.minus(QUARTER);
                for (int m = 0; m < METERS; m++) {
                    boolean powered = !(slotStart.isBefore(POWER_ON) && at.isAfter(POWER_OFF));
                    if (powered) {
                        wh[m] += 200 + 7 * m + (at.getEpochSecond() / 900 % 4) * 10;
                    }
                    boolean dark = !at.isBefore(POWER_OFF) && at.isBefore(POWER_ON);
                    if (!dark) {
                        h.read(
                                new RegisterRead(
                                        "M-" + m,
                                        at.toEpochMilli(),
                                        1_000_000 + wh[m],
                                        "AMI",
                                        false));
                    }
                }
                h.watermark(at.toEpochMilli());
            }
            h.endOfInput();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            return new Outcome(
                    finalRows(h.rows),
                    h.notices.stream().map(OutageNotice::notificationId).sorted().toList(),
                    missingReads(h.cases));
        }
    }

    /** The newest row of each outage (what {@code FINAL} returns), in the columns that matter. */
    private static List<String> finalRows(List<OutageRow> rows) {
        return rows.stream()
                .collect(
                        Collectors.toMap(
                                OutageRow::outageId,
                                r -> r,
                                (a, b) -> b.version() >= a.version() ? b : a,
                                TreeMap::new))
                .values()
                .stream()
                .map(
                        r ->
                                String.join(
                                        " ",
                                        r.outageId(),
                                        r.status(),
                                        r.cause(),
                                        "opened=" + r.openedAt(),
                                        "closed=" + r.closedAt(),
                                        "watched=" + r.metersWatched(),
                                        "silent=" + r.metersSilent(),
                                        "affected=" + r.metersAffected(),
                                        "customers=" + r.customersAffected()))
                .toList();
    }

    /** MISSING_READS cases by meter and opening, newest version: the outage they are noted with. */
    private static Map<String, String> missingReads(List<ConsumptionAnomaly> cases) {
        return cases.stream()
                .filter(c -> c.rule().equals("MISSING_READS"))
                .sorted(Comparator.comparingLong(ConsumptionAnomaly::version))
                .collect(
                        Collectors.toMap(
                                c -> c.meterId() + "@" + c.readTime(),
                                ConsumptionAnomaly::outageId,
                                (a, b) -> b,
                                TreeMap::new));
    }

    @Test
    void shouldCountAMeterWhoseCustomerRecordCameDuringTheOutageAsAffected() throws Exception {
        Outcome first = run(null);
        assertThat(first.outages()).hasSize(1);
        assertThat(first.outages().get(0))
                .contains("CLASSIFIED POWER_OUTAGE")
                .contains("silent=6 affected=6 customers=6");
        assertThat(first.notices()).hasSize(12);
        assertThat(first.missingReads()).hasSize(6).doesNotContainValue("");

        Outcome late = run(DURING_THE_OUTAGE);
        assertThat(late).isEqualTo(first);
    }

    @Test
    void shouldNoteTheOutageOnACaseWrittenBeforeTheMetersCustomerRecordCame() throws Exception {
        Outcome first = run(null);
        Outcome late = run(AFTER_THE_CASE);
        assertThat(late.missingReads()).isEqualTo(first.missingReads());
        assertThat(late.missingReads()).containsKey(LATE_METER + "@2026-03-03T10:15:00Z");
    }
}
