package io.gridpulse.servicekpi;

import static io.gridpulse.servicekpi.KpiTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.TicketCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The correction path of a complaint through {@link TicketRevisions} and {@link UnitKpis}: verified
 * later, re-categorised, moved to another grid, closed in a later month. Each correction must
 * replace the month's figures (a newer version of the same rows), never add to them, and all state
 * and timers must be gone once the month leaves the correction horizon.
 */
class TicketCorrectionsTest {

    private KeyedOneInputStreamOperatorTestHarness<String, KpiFact, KpiFact> tickets;
    private KeyedOneInputStreamOperatorTestHarness<String, KpiFact, KpiRow> units;
    private int forwarded;

    @BeforeEach
    void setUp() throws Exception {
        tickets =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new TicketRevisions(CALENDAR), f -> f.id, Types.STRING);
        units =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new UnitKpis(CALENDAR, KPIS, EMIT_INTERVAL),
                        KpiFact::unitKey,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        tickets.close();
        units.close();
    }

    /** A revision through both functions, then event time moves on to write the figures. */
    private void revise(ServiceOrder.Builder order, Instant thenTimeIs) throws Exception {
        KpiFact fact = revision(order);
        tickets.processElement(new StreamRecord<>(fact, fact.timeMs));
        List<KpiFact> facts = tickets.extractOutputValues();
        for (KpiFact f : facts.subList(forwarded, facts.size())) {
            KpiFact routed = f.in(Level.GRID, f.gridId);
            units.processElement(new StreamRecord<>(routed, routed.timeMs));
        }
        forwarded = facts.size();
        watermark(thenTimeIs);
    }

    private void watermark(Instant at) throws Exception {
        tickets.processWatermark(new Watermark(ms(at)));
        units.processWatermark(new Watermark(ms(at)));
    }

    /** The current March figure of a grid: the row with the highest version. */
    private KpiRow march(String grid, String kpi) {
        return units.getSideOutput(UnitKpis.MONTHLY).stream()
                .map(StreamRecord::getValue)
                .filter(r -> r.unitId().equals(grid) && r.kpi().equals(kpi))
                .filter(r -> r.periodStart().equals("2026-03-01"))
                .max(Comparator.comparingLong(KpiRow::version))
                .orElseThrow(() -> new AssertionError("no March row of " + kpi + " in " + grid));
    }

    private long versionsWritten(String grid, String kpi) {
        return units.getSideOutput(UnitKpis.MONTHLY).stream()
                .map(StreamRecord::getValue)
                .filter(r -> r.unitId().equals(grid) && r.kpi().equals(kpi))
                .map(KpiRow::version)
                .filter(Objects::nonNull)
                .distinct()
                .count();
    }

    @Test
    void shouldCountAVerificationThatCameDaysLaterOnce() throws Exception {
        revise(complaintOpened(MARCH_10_MORNING), MARCH_10_NOON);
        assertThat(march(GRID, "complaints_verified").numerator()).isZero();

        revise(
                complaintOpened(MARCH_10_MORNING)
                        .setRevision(1)
                        .setVerified(true)
                        .setUpdatedAt(MARCH_20),
                MARCH_20.plus(Duration.ofMinutes(2)));

        assertThat(march(GRID, "complaints").value()).isEqualTo(1.0);
        assertThat(march(GRID, "complaints_verified").value()).isEqualTo(1.0);
        assertThat(march(GRID, "verified_rate").value()).isEqualTo(1.0);
        assertThat(versionsWritten(GRID, "complaints")).isEqualTo(2);
    }

    @Test
    void shouldMoveARecategorisedComplaintBetweenCategories() throws Exception {
        revise(complaintOpened(MARCH_10_MORNING), MARCH_10_NOON);
        assertThat(march(GRID, "complaints_billing").value()).isEqualTo(1.0);

        revise(
                complaintOpened(MARCH_10_MORNING)
                        .setRevision(1)
                        .setCategory(TicketCategory.METERING)
                        .setUpdatedAt(MARCH_20),
                MARCH_20.plus(Duration.ofMinutes(2)));

        assertThat(march(GRID, "complaints_billing").value()).isZero();
        assertThat(march(GRID, "complaints_metering").value()).isEqualTo(1.0);
        assertThat(march(GRID, "complaints").value()).isEqualTo(1.0);
    }

    @Test
    void shouldMoveAComplaintToTheGridItWasReDispatchedTo() throws Exception {
        revise(complaintOpened(MARCH_10_MORNING).setGridId(OTHER_GRID), MARCH_10_NOON);
        assertThat(march(OTHER_GRID, "complaints").value()).isEqualTo(1.0);

        revise(
                complaintOpened(MARCH_10_MORNING).setRevision(1).setUpdatedAt(MARCH_11),
                MARCH_11.plus(Duration.ofMinutes(2)));

        assertThat(march(OTHER_GRID, "complaints").value()).isZero();
        assertThat(march(GRID, "complaints").value()).isEqualTo(1.0);
    }

    @Test
    void shouldCorrectMarchWhenAComplaintIsClosedInApril() throws Exception {
        Instant firstResponse = MARCH_10_MORNING.plus(Duration.ofMinutes(20));
        revise(
                complaintOpened(MARCH_10_MORNING)
                        .setRevision(1)
                        .setFirstResponseAt(firstResponse)
                        .setUpdatedAt(firstResponse),
                MARCH_20);
        assertThat(march(GRID, "overdue_complaints").value())
                .as("open past its 5-day deadline")
                .isEqualTo(1.0);
        assertThat(march(GRID, "resolution_p50_s").denominator()).isZero();

        Instant closed = APRIL_5.plus(Duration.ofHours(3));
        revise(
                complaintOpened(MARCH_10_MORNING)
                        .setRevision(2)
                        .setFirstResponseAt(firstResponse)
                        .setResolvedAt(closed)
                        .setUpdatedAt(closed),
                closed.plus(Duration.ofMinutes(2)));

        long seconds = Duration.between(MARCH_10_MORNING, closed).toSeconds();
        assertThat(march(GRID, "resolution_p50_s").value()).isEqualTo(seconds);
        assertThat(march(GRID, "resolution_p90_s").value()).isEqualTo(seconds);
        assertThat(march(GRID, "first_response_p50_s").value()).isEqualTo(20 * 60.0);
        assertThat(march(GRID, "overdue_complaints").value())
                .as("closed after its deadline")
                .isEqualTo(1.0);
        assertThat(march(GRID, "complaints").value()).isEqualTo(1.0);
    }

    @Test
    void shouldLeaveNoStateAndNoTimersOnceTheMonthLeavesTheHorizon() throws Exception {
        revise(complaintOpened(MARCH_10_MORNING).setGridId(OTHER_GRID), MARCH_10_NOON);
        revise(
                complaintOpened(MARCH_10_MORNING)
                        .setRevision(1)
                        .setVerified(true)
                        .setCategory(TicketCategory.OUTAGE)
                        .setUpdatedAt(MARCH_11),
                MARCH_11.plus(Duration.ofMinutes(2)));
        assertThat(units.numKeyedStateEntries()).isPositive();

        watermark(BEYOND_THE_HORIZON);

        assertThat(tickets.numKeyedStateEntries()).isZero();
        assertThat(tickets.numEventTimeTimers()).isZero();
        assertThat(units.numKeyedStateEntries()).isZero();
        assertThat(units.numEventTimeTimers()).isZero();
    }
}
