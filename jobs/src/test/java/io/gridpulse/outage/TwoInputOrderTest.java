package io.gridpulse.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionAnomaly;
import io.gridpulse.consumption.MeterProfile;
import io.gridpulse.consumption.RegisterRead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The validation reads its two inputs (reads; customer records and switches) in whatever order
 * their buffers arrive, and the customer records and switches come from two topics. However the
 * inputs interleave before event time moves, the area's outage, its member counts, the customers
 * told and the cases written are the same: validation and outage watch wired as in the job.
 *
 * <p>The area has six meters; one was disconnected for arrears the day before a power outage and
 * went dark with the others, so it is neither watched, affected nor told.
 */
class TwoInputOrderTest {

    private static final String AREA = "TA-1";
    private static final int METERS = 6;
    private static final String CUT_OFF = "M-5";
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Instant DISCONNECTED = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant POWER_OFF = Instant.parse("2026-03-03T10:05:00Z");
    private static final Instant POWER_ON = Instant.parse("2026-03-03T12:05:00Z");
    private static final Instant END = Instant.parse("2026-03-04T18:00:00Z");

    /** Where the master data comes among the reads: before them, or after some of them. */
    private enum Order {
        OWNERS_THEN_SWITCH,
        SWITCH_THEN_OWNERS,
        /** The first six hours of reads, then the switch, then the owners. */
        READS_FIRST,
        /** Half the owners, the first day of reads, the switch, the other owners. */
        INTERLEAVED
    }

    private record Outcome(List<String> outages, List<String> notices, List<String> cases) {}

    private static MeterProfile owner(int i) {
        MeterProfile p = new MeterProfile("M-" + i, "C-" + i, "G-1", "RESIDENT");
        p.readIntervalMinutes = 15;
        p.transformerArea = AREA;
        p.channel = "WECHAT";
        return p;
    }

    private static Outcome run(Order order, boolean waitForFirstWatermark) throws Exception {
        try (AreaPipelineHarness h =
                new AreaPipelineHarness(
                        OutageSettings.defaults(Duration.ofDays(1)), waitForFirstWatermark)) {
            Instant masterDataAt =
                    switch (order) {
                        case OWNERS_THEN_SWITCH, SWITCH_THEN_OWNERS -> START.minus(QUARTER);
                        case READS_FIRST -> START.plus(Duration.ofHours(6));
                        case INTERLEAVED -> START.plus(Duration.ofDays(1));
                    };
            if (order == Order.OWNERS_THEN_SWITCH) {
                owners(h, 0, METERS);
                cutOff(h);
            } else if (order == Order.SWITCH_THEN_OWNERS) {
                cutOff(h);
                owners(h, 0, METERS);
            } else if (order == Order.INTERLEAVED) {
                owners(h, 0, METERS / 2);
            }
            long[] wh = new long[METERS];
            for (Instant at = START; !at.isAfter(END); at = at.plus(QUARTER)) {
                Instant slotStart = at.minus(QUARTER);
                for (int m = 0; m < METERS; m++) {
                    boolean powered = !(slotStart.isBefore(POWER_ON) && at.isAfter(POWER_OFF));
                    boolean relayClosed = !("M-" + m).equals(CUT_OFF) || at.isBefore(DISCONNECTED);
                    if (powered && relayClosed) {
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
                if (at.equals(masterDataAt)) {
                    if (order == Order.READS_FIRST) {
                        cutOff(h);
                        owners(h, 0, METERS);
                    } else if (order == Order.INTERLEAVED) {
                        cutOff(h);
                        owners(h, METERS / 2, METERS);
                    }
                }
                // event time moves only once the master data is read (a bounded replay)
                if (!at.isBefore(masterDataAt)) {
                    h.watermark(at.toEpochMilli());
                }
            }
            h.endOfInput();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            return new Outcome(
                    finalRows(h.rows),
                    h.notices.stream().map(OutageNotice::notificationId).sorted().toList(),
                    h.cases.stream().map(TwoInputOrderTest::describe).sorted().toList());
        }
    }

    private static void owners(AreaPipelineHarness h, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            h.owner(owner(i));
        }
    }

    private static void cutOff(AreaPipelineHarness h) throws Exception {
        h.switched(CUT_OFF, DISCONNECTED.toEpochMilli(), false);
    }

    /** The newest row of each outage (what {@code FINAL} returns), every column that is counted. */
    private static List<String> finalRows(List<OutageRow> rows) {
        Map<String, OutageRow> latest =
                rows.stream()
                        .collect(
                                Collectors.toMap(
                                        OutageRow::outageId,
                                        r -> r,
                                        (a, b) -> b.version() >= a.version() ? b : a,
                                        TreeMap::new));
        return latest.values().stream().map(OutageRow::toString).toList();
    }

    private static String describe(ConsumptionAnomaly c) {
        return String.join(
                " ",
                c.meterId(),
                c.rule(),
                String.valueOf(c.readTime()),
                String.valueOf(c.closedAt()),
                c.gridId(),
                c.outageId(),
                String.valueOf(c.version()));
    }

    @Test
    void shouldLeaveTheDisconnectedMeterOutOfTheOutage() throws Exception {
        Outcome outcome = run(Order.OWNERS_THEN_SWITCH, true);
        assertThat(outcome.outages()).hasSize(1);
        assertThat(outcome.outages().get(0))
                .contains("POWER_OUTAGE")
                .contains("metersWatched=5")
                .contains("metersAffected=5")
                .contains("customersAffected=5");
        assertThat(outcome.notices()).hasSize(10).noneMatch(id -> id.contains("C-5"));
    }

    @Test
    void shouldWriteTheSameOutageWhateverTheOrderOfSwitchAndCustomerRecord() throws Exception {
        // no read waits here: the switch alone comes before or after the customer record
        Outcome first = run(Order.OWNERS_THEN_SWITCH, false);
        assertThat(run(Order.SWITCH_THEN_OWNERS, false)).isEqualTo(first);
    }

    @Test
    void shouldWriteTheSameRowsWhateverTheInterleavingOfTheTwoInputs() throws Exception {
        Outcome first = run(Order.OWNERS_THEN_SWITCH, true);
        for (Order order : Order.values()) {
            assertThat(run(order, true)).as(order.name()).isEqualTo(first);
        }
    }
}
