package io.gridpulse.outage;

import io.gridpulse.common.config.GridPulseConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * The outage inference's thresholds.
 *
 * @param memory how long finished outages are kept for the cases still to come (the consumption
 *     job's lateness bound plus a day: rules see an interval a lateness bound after it)
 */
public record OutageSettings(
        double share,
        int minMeters,
        Duration tick,
        Duration maxReadInterval,
        Duration silenceWindow,
        double powerRatio,
        Duration classifyWait,
        String notifyStarted,
        double powerDownShare,
        double citySilentShare,
        int cityMinAreas,
        Duration memory)
        implements Serializable {

    public static OutageSettings defaults(Duration latenessBound) {
        return new OutageSettings(
                OutageKeys.SHARE.defaultValue(),
                OutageKeys.MIN_METERS.defaultValue(),
                OutageKeys.TICK.defaultValue(),
                OutageKeys.MAX_READ_INTERVAL.defaultValue(),
                OutageKeys.SILENCE_WINDOW.defaultValue(),
                OutageKeys.POWER_RATIO.defaultValue(),
                OutageKeys.CLASSIFY_WAIT.defaultValue(),
                OutageKeys.NOTIFY_STARTED.defaultValue(),
                OutageKeys.POWER_DOWN_SHARE.defaultValue(),
                OutageKeys.CITY_SILENT_SHARE.defaultValue(),
                OutageKeys.CITY_MIN_AREAS.defaultValue(),
                latenessBound.plusDays(1));
    }

    public static OutageSettings of(GridPulseConfig config, Duration latenessBound) {
        return new OutageSettings(
                config.get(OutageKeys.SHARE),
                config.get(OutageKeys.MIN_METERS),
                config.get(OutageKeys.TICK),
                config.get(OutageKeys.MAX_READ_INTERVAL),
                config.get(OutageKeys.SILENCE_WINDOW),
                config.get(OutageKeys.POWER_RATIO),
                config.get(OutageKeys.CLASSIFY_WAIT),
                config.get(OutageKeys.NOTIFY_STARTED),
                config.get(OutageKeys.POWER_DOWN_SHARE),
                config.get(OutageKeys.CITY_SILENT_SHARE),
                config.get(OutageKeys.CITY_MIN_AREAS),
                latenessBound.plusDays(1));
    }

    /**
     * The same thresholds with another OUTAGE_STARTED policy ({@link OutageKeys#NOTIFY_STARTED}).
     */
    public OutageSettings withNotifyStarted(String policy) {
        return new OutageSettings(
                share,
                minMeters,
                tick,
                maxReadInterval,
                silenceWindow,
                powerRatio,
                classifyWait,
                OutageKeys.notifyPolicy(policy),
                powerDownShare,
                citySilentShare,
                cityMinAreas,
                memory);
    }

    /** The same thresholds with another city-wide guard. */
    public OutageSettings withCityGuard(double share, int minAreas) {
        return new OutageSettings(
                this.share,
                minMeters,
                tick,
                maxReadInterval,
                silenceWindow,
                powerRatio,
                classifyWait,
                notifyStarted,
                powerDownShare,
                share,
                minAreas,
                memory);
    }

    boolean notifyAtOpening() {
        return notifyStarted.equals("opening");
    }

    boolean notifyAtPowerDown() {
        return notifyStarted.equals("power-down");
    }

    /** How long a case waits after its window for the area's outages to be judged. */
    long settleMs() {
        return classifyWait.toMillis() + maxReadInterval.toMillis() + tick.toMillis();
    }
}
