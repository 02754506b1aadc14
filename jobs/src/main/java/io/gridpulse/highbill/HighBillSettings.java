package io.gridpulse.highbill;

import io.gridpulse.common.config.GridPulseConfig;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;

/** The high-bill job's configuration, parsed once and shipped with its functions. */
public record HighBillSettings(
        ZoneId zone,
        BigDecimal share,
        BigDecimal floor,
        int firstDays,
        QuietHours quietHours,
        int cycleMonths,
        int defaultBillingDay,
        int profileDays,
        double recentWeight,
        Tariff tariff,
        SegmentBases segmentBases,
        Duration historyHorizon,
        Duration meterStateTtl)
        implements Serializable {

    public static HighBillSettings from(GridPulseConfig config) {
        return new HighBillSettings(
                config.get(HighBillKeys.COMPANY_ZONE),
                config.get(HighBillKeys.ALERT_SHARE),
                config.get(HighBillKeys.ALERT_FLOOR),
                config.get(HighBillKeys.FIRST_DAYS),
                QuietHours.parse(config.get(HighBillKeys.QUIET_HOURS)),
                config.get(HighBillKeys.CYCLE_MONTHS),
                config.get(HighBillKeys.DEFAULT_BILLING_DAY),
                config.get(HighBillKeys.PROFILE_DAYS),
                config.get(HighBillKeys.RECENT_WEIGHT).doubleValue(),
                Tariff.parse(
                        config.get(HighBillKeys.RESIDENTIAL_TIERS),
                        config.get(HighBillKeys.RESIDENTIAL_SURCHARGES),
                        config.get(HighBillKeys.RESIDENTIAL_PRICES),
                        config.get(HighBillKeys.BUSINESS_PRICES)),
                SegmentBases.parse(config.get(HighBillKeys.SEGMENT_BASE)),
                config.get(HighBillKeys.HISTORY_HORIZON),
                config.get(HighBillKeys.METER_STATE_TTL));
    }

    /** The defaults of every key, for tests. */
    public static HighBillSettings defaults() {
        return new HighBillSettings(
                HighBillKeys.COMPANY_ZONE.defaultValue(),
                HighBillKeys.ALERT_SHARE.defaultValue(),
                HighBillKeys.ALERT_FLOOR.defaultValue(),
                HighBillKeys.FIRST_DAYS.defaultValue(),
                QuietHours.parse(HighBillKeys.QUIET_HOURS.defaultValue()),
                HighBillKeys.CYCLE_MONTHS.defaultValue(),
                HighBillKeys.DEFAULT_BILLING_DAY.defaultValue(),
                HighBillKeys.PROFILE_DAYS.defaultValue(),
                HighBillKeys.RECENT_WEIGHT.defaultValue().doubleValue(),
                Tariff.parse(
                        HighBillKeys.RESIDENTIAL_TIERS.defaultValue(),
                        HighBillKeys.RESIDENTIAL_SURCHARGES.defaultValue(),
                        HighBillKeys.RESIDENTIAL_PRICES.defaultValue(),
                        HighBillKeys.BUSINESS_PRICES.defaultValue()),
                SegmentBases.parse(HighBillKeys.SEGMENT_BASE.defaultValue()),
                HighBillKeys.HISTORY_HORIZON.defaultValue(),
                HighBillKeys.METER_STATE_TTL.defaultValue());
    }

    /** The same settings with another weight of the recent days in the projection. */
    public HighBillSettings withRecentWeight(double weight) {
        return new HighBillSettings(
                zone,
                share,
                floor,
                firstDays,
                quietHours,
                cycleMonths,
                defaultBillingDay,
                profileDays,
                weight,
                tariff,
                segmentBases,
                historyHorizon,
                meterStateTtl);
    }

    /** Days of history the monitor keeps: the longest period plus the profile window. */
    public int retainedDays() {
        return cycleMonths * 31 + profileDays;
    }
}
