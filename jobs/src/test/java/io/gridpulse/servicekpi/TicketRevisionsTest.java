package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketRevisionsTest {

    private KeyedOneInputStreamOperatorTestHarness<String, KpiFact, KpiFact> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new TicketRevisions(CALENDAR), f -> f.id, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void receive(KpiFact fact) throws Exception {
        harness.processElement(new StreamRecord<>(fact, fact.timeMs));
    }

    private List<KpiFact> out() {
        return harness.extractOutputValues();
    }

    @Test
    void shouldKeepTheHighestRevisionWhateverTheArrivalOrder() throws Exception {
        receive(revision(complaintOpened(MARCH_10_MORNING).setRevision(2).setVerified(true)));
        receive(revision(complaintOpened(MARCH_10_MORNING).setRevision(1).setVerified(false)));

        assertThat(out()).hasSize(1);
        assertThat(out().get(0).revision).isEqualTo(2);
        assertThat(out().get(0).verified).isTrue();
    }

    @Test
    void shouldRemoveTheTicketFromTheGridItLeftWhenItMoves() throws Exception {
        receive(revision(complaintOpened(MARCH_10_MORNING).setGridId(OTHER_GRID)));
        receive(revision(complaintOpened(MARCH_10_MORNING).setRevision(1).setGridId(GRID)));

        assertThat(out())
                .extracting(f -> f.type, f -> f.gridId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FactType.TICKET, OTHER_GRID),
                        org.assertj.core.groups.Tuple.tuple(FactType.TICKET_REMOVED, OTHER_GRID),
                        org.assertj.core.groups.Tuple.tuple(FactType.TICKET, GRID));
    }

    @Test
    void shouldCountATicketWithoutAGridAsUnassigned() throws Exception {
        receive(revision(complaintOpened(MARCH_10_MORNING).setGridId(null)));

        assertThat(out().get(0).gridId).isEqualTo(KpiFact.UNASSIGNED);
    }

    @Test
    void shouldForgetTheTicketWhenItsMonthLeavesTheHorizon() throws Exception {
        receive(revision(complaintOpened(MARCH_10_MORNING)));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(new Watermark(ms(BEYOND_THE_HORIZON)));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldSendACorrectionBeyondTheHorizonToLateRecords() throws Exception {
        harness.processWatermark(new Watermark(ms(BEYOND_THE_HORIZON)));
        receive(
                revision(
                        complaintOpened(MARCH_10_MORNING)
                                .setRevision(5)
                                .setUpdatedAt(BEYOND_THE_HORIZON.plus(Duration.ofHours(1)))));

        assertThat(out()).isEmpty();
        assertThat(harness.getSideOutput(TicketRevisions.LATE)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
