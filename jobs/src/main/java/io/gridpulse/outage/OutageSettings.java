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
        boolean notifyAtOpening,
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
                OutageKeys.NOTIFY_STARTED.defaultValue().equals("opening"),
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
                config.get(OutageKeys.NOTIFY_STARTED).equals("opening"),
                latenessBound.plusDays(1));
    }

    public OutageSettings withNotifyAtOpening(boolean atOpening) {
        return new OutageSettings(
                share,
                minMeters,
                tick,
                maxReadInterval,
                silenceWindow,
                powerRatio,
                classifyWait,
                atOpening,
                memory);
    }

    /** How long a case waits after its window for the area's outages to be judged. */
    long settleMs() {
        return classifyWait.toMillis() + maxReadInterval.toMillis() + tick.toMillis();
    }
}
