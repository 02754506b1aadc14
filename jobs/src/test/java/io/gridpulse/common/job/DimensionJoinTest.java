package io.gridpulse.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class DimensionJoinTest {

    /** Passes both inputs on. */
    private static final class Both extends KeyedCoProcessFunction<String, String, String, String> {
        @Override
        public void processElement1(String value, Context ctx, Collector<String> out) {
            out.collect(value);
        }

        @Override
        public void processElement2(String value, Context ctx, Collector<String> out) {
            out.collect(value);
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, String, String, String> harness()
            throws Exception {
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new DimensionJoin<>(new Both()), v -> v, v -> v, Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void shouldFollowTheEventsAloneWhileTheDimensionIsIdle() throws Exception {
        try (var harness = harness()) {
            harness.processWatermarkStatus2(WatermarkStatus.IDLE);
            harness.processWatermark1(new Watermark(100));
            harness.processElement2(new StreamRecord<>("customer", 50));

            assertThat(harness.getOutput())
                    .containsExactly(new Watermark(100), new StreamRecord<>("customer", 50));
        }
    }

    @Test
    void shouldStandStillWithoutAnnouncingIdleWhenEveryInputIsIdle() throws Exception {
        try (var harness = harness()) {
            harness.processWatermarkStatus2(WatermarkStatus.IDLE);
            harness.processWatermark1(new Watermark(100));
            harness.processWatermarkStatus1(WatermarkStatus.IDLE);
            harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
            harness.processWatermark1(new Watermark(200));

            assertThat(harness.getOutput())
                    .as("no IDLE, no ACTIVE: downstream waits for this subtask")
                    .containsExactly(new Watermark(100), new Watermark(200));
        }
    }
}
