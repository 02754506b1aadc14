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
                    "power-down",
                    OutageKeys::notifyPolicy,
                    "When OUTAGE_STARTED goes out: 'power-down' (as soon as the meters' power-down events confirm the outage live, otherwise once the registers do), 'confirmed' (once the registers show a power outage, after the power is back) or 'opening' (as soon as the silence is inferred, also for a collection failure)");
    public static final ConfigKey<Double> POWER_DOWN_SHARE =
            ConfigKey.of(
                    "outage.power.down.share",
                    0.5,
                    Parsers::fraction,
                    "A silent area whose silent meters sent power-down events (last gasps) in at least this share is confirmed a power outage live; some last gasps are always lost, and a concentrator that only lost contact sends none");
    public static final ConfigKey<Double> CITY_SILENT_SHARE =
            ConfigKey.of(
                    "outage.city.silent.share",
                    0.3,
                    Parsers::fraction,
                    "When at least this share of the city's watched meters is silent at one tick without power-down events (a head-end or collection-system failure), the area outages opened at that tick are dropped and nobody is told");
    public static final ConfigKey<Integer> CITY_MIN_AREAS =
            ConfigKey.of(
                    "outage.city.min.areas",
                    10,
                    Parsers::positiveInt,
                    "... and at least this many areas are silent at that tick");

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
                NOTIFY_STARTED,
                POWER_DOWN_SHARE,
                CITY_SILENT_SHARE,
                CITY_MIN_AREAS);
    }

    static String notifyPolicy(String raw) {
        String v = raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("power-down") && !v.equals("confirmed") && !v.equals("opening")) {
            throw new IllegalArgumentException(
                    "expected 'power-down', 'confirmed' or 'opening', got '" + raw + "'");
        }
        return v;
    }
}
