package io.gridpulse.consumption;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.Parsers;
import io.gridpulse.consumption.rules.SegmentThresholds;
import java.time.Duration;
import java.util.List;

/** Configuration keys of the consumption job. */
public final class ConsumptionKeys {

    public static final ConfigKey<Duration> STATE_TTL =
            ConfigKey.of(
                    "consumption.state.ttl",
                    Duration.ofDays(400),
                    Parsers::duration,
                    "Horizon: a meter silent this long, in its own time and in the stream's event time, forgets all its state; a read after a longer gap starts afresh");

    public static final ConfigKey<Duration> LATENESS_BOUND =
            ConfigKey.of(
                    "consumption.lateness.bound",
                    Duration.ofDays(1),
                    Parsers::duration,
                    "A read older than the meter's newest read by more than this is late (stored, counted); within it, it is merged and the intervals it touches are corrected");

    public static final ConfigKey<Integer> MISREAD_CONFIRMATIONS =
            ConfigKey.of(
                    "consumption.misread.confirmations",
                    3,
                    Parsers::positiveInt,
                    "Consistent reads below a register it takes to call that register an upward misread and repair the baseline");

    public static final ConfigKey<Integer> REGISTER_DIGITS =
            ConfigKey.of(
                    "consumption.register.digits",
                    6,
                    Parsers::positiveInt,
                    "Whole kWh digits of the register: a fall from the top tenth to the bottom tenth of that range is a rollover, not a negative delta");

    public static final ConfigKey<Double> MISSING_READS_TOLERANCE =
            ConfigKey.of(
                    "consumption.missing.reads.tolerance",
                    2.0,
                    ConsumptionKeys::factor,
                    "A gap between reads longer than the read interval times this is MISSING_READS");

    public static final ConfigKey<Integer> ESTIMATED_ESCALATION =
            ConfigKey.of(
                    "consumption.estimated.escalation",
                    3,
                    Parsers::positiveInt,
                    "Estimated reads in a row that make an ESTIMATED_READ case CRITICAL");

    public static final ConfigKey<Duration> ZERO_SPAN =
            ConfigKey.of(
                    "consumption.zero.span",
                    Duration.ofDays(7),
                    Parsers::duration,
                    "No use at all for longer than this is ZERO_CONSUMPTION");

    public static final ConfigKey<Double> SPIKE_FACTOR =
            ConfigKey.of(
                    "consumption.spike.factor",
                    4.5,
                    ConsumptionKeys::factor,
                    "SPIKE: interval power above this many times the meter's baseline for that time of day");

    public static final ConfigKey<Double> SPIKE_LEVEL_FACTOR =
            ConfigKey.of(
                    "consumption.spike.level.factor",
                    7.0,
                    ConsumptionKeys::factor,
                    "SPIKE: and above this many times the meter's average power over the last day or so");

    public static final ConfigKey<Duration> SPIKE_MIN_DURATION =
            ConfigKey.of(
                    "consumption.spike.min.duration",
                    Duration.ofMinutes(30),
                    Parsers::duration,
                    "SPIKE: the high intervals must last this long (one interval of at least this length, or a run of shorter ones) before a case opens");

    public static final ConfigKey<SegmentThresholds> SPIKE_FLOOR_KW =
            ConfigKey.of(
                    "consumption.spike.floor.kw",
                    SegmentThresholds.parse("RESIDENT:1.5,RENTER:1,SHOP:4,INDUSTRY:50,*:1.5"),
                    SegmentThresholds::parse,
                    "SPIKE: and above the baseline by more than this many kW, per segment (SEGMENT:kW,...,*:kW)");

    public static final ConfigKey<SegmentThresholds> SPIKE_MAX_DEMAND_KW =
            ConfigKey.of(
                    "consumption.spike.max.demand.kw",
                    SegmentThresholds.parse("RESIDENT:12,RENTER:8,SHOP:60,INDUSTRY:2000,*:12"),
                    SegmentThresholds::parse,
                    "SPIKE: interval power above this many kW is a spike whatever the meter's history (a new meter's first day too): more than a connection of the segment draws, per segment");

    public static final ConfigKey<Integer> FLATLINE_INTERVALS =
            ConfigKey.of(
                    "consumption.flatline.intervals",
                    48,
                    Parsers::positiveInt,
                    "FLATLINE: this many intervals in a row with exactly the same non-zero energy");

    public static final ConfigKey<Double> DROP_RATIO =
            ConfigKey.of(
                    "consumption.drop.ratio",
                    0.4,
                    ConsumptionKeys::factor,
                    "SUSTAINED_DROP: daily use below this share of the meter's long baseline ...");

    public static final ConfigKey<Integer> DROP_DAYS =
            ConfigKey.of(
                    "consumption.drop.days",
                    7,
                    Parsers::positiveInt,
                    "SUSTAINED_DROP: ... for this many days in a row (days without any use do not count)");

    public static final ConfigKey<Double> BAND_FACTOR =
            ConfigKey.of(
                    "consumption.band.factor",
                    3.5,
                    ConsumptionKeys::factor,
                    "USAGE_OUT_OF_BAND: a day's use above this many times the meter's daily baseline");

    public static final ConfigKey<SegmentThresholds> BAND_MAX_KWH =
            ConfigKey.of(
                    "consumption.band.excess.kwh",
                    SegmentThresholds.parse("RESIDENT:15,RENTER:10,SHOP:60,INDUSTRY:2000,*:15"),
                    SegmentThresholds::parse,
                    "USAGE_OUT_OF_BAND: a day's use above the band and above the meter's baseline by more than this many kWh, per segment");

    public static final ConfigKey<Double> MANUAL_TOLERANCE_KWH =
            ConfigKey.of(
                    "consumption.manual.tolerance.kwh",
                    1.0,
                    ConsumptionKeys::factor,
                    "MANUAL_READ_MISMATCH: how far a manual read may be off the AMI registers around it, kWh");

    public static final ConfigKey<Duration> SWAP_PROFILE_SPAN =
            ConfigKey.of(
                    "consumption.swap.profile.span",
                    Duration.ofDays(7),
                    Parsers::duration,
                    "METER_SWAP profile check: the new meter's use over this much measured time is compared with the old meter's (which needs as much history)");

    public static final ConfigKey<Double> SWAP_LEVEL_FACTOR =
            ConfigKey.of(
                    "consumption.swap.level.factor",
                    2.5,
                    ConsumptionKeys::factor,
                    "METER_SWAP profile check: the new meter's average use above this many times the old meter's, or below its inverse");

    public static final ConfigKey<Double> SWAP_SHAPE_SHIFT =
            ConfigKey.of(
                    "consumption.swap.shape.shift",
                    0.12,
                    ConsumptionKeys::factor,
                    "METER_SWAP profile check: or this share of the day's use (0 to 1) at other times of day than on the old meter");

    private ConsumptionKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(
                STATE_TTL,
                LATENESS_BOUND,
                MISREAD_CONFIRMATIONS,
                REGISTER_DIGITS,
                MISSING_READS_TOLERANCE,
                ESTIMATED_ESCALATION,
                ZERO_SPAN,
                SPIKE_FACTOR,
                SPIKE_LEVEL_FACTOR,
                BAND_FACTOR,
                SPIKE_FLOOR_KW,
                SPIKE_MAX_DEMAND_KW,
                FLATLINE_INTERVALS,
                DROP_RATIO,
                DROP_DAYS,
                BAND_MAX_KWH,
                MANUAL_TOLERANCE_KWH,
                SWAP_PROFILE_SPAN,
                SWAP_LEVEL_FACTOR,
                SWAP_SHAPE_SHIFT,
                SPIKE_MIN_DURATION);
    }

    static double factor(String raw) {
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a number, e.g. 2.5");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("'" + raw + "' must be a positive number");
        }
        return value;
    }
}
