package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GridDirectoryTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, KpiFact, GridInfo, KpiFact> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new GridDirectory(CALENDAR), f -> f.gridId, g -> g.gridId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void ticket(KpiFact fact) throws Exception {
        harness.processElement1(new StreamRecord<>(fact, fact.timeMs));
    }

    @Test
    void shouldRouteATicketToItsGridStationAndCountyOnceTheGridIsKnown() throws Exception {
        ticket(revision(complaintOpened(MARCH_10_MORNING)));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement2(new StreamRecord<>(new GridInfo(GRID, STATION, COUNTY)));

        assertThat(harness.extractOutputValues())
                .extracting(KpiFact::unitKey)
                .containsExactly("GRID:" + GRID, "STATION:" + STATION, "COUNTY:" + COUNTY);
    }

    @Test
    void shouldRouteUnassignedTicketsAtOnce() throws Exception {
        ticket(revision(complaintOpened(MARCH_10_MORNING).setGridId(null)));

        assertThat(harness.extractOutputValues())
                .extracting(KpiFact::unitKey)
                .containsExactly("GRID:UNASSIGNED", "STATION:UNASSIGNED", "COUNTY:UNASSIGNED");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldDropTicketsOfAnUnknownGridAfterTheHorizon() throws Exception {
        ticket(revision(complaintOpened(MARCH_10_MORNING).setGridId("G-NOWHERE")));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(ms(BEYOND_THE_HORIZON)));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
