package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Facts that reach {@link UnitKpis} after the end of time (a drain: a sister operator that was
 * idle, its inputs paused, fires its timers after the others brought this one to the end) are
 * counted and written, on top of everything before them, not dropped as late.
 */
class UnitKpisEndOfTimeTest {

    private static final String METER = "M-42";

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

    private void reads(long received) throws Exception {
        KpiFact f = new KpiFact();
        f.type = FactType.READS;
        f.id = METER;
        f.timeMs = CALENDAR.startOfDay(MARCH_10);
        f.received = received;
        f.gridId = GRID;
        KpiFact inGrid = f.in(Level.GRID, GRID);
        units.processElement(new StreamRecord<>(inGrid, inGrid.timeMs));
    }

    /** The newest March 10 figure of the grid's reads collected. */
    private long collectedOnMarch10() {
        return units.extractOutputValues().stream()
                .filter(r -> r.kpi().equals("collection_success_rate"))
                .filter(r -> r.periodStart().equals("2026-03-10"))
                .max(Comparator.comparingLong(KpiRow::version))
                .orElseThrow()
                .numerator();
    }

    @Test
    void shouldCountAndWriteFactsThatArriveAfterTheEndOfTime() throws Exception {
        reads(90);
        units.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(collectedOnMarch10()).isEqualTo(90);

        reads(6);

        assertThat(collectedOnMarch10()).isEqualTo(96);
        assertThat(units.getSideOutput(UnitKpis.LATE)).isNullOrEmpty();
    }
}
