package io.gridpulse.outage;

import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.Parsers;
import java.time.Duration;
import java.util.List;

/** Configuration keys of the outage inference (part of the consumption job). */
public final class OutageKeys {

    public static final ConfigKey<Double> SHARE =
            ConfigKey.of(
                    "outage.share",
                    0.6,
                    Parsers::fraction,
                    "An outage opens when at least this share of an area's watched meters miss the same expected read");
    public static final ConfigKey<Integer> MIN_METERS =
            ConfigKey.of(
                    "outage.min.meters",
                    3,
                    Parsers::positiveInt,
                    "... and at least this many of them");
    public static final ConfigKey<Duration> TICK =
            ConfigKey.of(
                    "outage.tick",
                    Duration.ofMinutes(15),
                    Parsers::duration,
                    "Event-time step at which each area is judged (the shortest read interval)");
    public static final ConfigKey<Duration> MAX_READ_INTERVAL =
            ConfigKey.of(
                    "outage.max.read.interval",
                    Duration.ofMinutes(60),
                    Parsers::duration,
                    "Only meters read at least this often are watched (daily meters cannot tell an outage in hours)");
    public static final ConfigKey<Duration> SILENCE_WINDOW =
            ConfigKey.of(
                    "outage.silence.window",
                    Duration.ofHours(1),
                    Parsers::duration,
                    "A meter silent for longer than its read interval plus this is no longer watched (a meter fault), so it never counts toward a new outage");
    public static final ConfigKey<Double> POWER_RATIO =
            ConfigKey.of(
                    "outage.power.ratio",
                    0.5,
                    Parsers::fraction,
                    "Registers that advanced by less than this share of the meters' usual use across the silence mean the power was off");
    public static final ConfigKey<Duration> CLASSIFY_WAIT =
            ConfigKey.of(
                    "outage.classify.wait",
                    Duration.ofHours(2),
                    Parsers::duration,
                    "After the reads resume, how long to wait for each resumed meter's next read (its use after the gap) before the registers are judged");
    public static final ConfigKey<String> NOTIFY_STARTED =
            ConfigKey.of(
                    "outage.notify.started",
                    "confirmed",
                    OutageKeys::notifyPolicy,
                    "When OUTAGE_STARTED goes out: 'confirmed' (once the registers show a power outage, never for a collection failure) or 'opening' (as soon as the silence is inferred)");

    private OutageKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(
                SHARE,
                MIN_METERS,
                TICK,
                MAX_READ_INTERVAL,
                SILENCE_WINDOW,
                POWER_RATIO,
                CLASSIFY_WAIT,
                NOTIFY_STARTED);
    }

    static String notifyPolicy(String raw) {
        String v = raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("confirmed") && !v.equals("opening")) {
            throw new IllegalArgumentException(
                    "expected 'confirmed' or 'opening', got '" + raw + "'");
        }
        return v;
    }
}
