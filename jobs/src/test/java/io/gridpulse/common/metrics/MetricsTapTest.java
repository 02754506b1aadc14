package io.gridpulse.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The metrics tap reports each wall-clock window's records per stream when the window ends, with
 * the event-time lag, and the last partial window when the input ends.
 */
class MetricsTapTest {

    private static final long WINDOW = 5_000;
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();

    /** Event time a minute behind the wall clock. */
    private static final long EVENT = T0 - 60_000;

    private static OneInputStreamOperatorTestHarness<String, JobMetric> harness() throws Exception {
        var harness =
                new OneInputStreamOperatorTestHarness<String, JobMetric>(
                        new MetricsTap<>(
                                "consumption",
                                s -> s.startsWith("c") ? "customers" : "meter-reads",
                                WINDOW));
        harness.setProcessingTime(T0 + 1_000);
        harness.open();
        return harness;
    }

    @Test
    void shouldEmitOneRowPerStreamWhenAWindowEnds() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>("m1", EVENT));
            harness.processElement(new StreamRecord<>("m2", EVENT + 10_000));
            harness.processElement(new StreamRecord<>("c1", EVENT));
            assertThat(harness.extractOutputValues()).as("the window is still open").isEmpty();

            harness.setProcessingTime(T0 + WINDOW);
            assertThat(harness.extractOutputValues())
                    .containsExactlyInAnyOrder(
                            new JobMetric(
                                    "consumption",
                                    "meter-reads",
                                    0,
                                    Instant.ofEpochMilli(T0),
                                    5,
                                    2,
                                    2,
                                    Instant.ofEpochMilli(EVENT + 10_000),
                                    55),
                            new JobMetric(
                                    "consumption",
                                    "customers",
                                    0,
                                    Instant.ofEpochMilli(T0),
                                    5,
                                    1,
                                    1,
                                    Instant.ofEpochMilli(EVENT),
                                    65));
        }
    }

    @Test
    void shouldWriteNothingForASilentWindowAndKeepTheTotal() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>("m1", EVENT));
            harness.setProcessingTime(T0 + WINDOW);
            harness.setProcessingTime(T0 + 2 * WINDOW);
            assertThat(harness.extractOutputValues()).hasSize(1);

            harness.processElement(new StreamRecord<>("m2", EVENT + 1_000));
            harness.setProcessingTime(T0 + 3 * WINDOW);
            var rows = harness.extractOutputValues();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).windowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 2 * WINDOW));
            assertThat(rows.get(1).records()).isEqualTo(1);
            assertThat(rows.get(1).recordsTotal()).isEqualTo(2);
        }
    }

    @Test
    void shouldReportThePartialWindowWhenTheInputEnds() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new StreamRecord<>("m1", EVENT));
            harness.setProcessingTime(T0 + 3_000);
            harness.endInput();
            assertThat(harness.extractOutputValues())
                    .containsExactly(
                            new JobMetric(
                                    "consumption",
                                    "meter-reads",
                                    0,
                                    Instant.ofEpochMilli(T0),
                                    5,
                                    1,
                                    1,
                                    Instant.ofEpochMilli(EVENT),
                                    63));
        }
    }
}
