package io.gridpulse.consumption;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.Parsers;
import java.time.Duration;
import java.util.List;

/** Configuration keys of the consumption job. */
public final class ConsumptionKeys {

    public static final ConfigKey<Duration> STATE_TTL =
            ConfigKey.of(
                    "consumption.state.ttl",
                    Duration.ofDays(3),
                    Parsers::duration,
                    "A meter silent this long (event time) forgets its last read; longer than the slowest read cadence plus gaps");

    private ConsumptionKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(STATE_TTL);
    }
}
