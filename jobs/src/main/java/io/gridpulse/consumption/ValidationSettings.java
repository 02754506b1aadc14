package io.gridpulse.consumption;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.consumption.rules.SegmentThresholds;
import java.io.Serializable;
import java.time.Duration;

/** The consumption job's validation thresholds, read once from the configuration. */
public record ValidationSettings(
        Duration horizon,
        Duration latenessBound,
        int misreadConfirmations,
        int registerDigits,
        double missingReadsTolerance,
        int estimatedEscalation,
        Duration zeroSpan,
        double spikeFactor,
        SegmentThresholds spikeFloorKw,
        int flatlineIntervals,
        double dropRatio,
        int dropDays,
        SegmentThresholds bandExcessKwh,
        double manualToleranceKwh,
        double spikeLevelFactor,
        double bandFactor,
        Duration swapProfileSpan,
        double swapLevelFactor,
        double swapShapeShift,
        Duration spikeMinDuration,
        SegmentThresholds spikeMaxDemandKw)
        implements Serializable {

    public static ValidationSettings defaults() {
        return read(
                new Source() {
                    @Override
                    public <T> T get(ConfigKey<T> key) {
                        return key.defaultValue();
                    }
                });
    }

    public static ValidationSettings of(GridPulseConfig config) {
        return read(
                new Source() {
                    @Override
                    public <T> T get(ConfigKey<T> key) {
                        return config.get(key);
                    }
                });
    }

    private interface Source {
        <T> T get(ConfigKey<T> key);
    }

    private static ValidationSettings read(Source s) {
        return new ValidationSettings(
                s.get(ConsumptionKeys.STATE_TTL),
                s.get(ConsumptionKeys.LATENESS_BOUND),
                s.get(ConsumptionKeys.MISREAD_CONFIRMATIONS),
                s.get(ConsumptionKeys.REGISTER_DIGITS),
                s.get(ConsumptionKeys.MISSING_READS_TOLERANCE),
                s.get(ConsumptionKeys.ESTIMATED_ESCALATION),
                s.get(ConsumptionKeys.ZERO_SPAN),
                s.get(ConsumptionKeys.SPIKE_FACTOR),
                s.get(ConsumptionKeys.SPIKE_FLOOR_KW),
                s.get(ConsumptionKeys.FLATLINE_INTERVALS),
                s.get(ConsumptionKeys.DROP_RATIO),
                s.get(ConsumptionKeys.DROP_DAYS),
                s.get(ConsumptionKeys.BAND_MAX_KWH),
                s.get(ConsumptionKeys.MANUAL_TOLERANCE_KWH),
                s.get(ConsumptionKeys.SPIKE_LEVEL_FACTOR),
                s.get(ConsumptionKeys.BAND_FACTOR),
                s.get(ConsumptionKeys.SWAP_PROFILE_SPAN),
                s.get(ConsumptionKeys.SWAP_LEVEL_FACTOR),
                s.get(ConsumptionKeys.SWAP_SHAPE_SHIFT),
                s.get(ConsumptionKeys.SPIKE_MIN_DURATION),
                s.get(ConsumptionKeys.SPIKE_MAX_DEMAND_KW));
    }

    /** The register's range in Wh: it rolls over to zero here. */
    long registerRangeWh() {
        return (long) Math.pow(10, registerDigits) * 1000;
    }
}
