package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day's collection success rate judges the reads expected by the time it is written: the elapsed
 * share of a day still running. A day written while it ran (the unit's event time behind the day's
 * end when its reads arrived, e.g. another input of the job behind) must be written again once it
 * is over, whether or not anything else arrives for it; found by drill {@code kpi-faults}, where
 * days of a city fed live kept 0/0 or a third of their expected reads.
 */
class UnitKpisTest {

    /** One active customer with a 15-minute meter: 96 reads a day. */
    private static final long READS_PER_DAY = 96;

    private KeyedOneInputStreamOperatorTestHarness<String, KpiFact, KpiRow> units;

    @BeforeEach
    void setUp() throws Exception {
        units =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new UnitKpis(CALENDAR, KPIS, EMIT_INTERVAL),
                        KpiFact::unitKey,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        units.close();
    }

    @Test
    void shouldJudgeADayWrittenWhileItRanAgainWhenItEnds() throws Exception {
        send(customerSince(MARCH_10 - 9));
        // the day's reads reach the unit while its event time is still at noon of the day
        send(reads(MARCH_10, 90));
        watermark(MARCH_10_NOON.plus(Duration.ofMinutes(2)));
        assertThat(daily("collection_success_rate").denominator())
                .as("at noon, half the day's reads are expected")
                .isEqualTo(READS_PER_DAY * 12 / 24);

        // nothing else arrives for March 10; event time passes its end
        watermark(MARCH_11.plus(Duration.ofMinutes(2)));

        KpiRow day = daily("collection_success_rate");
        assertThat(day.numerator()).isEqualTo(90);
        assertThat(day.denominator()).as("the whole day's reads expected").isEqualTo(96);
        assertThat(monthly("collection_success_rate").denominator())
                .as("March 1 to 10, each day over")
                .isEqualTo(10 * READS_PER_DAY);
    }

    @Test
    void shouldWriteADayOverOnlyOnceAndLeaveNoStateOrTimersBeyondTheHorizon() throws Exception {
        send(customerSince(MARCH_10 - 9));
        send(closedOn(MARCH_10 + 5));
        send(reads(MARCH_10, 96));
        watermark(MARCH_11.plus(Duration.ofMinutes(2)));
        watermark(MARCH_20);
        assertThat(versions("collection_success_rate"))
                .as("written once: the day was over when it was written")
                .isEqualTo(1);

        send(reads(MARCH_10 + 1, 96));
        watermark(MARCH_20.plus(Duration.ofDays(1)));
        watermark(BEYOND_THE_HORIZON);

        assertThat(units.numKeyedStateEntries()).isZero();
        assertThat(units.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldCountAndWriteFactsThatArriveAfterTheEndOfTime() throws Exception {
        send(reads(MARCH_10, 90));
        units.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(daily("collection_success_rate").numerator()).isEqualTo(90);

        // a drain: a sister operator that was idle (its inputs paused) fires its timers after
        // this one reached the end of time; its facts are counted, not dropped as late
        send(reads(MARCH_10, 6));

        assertThat(daily("collection_success_rate").numerator()).isEqualTo(96);
        assertThat(units.getSideOutput(UnitKpis.LATE)).isNullOrEmpty();
    }

    /** The counts of one active customer in {@link #GRID} from the start of {@code day} on. */
    private static KpiFact customerSince(long day) {
        KpiFact f = new KpiFact();
        f.type = FactType.CUSTOMERS;
        f.id = CUSTOMER;
        f.customerId = CUSTOMER;
        f.timeMs = CALENDAR.startOfDay(day);
        f.counts = new long[CustomerCounts.SIZE];
        f.counts[CustomerCounts.ACTIVE] = 1;
        f.counts[CustomerCounts.EXPECTED_READS_PER_DAY] = READS_PER_DAY;
        return f.in(Level.GRID, GRID);
    }

    /**
     * {@code received} reads of the grid's meter on {@code day}, as the day's count reports them.
     */
    private static KpiFact reads(long day, long received) {
        KpiFact f = new KpiFact();
        f.type = FactType.READS;
        f.id = "M-0000042";
        f.timeMs = CALENDAR.startOfDay(day);
        f.received = received;
        return f.in(Level.GRID, GRID);
    }

    /** The customer of {@link #customerSince} leaves on {@code day}: its counts taken back. */
    private static KpiFact closedOn(long day) {
        KpiFact f = customerSince(day);
        f.counts[CustomerCounts.ACTIVE] = -1;
        f.counts[CustomerCounts.EXPECTED_READS_PER_DAY] = -READS_PER_DAY;
        return f;
    }

    private void send(KpiFact fact) throws Exception {
        units.processElement(new StreamRecord<>(fact, fact.timeMs));
    }

    private void watermark(Instant at) throws Exception {
        units.processWatermark(new Watermark(ms(at)));
    }

    /** The newest row of {@code kpi} for March 10. */
    private KpiRow daily(String kpi) {
        return newest(units.extractOutputValues(), kpi, "2026-03-10");
    }

    /** The newest row of {@code kpi} for March. */
    private KpiRow monthly(String kpi) {
        return newest(
                units.getSideOutput(UnitKpis.MONTHLY).stream().map(StreamRecord::getValue).toList(),
                kpi,
                "2026-03-01");
    }

    private long versions(String kpi) {
        return units.extractOutputValues().stream()
                .filter(r -> r.kpi().equals(kpi) && r.periodStart().equals("2026-03-10"))
                .count();
    }

    private static KpiRow newest(List<KpiRow> rows, String kpi, String period) {
        return rows.stream()
                .filter(r -> r.kpi().equals(kpi) && r.periodStart().equals(period))
                .max(Comparator.comparingLong(KpiRow::version))
                .orElseThrow(() -> new AssertionError("no row of " + kpi + " for " + period));
    }
}
