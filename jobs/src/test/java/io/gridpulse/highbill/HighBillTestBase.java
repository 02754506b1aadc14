package io.gridpulse.highbill;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** Named customers, days and bills of the high-bill scenarios. */
abstract class HighBillTestBase {

    /**
     * The defaults, but the rest of the period projected from the recent days alone (weight 1), so
     * the scenarios' decision days are easy to compute by hand; the default blend with last year's
     * same period has tests of its own.
     */
    static final HighBillSettings SETTINGS = HighBillSettings.defaults().withRecentWeight(1);

    static final ZoneId ZONE = SETTINGS.zone();

    static final String ALICE = "C-ALICE";
    static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    static final String PERIOD = "2026-03";
    static final String LAST_YEAR = "2025-03";

    static CustomerProfile resident(String id) {
        return new CustomerProfile(
                id, "M-" + id, "G-DC-001", "RESIDENT", true, true, false, 1, true);
    }

    static CustomerProfile optedOut(CustomerProfile customer) {
        customer.optOut = true;
        return customer;
    }

    /** A bill for the period of last year, issued on 1 April 2025. */
    static BillFact lastYearsBill(String customer, String kwh, String amount) {
        return new BillFact(
                customer,
                LAST_YEAR,
                new BigDecimal(amount).movePointRight(2).longValueExact(),
                new BigDecimal(kwh).movePointRight(3).longValueExact(),
                at(LocalDate.of(2025, 4, 1), LocalTime.of(3, 0)).toEpochMilli());
    }

    /** A day's energy, all at the flat price, three quarters of it in the evening. */
    static DailyUse day(String customer, LocalDate date, long wh) {
        DailyUse day = new DailyUse(customer, date.toEpochDay());
        day.flatWh = wh;
        day.blockWh[0] = wh / 8;
        day.blockWh[1] = wh / 8;
        day.blockWh[3] = wh - 2 * (wh / 8);
        return day;
    }

    static Instant at(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(ZONE).toInstant();
    }

    static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    static Instant afterHorizon(Instant last) {
        return last.plus(SETTINGS.historyHorizon()).plus(Duration.ofDays(1));
    }
}
