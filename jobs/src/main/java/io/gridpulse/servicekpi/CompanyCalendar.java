package io.gridpulse.servicekpi;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The company's local calendar (days and months in {@code company.zone}) and the correction
 * horizon: how far back a change to a ticket, a notice or a payment may still correct a KPI.
 *
 * <p>Everything dated in a month expires together, at the start of the month {@code horizon + 1}
 * months later, so a month is either fully in state or gone: a KPI of a month is never recomputed
 * from half its data.
 */
public final class CompanyCalendar implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final int horizonMonths;

    public CompanyCalendar(ZoneId zone, int horizonMonths) {
        this.zone = zone;
        this.horizonMonths = horizonMonths;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The local day of an instant, as an epoch day. */
    public long day(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), zone).toEpochDay();
    }

    /** The first instant of a local day. */
    public long startOfDay(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The first day of the month a day is in, as an epoch day. */
    public static long monthOf(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).withDayOfMonth(1).toEpochDay();
    }

    /** The last day of the month starting on {@code month}, as an epoch day. */
    public static long lastDayOfMonth(long month) {
        return LocalDate.ofEpochDay(month).plusMonths(1).toEpochDay() - 1;
    }

    /** When everything dated at {@code epochMs} leaves the correction horizon (event time). */
    public long expiresAt(long epochMs) {
        LocalDate month =
                LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), zone).withDayOfMonth(1);
        return month.plusMonths(horizonMonths + 1L).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public boolean expired(long epochMs, long watermark) {
        return watermark >= expiresAt(epochMs);
    }
}
