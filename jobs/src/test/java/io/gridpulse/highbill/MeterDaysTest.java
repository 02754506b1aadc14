package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeterDaysTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration TTL = Duration.ofDays(35);
    private static final String METER = "M-000001";
    private static final String CUSTOMER = "C-000001";
    private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    private static final Instant MARCH_2_MIDNIGHT = MARCH_2.atStartOfDay(ZONE).toInstant();
    private static final Instant MARCH_3_MIDNIGHT = MARCH_2_MIDNIGHT.plus(Duration.ofDays(1));

    private KeyedTwoInputStreamOperatorTestHarness<String, MeterReading, CustomerProfile, DailyUse>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MeterDays(ZONE, TTL), r -> r.meterId, p -> p.meterId, Types.STRING);
        CustomerProfile owner =
                new CustomerProfile(CUSTOMER, METER, "G-1", "RESIDENT", true, true, false, 1, true);
        harness.processElement2(new StreamRecord<>(owner, MARCH_2_MIDNIGHT.toEpochMilli()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void read(Instant at, long totalWh) throws Exception {
        receive(new MeterReading(METER, at.toEpochMilli(), totalWh, false, 0, 0, 0, false));
    }

    private void touRead(Instant at, long peak, long flat, long valley) throws Exception {
        receive(
                new MeterReading(
                        METER,
                        at.toEpochMilli(),
                        peak + flat + valley,
                        true,
                        peak,
                        flat,
                        valley,
                        false));
    }

    private void receive(MeterReading reading) throws Exception {
        harness.processElement1(new StreamRecord<>(reading, reading.readTimeMs));
    }

    private List<DailyUse> days() {
        return harness.extractOutputValues();
    }

    private void assertForgottenAfterTtl(Instant lastRead) throws Exception {
        harness.processBothWatermarks(
                new Watermark(lastRead.plus(TTL).plus(Duration.ofDays(1)).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldSplitQuarterHourReadsIntoLocalDaysAndQuartersOfTheDay() throws Exception {
        Instant t = MARCH_2_MIDNIGHT;
        long total = 1_000_000;
        read(t, total);
        for (int q = 1; q <= 96; q++) {
            total += q > 72 ? 400 : 100; // 18:00-24:00 uses four times as much
            read(t.plus(Duration.ofMinutes(15L * q)), total);
        }

        assertThat(days()).hasSize(1);
        DailyUse day = days().get(0);
        assertThat(day.customerId).isEqualTo(CUSTOMER);
        assertThat(LocalDate.ofEpochDay(day.epochDay)).isEqualTo(MARCH_2);
        assertThat(day.totalWh()).isEqualTo(72 * 100 + 24 * 400);
        assertThat(day.blockWh).containsExactly(2400, 2400, 2400, 9600);
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT);
    }

    @Test
    void shouldSpreadADailyReadsDeltaOverTheDaysItCovers() throws Exception {
        read(MARCH_2_MIDNIGHT.plus(Duration.ofHours(12)), 0);
        read(MARCH_3_MIDNIGHT.plus(Duration.ofHours(12)), 24_001);

        // half of the 24 h before noon on 3 March belongs to 2 March; it ends at midnight
        assertThat(days()).hasSize(1);
        assertThat(days().get(0).totalWh()).isEqualTo(12_000);

        read(MARCH_3_MIDNIGHT.plus(Duration.ofHours(24)), 36_001);
        assertThat(days()).hasSize(2);
        assertThat(days().get(1).totalWh()).isEqualTo(24_001);
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT.plus(Duration.ofHours(24)));
    }

    @Test
    void shouldSkipDuplicatesLateReadsAndMisreadsWithoutLosingEnergy() throws Exception {
        read(MARCH_2_MIDNIGHT, 500_000);
        read(MARCH_2_MIDNIGHT.plus(Duration.ofHours(6)), 503_000);
        read(MARCH_2_MIDNIGHT.plus(Duration.ofHours(6)), 503_000); // duplicate
        read(MARCH_2_MIDNIGHT.plus(Duration.ofHours(12)), 50_400); // a digit dropped
        read(MARCH_2_MIDNIGHT.plus(Duration.ofHours(3)), 501_500); // re-sent late
        read(MARCH_3_MIDNIGHT, 510_000);

        assertThat(days()).extracting(DailyUse::totalWh).containsExactly(10_000L);
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT);
    }

    @Test
    void shouldKeepTimeOfUseRegistersApart() throws Exception {
        touRead(MARCH_2_MIDNIGHT, 100, 200, 300);
        touRead(MARCH_3_MIDNIGHT, 4_100, 6_200, 2_300);

        DailyUse day = days().get(0);
        assertThat(day.energy()).isEqualTo(new Energy(4_000, 6_000, 2_000));
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT);
    }

    @Test
    void shouldStartANewBaselineAtAMeterSwap() throws Exception {
        read(MARCH_2_MIDNIGHT, 900_000);
        read(MARCH_2_MIDNIGHT.plus(Duration.ofHours(12)), 906_000);
        receive(
                new MeterReading(
                        METER,
                        MARCH_2_MIDNIGHT.plus(Duration.ofHours(13)).toEpochMilli(),
                        0,
                        false,
                        0,
                        0,
                        0,
                        true));
        read(MARCH_3_MIDNIGHT, 5_500);

        assertThat(days()).extracting(DailyUse::totalWh).containsExactly(11_500L);
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT);
    }

    @Test
    void shouldHoldTheDaysOfAMeterUntilItsOwnerIsKnown() throws Exception {
        receive(new MeterReading("M-2", MARCH_2_MIDNIGHT.toEpochMilli(), 0, false, 0, 0, 0, false));
        receive(
                new MeterReading(
                        "M-2", MARCH_3_MIDNIGHT.toEpochMilli(), 7_000, false, 0, 0, 0, false));
        assertThat(days()).isEmpty();

        CustomerProfile late =
                new CustomerProfile("C-2", "M-2", "G-1", "RESIDENT", true, false, false, 1, true);
        harness.processElement2(new StreamRecord<>(late, MARCH_3_MIDNIGHT.toEpochMilli()));

        assertThat(days())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.customerId).isEqualTo("C-2");
                            assertThat(d.totalWh()).isEqualTo(7_000);
                        });
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT);
    }

    @Test
    void shouldForgetTheWaitingDaysOfAMeterNobodyOwns() throws Exception {
        receive(new MeterReading("M-3", MARCH_2_MIDNIGHT.toEpochMilli(), 0, false, 0, 0, 0, false));
        receive(
                new MeterReading(
                        "M-3", MARCH_3_MIDNIGHT.toEpochMilli(), 7_000, false, 0, 0, 0, false));

        assertThat(days()).isEmpty();
        assertForgottenAfterTtl(MARCH_3_MIDNIGHT);
    }
}
