package io.gridpulse.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.LateRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeterReadValidatorTest {

    private static final Duration STATE_TTL = Duration.ofDays(3);
    private static final String METER = "M-000042";
    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant QUARTER_PAST = MIDNIGHT.plus(Duration.ofMinutes(15));
    private static final Instant HALF_PAST = MIDNIGHT.plus(Duration.ofMinutes(30));
    private static final Instant ONE_AM = MIDNIGHT.plus(Duration.ofHours(1));
    private static final Instant NEXT_DAY = MIDNIGHT.plus(Duration.ofDays(1));

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, RegisterRead, MeterProfile, IntervalConsumption>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MeterReadValidator(STATE_TTL),
                        r -> r.meterId,
                        p -> p.meterId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static RegisterRead read(Instant at, String kwh) {
        return new RegisterRead(
                METER, at.toEpochMilli(), RegisterRead.toWh(new BigDecimal(kwh)), "AMI", false);
    }

    private static RegisterRead newMeter(Instant at, String kwh) {
        return new RegisterRead(
                METER, at.toEpochMilli(), RegisterRead.toWh(new BigDecimal(kwh)), "AMI", true);
    }

    private void receive(RegisterRead read) throws Exception {
        harness.processElement1(new StreamRecord<>(read, read.readTimeMs));
    }

    private void watermark(Instant at) throws Exception {
        harness.processBothWatermarks(new Watermark(at.toEpochMilli()));
    }

    private List<IntervalConsumption> intervals() {
        return harness.extractOutputValues();
    }

    private List<ConsumptionAnomaly> anomalies() {
        return harness.getSideOutput(MeterReadValidator.ANOMALIES) == null
                ? List.of()
                : harness.getSideOutput(MeterReadValidator.ANOMALIES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private List<LateRecord> late() {
        return harness.getSideOutput(MeterReadValidator.LATE) == null
                ? List.of()
                : harness.getSideOutput(MeterReadValidator.LATE).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @Test
    void shouldEmitTheEnergyBetweenConsecutiveReads() throws Exception {
        receive(read(MIDNIGHT, "100.000"));
        receive(read(QUARTER_PAST, "100.250"));
        receive(read(HALF_PAST, "100.750"));
        watermark(HALF_PAST);

        assertThat(intervals())
                .extracting(
                        IntervalConsumption::intervalEnd,
                        IntervalConsumption::kwh,
                        IntervalConsumption::intervalMinutes)
                .containsExactly(
                        Tuple.tuple(QUARTER_PAST, new BigDecimal("0.250"), 15),
                        Tuple.tuple(HALF_PAST, new BigDecimal("0.500"), 15));
        assertThat(intervals().get(0).gridId()).isEqualTo(MeterProfile.UNASSIGNED_GRID);
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void shouldOrderReadsThatArriveOutOfOrderBeforeComputingDeltas() throws Exception {
        receive(read(HALF_PAST, "100.750"));
        receive(read(MIDNIGHT, "100.000"));
        receive(read(QUARTER_PAST, "100.250"));
        watermark(HALF_PAST);

        assertThat(intervals())
                .extracting(IntervalConsumption::kwh)
                .containsExactly(new BigDecimal("0.250"), new BigDecimal("0.500"));
    }

    @Test
    void shouldWaitForTheWatermarkBeforeApplyingARead() throws Exception {
        receive(read(MIDNIGHT, "100.000"));
        receive(read(QUARTER_PAST, "100.250"));
        watermark(MIDNIGHT);

        assertThat(intervals()).isEmpty();

        watermark(QUARTER_PAST);
        assertThat(intervals()).hasSize(1);
    }

    @Test
    void shouldWorkForAnyReadCadence() throws Exception {
        receive(read(MIDNIGHT, "5000.000"));
        receive(read(ONE_AM, "5001.100"));
        receive(read(NEXT_DAY, "5020.600"));
        watermark(NEXT_DAY);

        assertThat(intervals())
                .extracting(IntervalConsumption::intervalMinutes)
                .containsExactly(60, 23 * 60);
        assertThat(intervals())
                .extracting(IntervalConsumption::kwh)
                .containsExactly(new BigDecimal("1.100"), new BigDecimal("19.500"));
    }

    @Test
    void shouldFlagNegativeDeltaAndKeepTheBaseline() throws Exception {
        receive(read(MIDNIGHT, "100.000"));
        receive(read(QUARTER_PAST, "90.000"));
        receive(read(HALF_PAST, "100.600"));
        watermark(HALF_PAST);

        assertThat(anomalies())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule()).isEqualTo("NEGATIVE_DELTA");
                            assertThat(a.readTime()).isEqualTo(QUARTER_PAST);
                            assertThat(a.observedKwh()).isEqualByComparingTo("90");
                            assertThat(a.baselineKwh()).isEqualByComparingTo("100");
                            assertThat(a.evidence()).contains("fell by 10.000 kWh");
                        });
        assertThat(intervals())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.intervalStart()).isEqualTo(MIDNIGHT);
                            assertThat(i.intervalEnd()).isEqualTo(HALF_PAST);
                            assertThat(i.kwh()).isEqualByComparingTo("0.600");
                        });
    }

    @Test
    void shouldStartANewBaselineOnAReplacedMeter() throws Exception {
        receive(read(MIDNIGHT, "8000.000"));
        receive(newMeter(QUARTER_PAST, "0.100"));
        receive(read(HALF_PAST, "0.400"));
        watermark(HALF_PAST);

        assertThat(anomalies()).isEmpty();
        assertThat(intervals())
                .singleElement()
                .satisfies(i -> assertThat(i.kwh()).isEqualByComparingTo("0.300"));
    }

    @Test
    void shouldFlagADuplicateReadAndCountItOnce() throws Exception {
        receive(read(MIDNIGHT, "100.000"));
        receive(read(QUARTER_PAST, "100.250"));
        receive(read(QUARTER_PAST, "100.250"));
        watermark(QUARTER_PAST);

        assertThat(intervals()).hasSize(1);
        assertThat(anomalies())
                .extracting(ConsumptionAnomaly::rule)
                .containsExactly("DUPLICATE_READ");
    }

    @Test
    void shouldSendReadsBehindTheWatermarkToTheLateOutput() throws Exception {
        receive(read(MIDNIGHT, "100.000"));
        receive(read(HALF_PAST, "100.500"));
        watermark(HALF_PAST);

        receive(read(QUARTER_PAST, "100.250"));

        assertThat(late())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.recordKey()).isEqualTo(METER);
                            assertThat(l.eventTime()).isEqualTo(QUARTER_PAST);
                            assertThat(l.watermarkMs()).isEqualTo(HALF_PAST.toEpochMilli());
                            assertThat(l.payload()).contains("\"total_kwh\":100.250");
                        });
        assertThat(intervals())
                .as("the late read changes nothing")
                .singleElement()
                .satisfies(i -> assertThat(i.kwh()).isEqualByComparingTo("0.500"));
    }

    @Test
    void shouldLabelRowsWithTheOwnerOfTheMeter() throws Exception {
        harness.processElement2(
                new StreamRecord<>(new MeterProfile(METER, "C-7", "GRID-03", "SHOP")));
        receive(read(MIDNIGHT, "1.000"));
        receive(read(QUARTER_PAST, "2.000"));
        watermark(QUARTER_PAST);

        assertThat(intervals())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.customerId()).isEqualTo("C-7");
                            assertThat(i.gridId()).isEqualTo("GRID-03");
                            assertThat(i.segment()).isEqualTo("SHOP");
                        });
    }

    @Test
    void shouldLeaveNoStateOrTimersOnceAMeterIsSilentForTheTtl() throws Exception {
        receive(read(MIDNIGHT, "100.000"));
        receive(read(QUARTER_PAST, "100.250"));
        watermark(QUARTER_PAST);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        watermark(QUARTER_PAST.plus(STATE_TTL).minusMillis(1));
        assertThat(harness.numKeyedStateEntries()).as("still inside the TTL").isPositive();

        watermark(QUARTER_PAST.plus(STATE_TTL));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepTheBaselineWhileReadsKeepComing() throws Exception {
        Instant at = MIDNIGHT;
        receive(read(at, "0.000"));
        for (int day = 1; day <= 5; day++) {
            at = MIDNIGHT.plus(Duration.ofDays(day));
            receive(read(at, day + ".000"));
            watermark(at);
        }

        assertThat(intervals()).hasSize(5);
        assertThat(harness.numEventTimeTimers()).as("one expiry timer, no leftovers").isEqualTo(1);
    }
}
