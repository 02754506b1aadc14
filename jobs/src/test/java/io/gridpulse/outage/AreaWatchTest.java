package io.gridpulse.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.ConsumptionAnomaly;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outage watch of one transformer area in an operator harness: a scripted area of 15-minute
 * meters read every quarter hour, the watermark following the reads (the rest of the city keeps
 * reporting). Every scenario ends with the input's end and asserts zero state and zero timers.
 */
class AreaWatchTest {

    private static final String AREA = "TA-1";
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final long WH_PER_QUARTER = 250;
    private static final OutageSettings SETTINGS = OutageSettings.defaults(Duration.ofDays(1));

    private KeyedOneInputStreamOperatorTestHarness<String, AreaFact, OutageRow> harness;
    private Area area;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness(SETTINGS, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AreaFact, OutageRow> newHarness(
            OutageSettings settings, OperatorSubtaskState restoreFrom) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new AreaWatch(settings)),
                        (AreaFact f) -> f.area,
                        Types.STRING);
        h.setup();
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    /** A scripted area: meters M-0.. of customers C-0.., all read every quarter hour. */
    private final class Area {
        final int meters;
        final long[] wh;
        final boolean[] powered;
        final boolean[] reporting;
        Instant now = START;

        Area(int meters) throws Exception {
            this.meters = meters;
            this.wh = new long[meters];
            this.powered = new boolean[meters];
            this.reporting = new boolean[meters];
            for (int i = 0; i < meters; i++) {
                wh[i] = 1_000_000 + i * 1000;
                powered[i] = true;
                reporting[i] = true;
                String channel = i == 0 ? "NONE" : i % 2 == 0 ? "SMS" : "WECHAT";
                boolean optOut = i == 1;
                send(
                        AreaFact.member(AREA, meter(i), customer(i), "G-1", 15, optOut, channel),
                        START);
            }
            quarters(1); // the first reads
        }

        /** Advances by quarters: use accrues on powered meters, reporting powered meters read. */
        void quarters(int n) throws Exception {
            for (int q = 0; q < n; q++) {
                now = now.plus(QUARTER);
                for (int i = 0; i < meters; i++) {
                    if (powered[i]) {
                        wh[i] += WH_PER_QUARTER + 10 * (i % 3);
                    }
                    if (powered[i] && reporting[i]) {
                        send(AreaFact.read(AREA, meter(i), now.toEpochMilli(), wh[i]), now);
                    }
                }
                watermark(now);
            }
        }

        void power(boolean on, int from, int to) {
            for (int i = from; i < to; i++) {
                powered[i] = on;
            }
        }

        /** Meters [from, to) send their power-down event (last gasp) minutes after now. */
        void lastGasps(int from, int to, int minutes) throws Exception {
            Instant at = now.plus(Duration.ofMinutes(minutes));
            for (int i = from; i < to; i++) {
                send(AreaFact.powerDown(AREA, meter(i), at.toEpochMilli()), at);
            }
        }

        void reporting(boolean on, int from, int to) {
            for (int i = from; i < to; i++) {
                reporting[i] = on;
            }
        }
    }

    private static String meter(int i) {
        return "M-" + i;
    }

    private static String customer(int i) {
        return "C-" + i;
    }

    private void send(AreaFact f, Instant at) throws Exception {
        harness.processElement(new StreamRecord<>(f, at.toEpochMilli()));
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(new Watermark(at.toEpochMilli()));
    }

    private List<OutageRow> rows() {
        return harness.extractOutputValues();
    }

    private List<OutageNotice> notices() {
        List<OutageNotice> out = new ArrayList<>();
        var side = harness.getSideOutput(AreaWatch.NOTICES);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private List<ConsumptionAnomaly> cases() {
        List<ConsumptionAnomaly> out = new ArrayList<>();
        var side = harness.getSideOutput(AreaWatch.CASES);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private void assertAllStateGoneAtTheEnd() throws Exception {
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private static ConsumptionAnomaly missingReads(int meter, Instant from, Instant until) {
        return new ConsumptionAnomaly(
                meter(meter),
                customer(meter),
                "G-1",
                "RESIDENT",
                "MISSING_READS",
                from,
                until,
                "WARNING",
                BigDecimal.ONE,
                BigDecimal.ZERO,
                "no read",
                7,
                "");
    }

    // ------------------------------------------------------------------------------ scenarios

    @Test
    void shouldOpenAndConfirmAPowerOutageWhenTheAreaGoesDark() throws Exception {
        area = new Area(10);
        area.quarters(8);
        Instant lastReadBefore = area.now;
        area.power(false, 0, 10);
        area.quarters(8); // two hours dark
        area.power(true, 0, 10);
        area.quarters(8);

        List<OutageRow> rows = rows();
        assertThat(rows)
                .extracting(OutageRow::status)
                .containsExactly("OPEN", "CLOSED", "CLASSIFIED");
        OutageRow open = rows.get(0);
        assertThat(open.detectedAt()).isEqualTo(lastReadBefore.plus(QUARTER)); // one read late
        assertThat(open.openedAt()).isEqualTo(lastReadBefore);
        assertThat(open.metersSilent()).isEqualTo(10);
        assertThat(open.customersAffected()).isEqualTo(10);
        OutageRow done = rows.get(2);
        assertThat(done.outageId())
                .isEqualTo(open.outageId())
                .isEqualTo("TA-1@" + open.detectedAt());
        assertThat(done.cause()).isEqualTo(AreaWatch.POWER_OUTAGE);
        assertThat(done.reclassified()).isZero();
        assertThat(done.closedAt()).isEqualTo(lastReadBefore.plus(QUARTER.multipliedBy(9)));
        assertThat(done.registerRatio()).isLessThan(0.2);
        assertThat(done.confidence()).isGreaterThan(0.8);
        assertThat(rows).extracting(OutageRow::version).isSorted().doesNotHaveDuplicates();

        // 10 customers: C-0 has no SMS/WeChat binding, C-1 opted out
        List<OutageNotice> notices = notices();
        assertThat(notices).hasSize(16);
        assertThat(notices).extracting(OutageNotice::notificationId).doesNotHaveDuplicates();
        assertThat(notices).extracting(OutageNotice::customerId).doesNotContain("C-0", "C-1");
        assertThat(notices.stream().filter(n -> n.kind().equals("OUTAGE_STARTED")).count())
                .isEqualTo(8);
        assertThat(notices.get(0).notificationId())
                .isEqualTo(open.outageId() + "/C-2/OUTAGE_STARTED");
        assertThat(notices).allMatch(n -> n.outageId().equals(open.outageId()));
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldNotOpenWhenOnlyHalfTheAreaIsSilent() throws Exception {
        area = new Area(10);
        area.quarters(4);
        area.power(false, 0, 5);
        area.quarters(8);
        area.power(true, 0, 5);
        area.quarters(4);

        assertThat(rows()).isEmpty();
        assertThat(notices()).isEmpty();
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldTellAConcentratorFailureByTheRegistersCatchingUp() throws Exception {
        area = new Area(10);
        area.quarters(8);
        area.reporting(false, 0, 10); // power on, nothing collected
        area.quarters(12);
        area.reporting(true, 0, 10);
        area.quarters(8);

        List<OutageRow> rows = rows();
        assertThat(rows.get(0).status()).isEqualTo("OPEN");
        OutageRow done = rows.get(rows.size() - 1);
        assertThat(done.status()).isEqualTo("CLASSIFIED");
        assertThat(done.cause()).isEqualTo(AreaWatch.COLLECTION_FAILURE);
        assertThat(done.reclassified()).isEqualTo(1);
        assertThat(done.registerRatio()).isBetween(0.9, 1.1);
        assertThat(notices()).as("no notice for a collection failure").isEmpty();
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldNotifyAtOpeningWhenConfiguredAndSoAlsoForACollectionFailure() throws Exception {
        harness.close();
        harness = newHarness(SETTINGS.withNotifyStarted("opening"), null);
        area = new Area(4);
        area.quarters(8);
        area.reporting(false, 0, 4);
        area.quarters(1);
        assertThat(notices())
                .extracting(OutageNotice::kind)
                .containsOnly("OUTAGE_STARTED")
                .hasSize(2);
        area.quarters(11);
        area.reporting(true, 0, 4);
        area.quarters(8);
        assertThat(rows().get(rows().size() - 1).cause()).isEqualTo(AreaWatch.COLLECTION_FAILURE);
        // the price of telling at once: the two notices stand, but no POWER_RESTORED follows
        assertThat(notices()).hasSize(2);
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldNotCountMetersCutOffBySwitchEvents() throws Exception {
        area = new Area(5);
        area.quarters(4);
        // three meters cut off for arrears fall silent: alone they would be 60 % of the area
        for (int i = 2; i < 5; i++) {
            send(
                    AreaFact.switched(
                            AREA, meter(i), area.now.plusSeconds(30).toEpochMilli(), false),
                    area.now);
        }
        area.reporting(false, 2, 5);
        area.quarters(8);
        assertThat(rows()).isEmpty();

        // a real outage of the two connected meters: 2 < outage.min.meters
        area.power(false, 0, 2);
        area.quarters(4);
        assertThat(rows()).isEmpty();
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldNotNotifyADisconnectedCustomerInsideAPowerOutage() throws Exception {
        area = new Area(6);
        area.quarters(4);
        send(
                AreaFact.switched(AREA, meter(5), area.now.plusSeconds(30).toEpochMilli(), false),
                area.now);
        area.quarters(4);
        area.power(false, 0, 6);
        area.quarters(6);
        area.power(true, 0, 6);
        area.quarters(6);

        assertThat(rows().get(0).metersWatched()).isEqualTo(5);
        assertThat(rows().get(0).customersAffected()).isEqualTo(5);
        assertThat(notices()).extracting(OutageNotice::customerId).doesNotContain("C-5");
        assertThat(notices()).extracting(OutageNotice::customerId).contains("C-2", "C-3", "C-4");
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldNoteTheOutageOnCasesInsideItAndLeaveOthersAlone() throws Exception {
        area = new Area(10);
        area.quarters(8);
        Instant lastBefore = area.now;
        area.power(false, 0, 10);
        area.quarters(8);
        area.power(true, 0, 10);
        area.quarters(4);
        Instant resumed = lastBefore.plus(QUARTER.multipliedBy(9));
        // the ledger reports its gaps a lateness bound later: here at once, and one unrelated gap
        send(AreaFact.caseOf(AREA, missingReads(3, lastBefore.plus(QUARTER), resumed)), area.now);
        Instant unrelated = START.plus(Duration.ofMinutes(30));
        send(
                AreaFact.caseOf(
                        AREA, missingReads(4, unrelated, unrelated.plus(Duration.ofMinutes(30)))),
                area.now);
        assertThat(cases()).as("held until the outage around them is judged").isEmpty();
        area.quarters(24);

        String outage = rows().get(0).outageId();
        assertThat(cases()).hasSize(2);
        ConsumptionAnomaly inside =
                cases().stream().filter(c -> c.meterId().equals("M-3")).findFirst().orElseThrow();
        assertThat(inside.outageId()).isEqualTo(outage);
        assertThat(inside.severity()).isEqualTo("INFO");
        assertThat(inside.evidence()).startsWith("inside power outage " + outage);
        ConsumptionAnomaly other =
                cases().stream().filter(c -> c.meterId().equals("M-4")).findFirst().orElseThrow();
        assertThat(other.outageId()).isEmpty();
        assertThat(other.severity()).isEqualTo("WARNING");
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldGiveTheSameRowsAcrossASnapshotAndRestoreMidOutage() throws Exception {
        area = new Area(10);
        area.quarters(8);
        area.power(false, 0, 10);
        area.quarters(4);
        List<OutageRow> before = new ArrayList<>(rows());
        List<OutageNotice> noticesBefore = notices();
        assertThat(before).extracting(OutageRow::status).containsExactly("OPEN");

        OperatorSubtaskState snapshot = harness.snapshot(1, area.now.toEpochMilli());
        harness.close();
        harness = newHarness(SETTINGS, snapshot);
        area.quarters(4);
        area.power(true, 0, 10);
        area.quarters(8);
        List<OutageRow> restored = new ArrayList<>(before);
        restored.addAll(rows());
        List<OutageNotice> restoredNotices = new ArrayList<>(noticesBefore);
        restoredNotices.addAll(notices());
        assertAllStateGoneAtTheEnd();

        // the same scenario without the restore
        harness.close();
        harness = newHarness(SETTINGS, null);
        area = new Area(10);
        area.quarters(8);
        area.power(false, 0, 10);
        area.quarters(8);
        area.power(true, 0, 10);
        area.quarters(8);
        assertThat(restored).isEqualTo(rows());
        assertThat(restoredNotices).isEqualTo(notices());
        assertThat(restored.get(restored.size() - 1).cause()).isEqualTo(AreaWatch.POWER_OUTAGE);
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldForgetTheOutageAfterClosingAndOpenTheNextOneAfresh() throws Exception {
        area = new Area(5);
        area.quarters(8);
        area.power(false, 0, 5);
        area.quarters(4);
        area.power(true, 0, 5);
        area.quarters(12);
        int entries = harness.numKeyedStateEntries();
        // after the close: the members and the area (with the finished outage), no held cases
        assertThat(entries).isEqualTo(2);
        area.reporting(false, 0, 5);
        area.quarters(8);
        area.reporting(true, 0, 5);
        area.quarters(12);

        List<OutageRow> finals =
                rows().stream()
                        .filter(r -> r.status().equals("CLASSIFIED"))
                        .collect(Collectors.toList());
        assertThat(finals)
                .extracting(OutageRow::cause)
                .containsExactly(AreaWatch.POWER_OUTAGE, AreaWatch.COLLECTION_FAILURE);
        assertThat(finals.get(0).outageId()).isNotEqualTo(finals.get(1).outageId());
        assertThat(finals.get(1).metersSilent()).isEqualTo(5);
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldInferNothingWhenTheWholeInputEnds() throws Exception {
        area = new Area(10);
        area.quarters(8);
        // everyone stops (end of a bounded replay): the watermark jumps to its maximum
        assertAllStateGoneAtTheEnd();
        assertThat(rows()).isEmpty();
    }

    // ------------------------------------------------------------------------------ last gasps

    @Test
    void shouldConfirmAPowerOutageLiveFromTheLastGaspsAndTellTheCustomersAtOnce() throws Exception {
        area = new Area(10);
        area.quarters(8);
        Instant powerFails = area.now.plus(Duration.ofMinutes(7));
        area.power(false, 0, 10);
        area.lastGasps(0, 9, 7); // one of the ten last gasps is lost
        area.quarters(1);

        OutageRow open = rows().get(0);
        assertThat(open.status()).isEqualTo("OPEN");
        assertThat(open.confidence()).isEqualTo(AreaWatch.LIVE_CONFIDENCE);
        assertThat(open.openedAt()).isEqualTo(powerFails);
        assertThat(open.evidence()).contains("9 of 10 silent meters sent a power-down event");
        // the eight customers with a channel who did not opt out, told while the power is off
        assertThat(notices())
                .extracting(OutageNotice::kind)
                .containsOnly("OUTAGE_STARTED")
                .hasSize(8);

        area.quarters(7);
        area.power(true, 0, 10);
        area.quarters(8);
        OutageRow done = rows().get(rows().size() - 1);
        assertThat(done.cause()).isEqualTo(AreaWatch.POWER_OUTAGE);
        assertThat(done.reclassified()).isZero();
        assertThat(notices()).hasSize(16);
        assertThat(notices().stream().map(OutageNotice::notificationId).distinct()).hasSize(16);
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldNeverNotifyACollectionFailureThatSentNoLastGasps() throws Exception {
        area = new Area(10);
        area.quarters(8);
        area.reporting(false, 0, 10); // the concentrator lost its uplink: no power-down event
        area.lastGasps(4, 5, 3); // but one meter's own supply dipped
        area.quarters(12);
        area.reporting(true, 0, 10);
        area.quarters(8);

        assertThat(rows())
                .extracting(OutageRow::confidence)
                .doesNotContain(AreaWatch.LIVE_CONFIDENCE);
        assertThat(rows().get(rows().size() - 1).cause()).isEqualTo(AreaWatch.COLLECTION_FAILURE);
        assertThat(notices()).isEmpty();
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldWaitForTheRegistersWhenTooFewLastGaspsCameThrough() throws Exception {
        area = new Area(10);
        area.quarters(8);
        area.power(false, 0, 10);
        area.lastGasps(0, 3, 5); // three of ten: below outage.power.down.share
        area.quarters(1);
        assertThat(rows()).extracting(OutageRow::status).containsExactly("OPEN");
        assertThat(rows().get(0).confidence()).isEqualTo(0.5);
        assertThat(notices()).isEmpty();

        area.quarters(7);
        area.power(true, 0, 10);
        area.quarters(8);
        // the registers confirm it once the power is back: both messages then
        assertThat(rows().get(rows().size() - 1).cause()).isEqualTo(AreaWatch.POWER_OUTAGE);
        assertThat(notices()).hasSize(16);
        assertThat(rows().get(rows().size() - 1).evidence()).contains("3 had sent a power-down");
        assertAllStateGoneAtTheEnd();
    }

    @Test
    void shouldConfirmLiveOnAPartOfTheLastGasps() throws Exception {
        area = new Area(10);
        area.quarters(8);
        area.power(false, 0, 10);
        area.lastGasps(0, 6, 1); // six of ten came through
        area.quarters(1);
        assertThat(rows().get(0).confidence()).isEqualTo(AreaWatch.LIVE_CONFIDENCE);
        assertThat(notices()).extracting(OutageNotice::kind).containsOnly("OUTAGE_STARTED");
        area.quarters(7);
        area.power(true, 0, 10);
        area.quarters(8);
        assertThat(notices()).hasSize(16);
        assertAllStateGoneAtTheEnd();
    }
}
