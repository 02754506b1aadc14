package io.gridpulse.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The city-wide guard in an operator harness: twelve areas of ten watched meters report their
 * counts every tick; outages opened when most of the city went silent without power-down events (a
 * head-end failure) are dropped with their messages, an outage in one area is not, nor is a
 * city-wide blackout whose meters sent their last gasps.
 */
class CityGuardTest {

    private static final int AREAS = 12;
    private static final Instant T0 = Instant.parse("2026-03-03T10:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(15);
    private static final OutageSettings SETTINGS = OutageSettings.defaults(Duration.ofDays(1));

    private KeyedOneInputStreamOperatorTestHarness<Integer, CityFact, OutageRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new CityGuard(SETTINGS.citySilentShare(), SETTINGS.cityMinAreas())),
                        f -> 0,
                        Types.INT);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static Instant tick(int n) {
        return T0.plus(TICK.multipliedBy(n));
    }

    /** Every area's count at tick n: the first {@code silentAreas} have all ten meters silent. */
    private void counts(int n, int silentAreas, boolean lastGasps) throws Exception {
        for (int a = 0; a < AREAS; a++) {
            boolean silent = a < silentAreas;
            int quiet = silent && !lastGasps ? 10 : 0;
            send(CityFact.tick(tick(n).toEpochMilli(), 10, quiet, quiet >= 3));
        }
    }

    private void outage(int area, String status, int opened, int at) throws Exception {
        OutageRow row =
                new OutageRow(
                        "TA-" + area + "@" + tick(opened),
                        "TA-" + area,
                        "G-1",
                        tick(opened).minus(TICK),
                        tick(opened),
                        status.equals("OPEN") ? null : tick(at),
                        status,
                        status.equals("CLASSIFIED") ? "COLLECTION_FAILURE" : "POWER_OUTAGE",
                        0.5,
                        0,
                        10,
                        10,
                        0,
                        10,
                        10,
                        -1,
                        "",
                        tick(at).toEpochMilli());
        send(CityFact.of(row));
        if (!status.equals("CLOSED")) {
            String kind = status.equals("OPEN") ? "OUTAGE_STARTED" : "POWER_RESTORED";
            send(
                    CityFact.of(
                            OutageNotice.of(
                                    row.outageId(),
                                    "C-" + area,
                                    "WECHAT",
                                    kind,
                                    "",
                                    tick(at).toEpochMilli())));
        }
    }

    private void send(CityFact f) throws Exception {
        harness.processElement(new StreamRecord<>(f, f.tickMs));
    }

    private void watermark(int n) throws Exception {
        harness.processWatermark(new Watermark(tick(n).toEpochMilli()));
    }

    private List<OutageRow> rows() {
        return harness.extractOutputValues();
    }

    private List<OutageNotice> notices() {
        var side = harness.getSideOutput(CityGuard.NOTICES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private void assertNoStateLeftAtTheEnd() throws Exception {
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldDropTheAreaOutagesOfAHeadEndFailure() throws Exception {
        counts(0, 0, false);
        watermark(0);
        counts(1, AREAS, false); // the head-end lost every concentrator at once
        for (int a = 0; a < AREAS; a++) {
            outage(a, "OPEN", 1, 1);
        }
        watermark(1);
        counts(2, AREAS, false);
        watermark(2);
        counts(3, 0, false);
        for (int a = 0; a < AREAS; a++) {
            outage(a, "CLOSED", 1, 3);
        }
        watermark(3);
        for (int a = 0; a < AREAS; a++) {
            outage(a, "CLASSIFIED", 1, 4);
        }
        counts(4, 0, false);
        watermark(4);

        assertThat(rows()).isEmpty();
        assertThat(notices()).isEmpty();
        assertNoStateLeftAtTheEnd();
    }

    @Test
    void shouldPassAnOutageOfOneAreaAndACityWideBlackoutThatSentLastGasps() throws Exception {
        counts(0, 1, false); // one area silent: a concentrator failure, the city reports
        outage(0, "OPEN", 0, 0);
        watermark(0);
        counts(1, AREAS, true); // a blackout: silent everywhere, but with power-down events
        for (int a = 1; a < AREAS; a++) {
            outage(a, "OPEN", 1, 1);
        }
        watermark(1);

        assertThat(rows()).hasSize(AREAS);
        assertThat(notices()).hasSize(AREAS);
        assertNoStateLeftAtTheEnd();
    }

    @Test
    void shouldHoldEachTicksRowsUntilTheWholeCityCountedIt() throws Exception {
        outage(0, "OPEN", 1, 1); // the area's row comes before the other areas' counts
        assertThat(rows()).isEmpty();
        counts(1, AREAS, false);
        watermark(1);
        assertThat(rows()).isEmpty();
        assertNoStateLeftAtTheEnd();
    }
}
