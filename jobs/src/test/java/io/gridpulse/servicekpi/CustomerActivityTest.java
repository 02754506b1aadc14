package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerActivityTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, CustomerProfile, Activity, KpiFact>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new CustomerActivity(CALENDAR),
                        p -> p.customerId,
                        a -> a.customerId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static CustomerProfile customer(String grid, Instant at, boolean active) {
        CustomerProfile p = new CustomerProfile();
        p.customerId = CUSTOMER;
        p.gridId = grid;
        p.stationId = STATION;
        p.county = COUNTY;
        p.meterId = "M-42";
        p.readIntervalMinutes = 15;
        p.smsBound = true;
        p.active = active;
        p.updatedAtMs = at.toEpochMilli();
        return p;
    }

    private static Activity dunning(String id, Instant at) {
        Activity a = new Activity();
        a.type = FactType.NOTICE;
        a.id = id;
        a.customerId = CUSTOMER;
        a.timeMs = at.toEpochMilli();
        a.kind = "DUNNING";
        a.channel = "SMS";
        return a;
    }

    private List<KpiFact> gridFacts() {
        return harness.extractOutputValues().stream().filter(f -> f.level == Level.GRID).toList();
    }

    @Test
    void shouldPlaceANoticeInTheGridTheCustomerBelongedToThen() throws Exception {
        harness.processElement1(new StreamRecord<>(customer(OTHER_GRID, MARCH_10_MORNING, true)));
        harness.processElement1(new StreamRecord<>(customer(GRID, MARCH_20, true)));
        harness.processElement2(new StreamRecord<>(dunning("N-1", MARCH_11), ms(MARCH_11)));
        harness.processElement2(new StreamRecord<>(dunning("N-2", APRIL_5), ms(APRIL_5)));

        assertThat(gridFacts())
                .filteredOn(f -> f.type == FactType.NOTICE)
                .extracting(f -> f.id + "@" + f.unitId)
                .containsExactly("N-1@" + OTHER_GRID, "N-2@" + GRID);
    }

    @Test
    void shouldMoveTheCustomerCountsToTheNewGridFromTheDayOfTheMove() throws Exception {
        harness.processElement1(new StreamRecord<>(customer(OTHER_GRID, MARCH_10_MORNING, true)));
        harness.processElement1(new StreamRecord<>(customer(GRID, MARCH_20, true)));

        List<KpiFact> counts =
                gridFacts().stream().filter(f -> f.type == FactType.CUSTOMERS).toList();
        assertThat(counts)
                .extracting(f -> f.unitId, f -> f.counts[CustomerCounts.ACTIVE], f -> f.timeMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                OTHER_GRID, 1L, CALENDAR.startOfDay(MARCH_10)),
                        org.assertj.core.groups.Tuple.tuple(
                                OTHER_GRID, -1L, CALENDAR.startOfDay(CALENDAR.day(ms(MARCH_20)))),
                        org.assertj.core.groups.Tuple.tuple(
                                GRID, 1L, CALENDAR.startOfDay(CALENDAR.day(ms(MARCH_20)))));
    }

    @Test
    void shouldCountTheSameWhateverOrderTheVersionsArriveIn() throws Exception {
        CustomerProfile moved = customer(GRID, MARCH_20, true);
        CustomerProfile closed = customer(GRID, APRIL_5, false);
        CustomerProfile opened = customer(OTHER_GRID, MARCH_10_MORNING, true);
        for (CustomerProfile p : List.of(opened, moved, closed)) {
            harness.processElement1(new StreamRecord<>(p));
        }
        Map<String, Long> inOrder = activeByUnitAndDay(gridFacts());

        for (List<CustomerProfile> order :
                List.of(
                        List.of(closed, moved, opened),
                        List.of(moved, opened, closed),
                        List.of(opened, closed, moved, moved))) {
            var shuffled =
                    ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                            new CustomerActivity(CALENDAR),
                            (CustomerProfile p) -> p.customerId,
                            (Activity a) -> a.customerId,
                            Types.STRING);
            for (CustomerProfile p : order) {
                shuffled.processElement1(new StreamRecord<>(p));
            }
            assertThat(
                            activeByUnitAndDay(
                                    shuffled.extractOutputValues().stream()
                                            .filter(f -> f.level == Level.GRID)
                                            .toList()))
                    .as("order %s", order.stream().map(p -> p.updatedAtMs).toList())
                    .isEqualTo(inOrder);
            shuffled.close();
        }
        assertThat(inOrder)
                .containsOnly(
                        Map.entry(OTHER_GRID + "@" + MARCH_10, 1L),
                        Map.entry(OTHER_GRID + "@" + CALENDAR.day(ms(MARCH_20)), -1L),
                        Map.entry(GRID + "@" + CALENDAR.day(ms(MARCH_20)), 1L),
                        Map.entry(GRID + "@" + CALENDAR.day(ms(APRIL_5)), -1L));
    }

    /** The net change of active customers per unit and day: what the unit counts are built of. */
    private static Map<String, Long> activeByUnitAndDay(List<KpiFact> facts) {
        Map<String, Long> net = new TreeMap<>();
        facts.stream()
                .filter(f -> f.type == FactType.CUSTOMERS)
                .forEach(
                        f ->
                                net.merge(
                                        f.unitId + "@" + CALENDAR.day(f.timeMs),
                                        f.counts[CustomerCounts.ACTIVE],
                                        Long::sum));
        net.values().removeIf(v -> v == 0);
        return net;
    }

    @Test
    void shouldHoldANoticeOfAnUnknownCustomerUntilTheCustomerIsKnown() throws Exception {
        harness.processElement2(new StreamRecord<>(dunning("N-1", MARCH_11), ms(MARCH_11)));
        harness.processBothWatermarks(new Watermark(ms(MARCH_20)));
        assertThat(gridFacts()).isEmpty();

        harness.processElement1(new StreamRecord<>(customer(GRID, MARCH_10_MORNING, true)));

        assertThat(gridFacts())
                .filteredOn(f -> f.type == FactType.NOTICE)
                .extracting(f -> f.unitId)
                .containsExactly(GRID);
    }

    @Test
    void shouldForgetAClosedAccountAndUnclaimedNoticesAfterTheHorizon() throws Exception {
        harness.processElement1(new StreamRecord<>(customer(GRID, MARCH_10_MORNING, true)));
        harness.processElement1(
                new StreamRecord<>(customer(GRID, MARCH_20.plus(Duration.ofHours(1)), false)));
        Activity stranger = dunning("N-9", MARCH_11);
        stranger.customerId = "C-UNKNOWN";
        harness.processElement2(new StreamRecord<>(stranger, ms(MARCH_11)));

        harness.processBothWatermarks(new Watermark(ms(BEYOND_THE_HORIZON)));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.getSideOutput(CustomerActivity.LATE)).hasSize(1);
    }
}
