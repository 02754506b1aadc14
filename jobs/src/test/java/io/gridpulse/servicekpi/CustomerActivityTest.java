package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
