package io.gridpulse.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SwitchEventOwnerTest {

    private static final Duration WAIT = Duration.ofDays(7);
    private static final String METER = "M-000007";
    private static final Instant CUT_OFF = Instant.parse("2026-03-02T09:02:00Z");

    private KeyedTwoInputStreamOperatorTestHarness<String, SwitchStep, MeterOwner, SwitchStep>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new SwitchEventOwner(WAIT.toMillis()),
                        s -> s.meterId,
                        o -> o.meterId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static SwitchStep cutOff(String reportedCustomer) {
        return new SwitchStep(
                "E-1",
                METER,
                reportedCustomer,
                SwitchStep.DISCONNECT,
                SwitchStep.EXECUTED,
                SwitchStep.ARREARS,
                null,
                CUT_OFF.toEpochMilli());
    }

    private void receive(SwitchStep step) throws Exception {
        harness.processElement1(new StreamRecord<>(step, step.timeMs));
    }

    private void map(String customer) throws Exception {
        harness.processElement2(new StreamRecord<>(new MeterOwner(METER, customer), 0L));
    }

    @Test
    void shouldGiveAnEventTheCustomerOfItsMeterFromTheChangelog() throws Exception {
        map("C-1");
        receive(cutOff("C-STALE"));

        assertThat(harness.extractOutputValues())
                .extracting(s -> s.customerId)
                .containsExactly("C-1");
    }

    @Test
    void shouldHoldAnEventOfAnUnmappedMeterUntilTheMappingArrives() throws Exception {
        receive(cutOff(null));
        assertThat(harness.extractOutputValues()).isEmpty();

        map("C-1");

        assertThat(harness.extractOutputValues())
                .extracting(s -> s.customerId)
                .containsExactly("C-1");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the mapping itself
    }

    @Test
    void shouldFallBackToTheReportedCustomerWhenNoMappingArrivesInTime() throws Exception {
        receive(cutOff("C-9"));
        harness.processBothWatermarks(new Watermark(CUT_OFF.plus(WAIT).toEpochMilli()));

        assertThat(harness.extractOutputValues())
                .extracting(s -> s.customerId)
                .containsExactly("C-9");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldDropAndCountAnEventNobodyOwns() throws Exception {
        receive(cutOff(null));
        harness.processBothWatermarks(new Watermark(CUT_OFF.plus(WAIT).toEpochMilli()));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
