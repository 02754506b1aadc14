package io.gridpulse.highbill;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.Parsers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Configuration keys of the high-bill job: tariff, alert rule, quiet hours, billing cycle. */
public final class HighBillKeys {

    public static final ConfigKey<ZoneId> COMPANY_ZONE =
            ConfigKey.of(
                    "company.zone",
                    ZoneId.of("Asia/Shanghai"),
                    HighBillKeys::zone,
                    "Time zone of the company's calendar: billing days, weekdays, quiet hours");
    public static final ConfigKey<BigDecimal> ALERT_SHARE =
            ConfigKey.of(
                    "highbill.alert.share",
                    new BigDecimal("0.30"),
                    HighBillKeys::nonNegativeDecimal,
                    "Alert when the projected bill exceeds the base by more than this share (0.30 = 30 %)");
    public static final ConfigKey<BigDecimal> ALERT_FLOOR =
            ConfigKey.of(
                    "highbill.alert.floor",
                    new BigDecimal("20"),
                    HighBillKeys::nonNegativeDecimal,
                    "... and by at least this many CNY, so small bills do not alert over a few yuan");
    public static final ConfigKey<Integer> FIRST_DAYS =
            ConfigKey.of(
                    "highbill.alert.first.days",
                    7,
                    Parsers::positiveInt,
                    "No alert before this many days of the period have passed");
    public static final ConfigKey<String> QUIET_HOURS =
            ConfigKey.of(
                    "highbill.quiet.hours",
                    "21:00-08:00",
                    HighBillKeys::quietHours,
                    "Local hours (company.zone) no alert is sent in; an alert due then waits for the end");
    public static final ConfigKey<Integer> CYCLE_MONTHS =
            ConfigKey.of(
                    "highbill.billing.cycle.months",
                    1,
                    Parsers::positiveInt,
                    "Length of a billing period in months (1 monthly, 2 bimonthly)");
    public static final ConfigKey<Integer> DEFAULT_BILLING_DAY =
            ConfigKey.of(
                    "highbill.billing.day",
                    1,
                    HighBillKeys::dayOfMonth,
                    "Billing day of customers whose record has none (1 to 28)");
    public static final ConfigKey<Integer> PROFILE_DAYS =
            ConfigKey.of(
                    "highbill.profile.days",
                    7,
                    Parsers::positiveInt,
                    "Recent days whose weekday and weekend means project the rest of the period");
    public static final ConfigKey<BigDecimal> RECENT_WEIGHT =
            ConfigKey.of(
                    "highbill.projection.recent.weight",
                    new BigDecimal("0.5"),
                    HighBillKeys::weight,
                    "Weight of the recent days against last year's same period in the rest of the period"
                            + " (1 = the recent days alone); without last year's bill the recent days alone");
    public static final ConfigKey<String> RESIDENTIAL_TIERS =
            ConfigKey.of(
                    "highbill.tariff.residential.tiers",
                    "200,400",
                    HighBillKeys::decimals,
                    "Upper limits of the residential tiers (阶梯), kWh per month of the period");
    public static final ConfigKey<String> RESIDENTIAL_SURCHARGES =
            ConfigKey.of(
                    "highbill.tariff.residential.tier.surcharges",
                    "0,0.05,0.30",
                    HighBillKeys::decimals,
                    "Surcharge per kWh of each tier, CNY, one more than the limits");
    public static final ConfigKey<String> RESIDENTIAL_PRICES =
            ConfigKey.of(
                    "highbill.tariff.residential.tou.prices",
                    "0.6170,0.5680,0.3070",
                    HighBillKeys::decimals,
                    "Residential price per kWh at peak, flat and valley time, CNY; meters without time-of-use registers pay flat");
    public static final ConfigKey<String> BUSINESS_PRICES =
            ConfigKey.of(
                    "highbill.tariff.business.tou.prices",
                    "1.0220,0.8300,0.4100",
                    HighBillKeys::decimals,
                    "Shop and industry price per kWh at peak, flat and valley time, CNY (no tiers)");
    public static final ConfigKey<String> SEGMENT_BASE =
            ConfigKey.of(
                    "highbill.segment.typical.bill",
                    "RESIDENT=130,RENTER=75,SHOP=900,INDUSTRY=14000,UNKNOWN=130",
                    HighBillKeys::segmentBills,
                    "Typical monthly bill per segment, CNY: the base of a customer with no bill for the period last year");
    public static final ConfigKey<Duration> HISTORY_HORIZON =
            ConfigKey.of(
                    "highbill.history.horizon",
                    Duration.ofDays(400),
                    Parsers::duration,
                    "A customer with no read, bill or record change for this long (event time) is forgotten; longer than a year, for last year's bill");
    public static final ConfigKey<Duration> METER_STATE_TTL =
            ConfigKey.of(
                    "highbill.meter.state.ttl",
                    Duration.ofDays(35),
                    Parsers::duration,
                    "A meter silent this long (event time) forgets its last read and its owner");

    private HighBillKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(
                COMPANY_ZONE,
                ALERT_SHARE,
                ALERT_FLOOR,
                FIRST_DAYS,
                QUIET_HOURS,
                CYCLE_MONTHS,
                DEFAULT_BILLING_DAY,
                PROFILE_DAYS,
                RECENT_WEIGHT,
                RESIDENTIAL_TIERS,
                RESIDENTIAL_SURCHARGES,
                RESIDENTIAL_PRICES,
                BUSINESS_PRICES,
                SEGMENT_BASE,
                HISTORY_HORIZON,
                METER_STATE_TTL);
    }

    static ZoneId zone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "expected a time zone like Asia/Shanghai, got '" + raw + "'");
        }
    }

    static BigDecimal weight(String raw) {
        BigDecimal value = nonNegativeDecimal(raw);
        if (value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("expected a weight from 0 to 1, got " + raw);
        }
        return value;
    }

    static BigDecimal nonNegativeDecimal(String raw) {
        BigDecimal value;
        try {
            value = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got '" + raw + "'");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("expected a number of 0 or more, got " + raw);
        }
        return value;
    }

    static int dayOfMonth(String raw) {
        int day = Parsers.positiveInt(raw);
        if (day > 28) {
            throw new IllegalArgumentException("expected a day from 1 to 28, got " + day);
        }
        return day;
    }

    /** A comma-separated list of non-negative decimals, kept as text (parsed by the tariff). */
    static String decimals(String raw) {
        for (String part : raw.split(",")) {
            nonNegativeDecimal(part.trim());
        }
        return raw;
    }

    static String quietHours(String raw) {
        QuietHours.parse(raw);
        return raw;
    }

    static String segmentBills(String raw) {
        SegmentBases.parse(raw);
        return raw;
    }
}
