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

class MeterCollectionTest {

    private static final String METER = "M-42";
    private static final Duration LATENESS = Duration.ofDays(1);

    private KeyedTwoInputStreamOperatorTestHarness<String, AmiRead, CustomerProfile, KpiFact>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MeterCollection(CALENDAR, LATENESS),
                        r -> r.meterId,
                        p -> p.meterId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static CustomerProfile owner() {
        CustomerProfile owner = new CustomerProfile();
        owner.customerId = CUSTOMER;
        owner.meterId = METER;
        owner.gridId = GRID;
        owner.stationId = STATION;
        owner.county = COUNTY;
        return owner;
    }

    private void read(Instant at) throws Exception {
        harness.processElement1(new StreamRecord<>(new AmiRead(METER, ms(at)), ms(at)));
    }

    private void watermark(Instant at) throws Exception {
        harness.processBothWatermarks(new Watermark(ms(at)));
    }

    private List<Long> receivedInGrid(String grid) {
        return harness.extractOutputValues().stream()
                .filter(f -> f.level == Level.GRID && f.unitId.equals(grid))
                .map(f -> f.received)
                .toList();
    }

    @Test
    void shouldReportEachMinuteOnceWhenTheDayEndsAndLateResendsOnTheirOwn() throws Exception {
        harness.processElement2(new StreamRecord<>(owner()));
        read(MARCH_10_MORNING);
        read(MARCH_10_MORNING);
        read(MARCH_10_NOON);
        assertThat(receivedInGrid(GRID)).isEmpty();

        watermark(MARCH_11.plus(Duration.ofMinutes(1)));
        read(MARCH_10_MORNING.plus(Duration.ofMinutes(15)));
        read(MARCH_10_NOON);

        assertThat(receivedInGrid(GRID)).containsExactly(2L, 1L);
    }

    @Test
    void shouldHoldADaysCountUntilTheMetersCustomerIsKnown() throws Exception {
        read(MARCH_10_MORNING);
        read(MARCH_10_NOON);
        watermark(MARCH_11.plus(Duration.ofMinutes(1)));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement2(new StreamRecord<>(owner()));

        assertThat(receivedInGrid(GRID)).containsExactly(2L);
        assertThat(receivedInGrid(KpiFact.UNASSIGNED)).isEmpty();
        watermark(MARCH_11.plus(LATENESS));
        assertThat(receivedInGrid(GRID)).containsExactly(2L);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldCountReadsOfAMeterNoCustomerOwnsAsUnassignedAndForgetTheDay() throws Exception {
        read(MARCH_10_MORNING);
        watermark(MARCH_11.plus(Duration.ofMinutes(1)));
        assertThat(receivedInGrid(KpiFact.UNASSIGNED)).isEmpty();

        watermark(MARCH_11.plus(LATENESS));
        assertThat(receivedInGrid(KpiFact.UNASSIGNED)).containsExactly(1L);
        read(MARCH_10_NOON);

        assertThat(harness.getSideOutput(MeterCollection.LATE)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
