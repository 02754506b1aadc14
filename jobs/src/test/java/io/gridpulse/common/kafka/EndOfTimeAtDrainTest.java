package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EndOfTimeAtDrainTest {

    @Test
    void shouldEndEventTimeWhenAnIdleSourceEnds() throws Exception {
        try (var harness =
                new OneInputStreamOperatorTestHarness<>(new EndOfTimeAtDrain<String>())) {
            harness.open();
            harness.processElement(new StreamRecord<>("read", 10));
            harness.processWatermark(new Watermark(5));
            harness.processWatermarkStatus(WatermarkStatus.IDLE);

            harness.endInput();

            assertThat(harness.getOutput())
                    .containsExactly(
                            new StreamRecord<>("read", 10),
                            new Watermark(5),
                            WatermarkStatus.IDLE,
                            WatermarkStatus.ACTIVE,
                            Watermark.MAX_WATERMARK);
        }
    }

    @Test
    void shouldAddNothingWhenTheSourceEndedEventTimeItself() throws Exception {
        try (var harness =
                new OneInputStreamOperatorTestHarness<>(new EndOfTimeAtDrain<String>())) {
            harness.open();
            harness.processWatermark(Watermark.MAX_WATERMARK);

            harness.endInput();

            assertThat(harness.getOutput()).containsExactly(Watermark.MAX_WATERMARK);
        }
    }
}
