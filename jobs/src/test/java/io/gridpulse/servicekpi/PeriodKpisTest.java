package io.gridpulse.servicekpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodKpisTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final long START = DAY.atStartOfDay(SHANGHAI).toInstant().toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private final PeriodKpis kpis =
            new PeriodKpis(
                    new CompanyCalendar(SHANGHAI, 3),
                    ServiceKpiKeys.TICKET_DEADLINES.defaultValue(),
                    0.9,
                    3,
                    2);

    /** One customer read every 15 minutes, every read of the day so far received. */
    private static PeriodKpis.UnitData everyReadSoFar(long readsSoFar) {
        return new PeriodKpis.UnitData() {
            @Override
            public List<KpiFact> complaints() {
                return List.of();
            }

            @Override
            public long[] countsAtEndOf(long day) {
                long[] counts = new long[CustomerCounts.SIZE];
                counts[CustomerCounts.ACTIVE] = 1;
                counts[CustomerCounts.EXPECTED_READS_PER_DAY] = 96;
                return counts;
            }

            @Override
            public List<KpiFact> notices() {
                return List.of();
            }

            @Override
            public long[] paymentsOn(long day) {
                return null;
            }

            @Override
            public long readsOn(long day) {
                return readsSoFar;
            }
        };
    }

    private KpiRow collectionRate(long readsSoFar, long asOf) {
        long day = DAY.toEpochDay();
        return kpis.rows(Level.GRID, "G-1", day, day, everyReadSoFar(readsSoFar), asOf, 1).stream()
                .filter(r -> r.kpi().equals(Kpi.COLLECTION_SUCCESS_RATE.id()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldExpectOnlyTheElapsedShareOfTheRunningDay() {
        // 08:00 local: 32 of the day's 96 reads are due, and all 32 came in
        KpiRow morning = collectionRate(32, START + 8 * HOUR - 1);

        assertThat(morning.denominator()).isEqualTo(32);
        assertThat(morning.value()).isEqualTo(1.0);
    }

    @Test
    void shouldExpectTheWholeDayOnceItIsOver() {
        KpiRow endOfDay = collectionRate(90, START + 24 * HOUR - 1);
        KpiRow nextMorning = collectionRate(90, START + 30 * HOUR);

        assertThat(endOfDay.denominator()).isEqualTo(96);
        assertThat(nextMorning.denominator()).isEqualTo(96);
        assertThat(nextMorning.numerator()).isEqualTo(90);
    }
}
