package io.gridpulse.servicekpi;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.Parsers;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Configuration keys of the service-KPI job. */
public final class ServiceKpiKeys {

    public static final ConfigKey<ZoneId> COMPANY_ZONE =
            ConfigKey.of(
                    "company.zone",
                    ZoneId.of("Asia/Shanghai"),
                    ServiceKpiKeys::zone,
                    "Time zone of the company's calendar: KPI days and months are local days and months");

    public static final ConfigKey<Integer> CORRECTION_HORIZON_MONTHS =
            ConfigKey.of(
                    "service.kpi.correction.horizon.months",
                    13,
                    Parsers::positiveInt,
                    "How many months back a ticket correction still changes a KPI; state is kept that long");

    public static final ConfigKey<TicketDeadlines> TICKET_DEADLINES =
            ConfigKey.of(
                    "service.kpi.ticket.deadlines",
                    TicketDeadlines.parse(
                            "OUTAGE=1d,ARREARS_DISCONNECTION=1d,POWER_QUALITY=3d,*=5d"),
                    TicketDeadlines::parse,
                    "How long a complaint may stay open, per category (CATEGORY=duration,...,*=duration)");

    public static final ConfigKey<Duration> EMIT_INTERVAL =
            ConfigKey.of(
                    "service.kpi.emit.interval",
                    Duration.ofMinutes(1),
                    Parsers::duration,
                    "Changed KPI rows are written at most once per this much event time");

    public static final ConfigKey<Duration> READS_LATENESS =
            ConfigKey.of(
                    "service.kpi.reads.lateness",
                    Duration.ofDays(1),
                    Parsers::duration,
                    "How long after a day ends a re-sent read still counts for it (collection rate)");

    public static final ConfigKey<Double> BINDING_TARGET =
            ConfigKey.of(
                    "service.kpi.binding.target",
                    0.9,
                    ServiceKpiKeys::share,
                    "Target of the contact-verified, SMS-binding and WeChat-binding rates");

    public static final ConfigKey<Integer> PAYMENT_CHANNELS_TARGET =
            ConfigKey.of(
                    "service.kpi.payment.channels.target",
                    5,
                    Parsers::positiveInt,
                    "Payment channels that must be in use in a unit");

    public static final ConfigKey<Integer> PAYMENT_CHANNELS_TARGET_RURAL =
            ConfigKey.of(
                    "service.kpi.payment.channels.target.rural",
                    4,
                    Parsers::positiveInt,
                    "Payment channels that must be in use in a mostly rural unit");

    private ServiceKpiKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(
                COMPANY_ZONE,
                CORRECTION_HORIZON_MONTHS,
                TICKET_DEADLINES,
                EMIT_INTERVAL,
                READS_LATENESS,
                BINDING_TARGET,
                PAYMENT_CHANNELS_TARGET,
                PAYMENT_CHANNELS_TARGET_RURAL);
    }

    private static ZoneId zone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "expected a time zone like Asia/Shanghai, got '" + raw + "'");
        }
    }

    private static Double share(String raw) {
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a share like 0.9, got '" + raw + "'");
        }
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException("expected a share above 0 and at most 1, got " + v);
        }
        return v;
    }
}
