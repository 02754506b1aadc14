package io.gridpulse.servicekpi;

import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.TicketCategory;
import io.gridpulse.schema.TicketChannel;
import io.gridpulse.schema.TicketKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Named instants, units and events shared by the service-KPI tests. */
final class KpiTestData {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final CompanyCalendar CALENDAR = new CompanyCalendar(SHANGHAI, 13);
    static final TicketDeadlines DEADLINES =
            TicketDeadlines.parse("OUTAGE=1d,ARREARS_DISCONNECTION=1d,POWER_QUALITY=3d,*=5d");
    static final PeriodKpis KPIS = new PeriodKpis(CALENDAR, DEADLINES, 0.9, 5, 4);
    static final Duration EMIT_INTERVAL = Duration.ofMinutes(1);

    /** 2026-03-10 09:00 local. */
    static final Instant MARCH_10_MORNING = Instant.parse("2026-03-10T01:00:00Z");

    static final Instant MARCH_10_NOON = Instant.parse("2026-03-10T04:00:00Z");
    static final Instant MARCH_11 = Instant.parse("2026-03-10T16:00:00Z");
    static final Instant MARCH_20 = Instant.parse("2026-03-19T16:00:00Z");
    static final Instant APRIL_5 = Instant.parse("2026-04-04T16:00:00Z");

    /** Past the correction horizon of everything dated in March 2026: May 2027 local. */
    static final Instant BEYOND_THE_HORIZON = Instant.parse("2027-05-01T00:00:00Z");

    static final String GRID = "G-DC-001";
    static final String OTHER_GRID = "G-XC-001";
    static final String STATION = "SS-DC-01";
    static final String COUNTY = "Dongcheng District";
    static final String CUSTOMER = "C-0000042";
    static final String TICKET = "T-42-1";

    static final long MARCH =
            CompanyCalendar.monthOf(CALENDAR.day(MARCH_10_MORNING.toEpochMilli()));
    static final long MARCH_10 = CALENDAR.day(MARCH_10_MORNING.toEpochMilli());

    private KpiTestData() {}

    static ServiceOrder.Builder complaintOpened(Instant at) {
        return ServiceOrder.newBuilder()
                .setTicketId(TICKET)
                .setRevision(0)
                .setCustomerId(CUSTOMER)
                .setGridId(GRID)
                .setChannel(TicketChannel.GRID_PHONE)
                .setKind(TicketKind.COMPLAINT)
                .setCategory(TicketCategory.BILLING)
                .setOpenedAt(at)
                .setUpdatedAt(at);
    }

    static KpiFact revision(ServiceOrder.Builder order) {
        return KpiFact.ticket(order.build());
    }

    static long ms(Instant at) {
        return at.toEpochMilli();
    }
}
